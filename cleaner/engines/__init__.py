"""Adapters that run cleaner inside other engines: the shared batch of rows, datatrove, Spark."""
