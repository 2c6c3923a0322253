"""A set of 64-bit hashes in flat memory: about 12 bytes a key instead of Python's ~70.

Python's ``set`` of ints stores an int object (32 bytes) and a 16-byte slot per key, at
most 60% full: a million distinct rows cost over 60 MB per set. This one is open
addressing with linear probing over an ``array('Q')``, kept at most 70% full; zero marks
an empty slot, so the key zero is kept in a flag of its own.
"""

from __future__ import annotations

from array import array

MASK64 = (1 << 64) - 1
MAX_LOAD = 0.7


class HashSet:
    """Distinct 64-bit keys (any int is reduced to 64 bits; keys should be well mixed)."""

    def __init__(self, capacity: int = 1024) -> None:
        size = 1 << max(capacity - 1, 1).bit_length()
        self._slots = array("Q", bytes(8 * size))
        self._mask = size - 1
        self._count = 0
        self._limit = int(size * MAX_LOAD)
        self._zero = False

    def __len__(self) -> int:
        return self._count

    def __contains__(self, key: int) -> bool:
        key &= MASK64
        if not key:
            return self._zero
        return self._slots[self._slot(key)] == key

    def add(self, key: int) -> bool:
        """Add ``key``; False when it was already there."""
        key &= MASK64
        if not key:
            added, self._zero = not self._zero, True
            self._count += added
            return added
        i = self._slot(key)
        if self._slots[i]:
            return False
        self._slots[i] = key
        self._count += 1
        if self._count > self._limit:
            self._grow()
        return True

    def _slot(self, key: int) -> int:
        """Where the non-zero ``key`` is, or else the empty slot where it goes."""
        slots, mask = self._slots, self._mask
        i = key & mask
        while (found := slots[i]) and found != key:
            i = (i + 1) & mask
        return i

    def _grow(self) -> None:
        old = self._slots
        size = len(old) * 2
        self._slots = array("Q", bytes(8 * size))
        self._mask = size - 1
        self._limit = int(size * MAX_LOAD)
        for key in old:
            if key:
                self._slots[self._slot(key)] = key
