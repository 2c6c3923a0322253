"""Benchmarks of the advisor core (not part of the test run): ``python -m bench.core``."""
