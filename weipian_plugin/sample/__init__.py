"""Synthetic sample county (around Ankang) for the demo, the tests and the benchmarks."""
