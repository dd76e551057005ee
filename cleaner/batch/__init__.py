"""Cleaning many files: find inputs, run them in parallel, write outputs atomically, report."""
