"""Benchmarks (not part of the test run): ``python -m bench`` runs them all; each module
also runs alone (``bench.core``, ``bench.slack``, ``bench.memory``, ``bench.startup``,
``bench.load``)."""
