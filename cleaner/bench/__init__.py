"""The side-by-side benchmark: our extractors and installed peers on the same pages, one run."""
