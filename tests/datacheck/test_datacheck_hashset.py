"""The flat hash set behind duplicate detection behaves like Python's set."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from bot.datacheck.hashset import HashSet

KEYS = st.integers(min_value=0, max_value=2**64 - 1)


@given(st.lists(KEYS, max_size=3000), st.lists(KEYS, max_size=50))
def test_the_hash_set_agrees_with_a_python_set(added: list[int], probes: list[int]) -> None:
    flat, reference = HashSet(capacity=8), set()
    for key in added:
        assert flat.add(key) == (key not in reference)
        reference.add(key)
    assert len(flat) == len(reference)
    for key in [*added, *probes]:
        assert (key in flat) == (key in reference)


def test_growing_keeps_every_key() -> None:
    flat = HashSet(capacity=4)
    keys = [(k * 0x9E3779B97F4A7C15) & (2**64 - 1) for k in range(1, 20_000)]
    for key in keys:
        flat.add(key)
    assert len(flat) == len(keys) and all(k in flat for k in keys)


def test_zero_and_one_are_different_keys() -> None:
    flat = HashSet()
    assert flat.add(0) and 1 not in flat
    assert flat.add(1) and not flat.add(0)
    assert len(flat) == 2
