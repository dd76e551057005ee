"""Scoring: body P/R/F1 by 4-token shingles, snippets, per-line label accuracy, and the gate."""
