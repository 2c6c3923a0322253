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
        slots, mask = self._slots, self._mask
        i = key & mask
        while True:
            found = slots[i]
            if found == key:
                return True
            if not found:
                return False
            i = (i + 1) & mask

    def add(self, key: int) -> bool:
        """Add ``key``; False when it was already there."""
        key &= MASK64
        if not key:
            added, self._zero = not self._zero, True
            self._count += added
            return added
        slots, mask = self._slots, self._mask
        i = key & mask
        while True:
            found = slots[i]
            if found == key:
                return False
            if not found:
                slots[i] = key
                self._count += 1
                if self._count > self._limit:
                    self._grow()
                return True
            i = (i + 1) & mask

    def _grow(self) -> None:
        old = self._slots
        size = len(old) * 2
        self._slots = array("Q", bytes(8 * size))
        self._mask = size - 1
        self._limit = int(size * MAX_LOAD)
        slots, mask = self._slots, self._mask
        for key in old:
            if key:
                i = key & mask
                while slots[i]:
                    i = (i + 1) & mask
                slots[i] = key
