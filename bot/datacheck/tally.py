"""One pass over the rows, keeping only counts, hashes and line numbers.

What it holds as it goes: the first :data:`MAX_PROBLEMS` problems and repeat lines; two
hashes per distinct input in flat tables (:mod:`bot.datacheck.dedupe`, about 25 bytes);
the distinct inputs per stratum for the split (8 bytes each); a counter of token counts
per example (an exact p95, in memory that grows with the number of *distinct* lengths, a
few thousand at most); label counts (at most :data:`MAX_LABELS` labels); PII counters.
"""

from __future__ import annotations

import math
from array import array
from collections import Counter
from typing import Any

from bot.datacheck.dedupe import Deduper, Seen
from bot.datacheck.hashset import HashSet
from bot.datacheck.pii import PiiKind, find_pii
from bot.datacheck.readers import RawRow
from bot.datacheck.shapes import DataFormat, Example, Layout

MAX_PROBLEMS = 20
MAX_LABELS = 1000
OTHER_LABELS = "\x00other"
"""The stratum of labels beyond :data:`MAX_LABELS` (not a possible label: it holds NUL)."""
CHARS_PER_TOKEN = 4


def tokens_of(chars: int) -> int:
    """The token estimate for ``chars`` characters of text."""
    return math.ceil(chars / CHARS_PER_TOKEN)


def strings(value: Any, into: list[str]) -> list[str]:
    """Every string inside a parsed row (values, not keys), appended to ``into``."""
    if isinstance(value, str):
        into.append(value)
    elif isinstance(value, dict):
        for item in value.values():
            strings(item, into)
    elif isinstance(value, list):
        for item in value:
            strings(item, into)
    return into


class Tally:
    """Everything the report needs, fed one row at a time."""

    def __init__(self, layout: Layout) -> None:
        self.layout = layout
        self.preference = layout.format is DataFormat.PREFERENCE
        self.rows = 0
        self.valid = 0
        self.invalid_rows = 0
        self.problems: list[tuple[int, str]] = []
        self.stopped: tuple[int, str] | None = None
        self.deduper = Deduper(self.preference)
        self.duplicates = 0
        self.duplicate_lines: list[int] = []
        self.conflicts = 0
        self.conflict_lines: list[int] = []
        self.conflicting_inputs = HashSet()
        self.tokens: Counter[int] = Counter()
        self.labels: Counter[str] = Counter()
        self.other_labels = 0
        self.pii: Counter[PiiKind] = Counter()
        self.pii_rows = 0
        self.groups: dict[str, array[int]] = {}
        self.group_rows: dict[int, int] = {}

    def add(self, raw: RawRow) -> None:
        self.rows += 1
        if raw.error is not None:
            self._problem(raw.line, raw.error)
            if raw.fatal:
                self.stopped = (raw.line, raw.error)
            return
        self._scan_pii(raw.value)
        example = self.layout.read(raw.value)
        if isinstance(example, str):
            self._problem(raw.line, example)
            return
        self.valid += 1
        self._place(raw.line, example)

    def _problem(self, line: int, error: str) -> None:
        self.invalid_rows += 1
        if len(self.problems) < MAX_PROBLEMS:
            self.problems.append((line, error))

    def _scan_pii(self, value: Any) -> None:
        kinds = find_pii("\n".join(strings(value, [])))  # no pattern crosses a line break
        if kinds:
            self.pii_rows += 1
            self.pii.update(kinds)

    def _place(self, line: int, example: Example) -> None:
        seen, group = self.deduper.see(example)
        if seen is Seen.DUPLICATE:
            self.duplicates += 1
            if len(self.duplicate_lines) < MAX_PROBLEMS:
                self.duplicate_lines.append(line)
            return
        if seen is Seen.CONFLICT:
            self.conflicts += 1
            self.conflicting_inputs.add(group)
            if len(self.conflict_lines) < MAX_PROBLEMS:
                self.conflict_lines.append(line)
            return
        self.tokens[tokens_of(example.chars)] += 1
        stratum = self._count_label(example.label)
        if seen is Seen.NEW_INPUT:
            self.groups.setdefault(stratum, array("Q")).append(group)
        else:
            self.group_rows[group] = self.group_rows.get(group, 1) + 1

    def _count_label(self, label: str | None) -> str:
        """The example's stratum for the split: its label, or '' without labels."""
        if label is None:
            return ""
        if label in self.labels or len(self.labels) < MAX_LABELS:
            self.labels[label] += 1
            return label
        self.other_labels += 1
        return OTHER_LABELS

    def stratum_of(self, label: str | None) -> str:
        """The stratum a label was counted in (for the writing pass)."""
        if label is None:
            return ""
        return label if label in self.labels else OTHER_LABELS

    @property
    def unique_valid(self) -> int:
        return self.valid - self.duplicates - self.conflicts
