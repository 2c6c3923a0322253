"""Duplicates and conflicts, from 64-bit hashes of the normalised text (never the text).

A row is a *duplicate* when its input and output were seen before, and a *conflict* when
its input was seen with a different output (a different label, completion or answer).
Preference data may hold several pairs for one prompt, so there a conflict is a pair seen
before the other way round (chosen and rejected swapped). Memory grows with the number of
distinct inputs (two hashes each, about 25 bytes in all), not with the size of the rows.
"""

from __future__ import annotations

from enum import Enum
from hashlib import blake2b

from bot.datacheck.hashset import HashSet
from bot.datacheck.shapes import Example, normalize


def text_hash(*parts: str) -> int:
    """A 64-bit hash of the parts, the same in every run (the split's order rests on it)."""
    data = "\x1f".join(parts).encode("utf-8", "surrogatepass")
    return int.from_bytes(blake2b(data, digest_size=8).digest(), "big")


class Seen(Enum):
    NEW_INPUT = "new input"
    MORE_FOR_INPUT = "another pair for a prompt already seen (preference only)"
    DUPLICATE = "duplicate"
    CONFLICT = "conflict"


class Deduper:
    """Classifies each valid example against those before it."""

    def __init__(self, preference: bool) -> None:
        self.preference = preference
        self.inputs = HashSet()
        self.pairs = HashSet()

    def see(self, example: Example) -> tuple[Seen, int]:
        """What this example is, and the hash of its input (its group for the split)."""
        prompt = normalize(example.input)
        output = normalize(example.output)
        key = text_hash(prompt)
        if self.preference:
            rejected = normalize(example.rejected or "")
            pair = text_hash(prompt, output, rejected)
            if pair in self.pairs:
                return Seen.DUPLICATE, key
            if text_hash(prompt, rejected, output) in self.pairs:
                return Seen.CONFLICT, key
        else:
            pair = text_hash(prompt, output)
            if pair in self.pairs:
                return Seen.DUPLICATE, key
            if key in self.inputs:
                return Seen.CONFLICT, key
        self.pairs.add(pair)
        return (Seen.NEW_INPUT if self.inputs.add(key) else Seen.MORE_FOR_INPUT), key
