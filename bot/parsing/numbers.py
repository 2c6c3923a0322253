"""Quantities in a normalised sentence: ``2k``, ``1.5m``, ``~600``, ``10 000``,
``12,000``, ranges (``500-800``, ``between 100 and 200``) and percentages."""

from __future__ import annotations

import math
import re
from dataclasses import dataclass

_NUMBER = re.compile(
    r"(?<![\w.$€£/])(?<![a-z]-)"
    r"(?P<num>\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d{1,3}(?: \d{3})+(?![\d.,])|\d+(?:\.\d+)?|\.\d+)"
    r"(?:\s?(?P<mult>k|m|mm|b|bn)(?![a-z0-9]))?"
    r"(?P<pct>\s?(?:%|percent\b|pct\b))?"
    r"(?![a-z0-9])",
    re.IGNORECASE,
)
_MULTIPLIERS = {"k": 1e3, "m": 1e6, "mm": 1e6, "b": 1e9, "bn": 1e9}
_RANGE_JOIN = re.compile(r"^\s*(?:-|to|–)\s*$|^\s+and\s+$")
_BETWEEN = re.compile(r"\bbetween\s+[~]?$|\bfrom\s+[~]?$")
_CURRENCY = re.compile(r"[$€£]\s*$|\b(?:usd|eur|gbp|dollars?)\s*$")
_CURRENCY_AFTER = re.compile(r"^\s*(?:usd|eur|gbp|dollars?|euros?|bucks)\b")
APPROX = re.compile(
    r"(?:~|\b(?:about|around|roughly|approx\.?|approximately|circa|maybe|like|some|"
    r"almost|nearly|close to|closer to|over|under|upwards of|give or take))\s*$"
)


@dataclass(frozen=True)
class Quantity:
    """A number in a sentence, with its span in the normalised text."""

    value: float
    low: float
    high: float
    start: int
    end: int
    percent: bool
    currency: bool
    is_range: bool

    @property
    def bare(self) -> bool:
        """Written as digits only (no k/m, no %): '90' in 'we need 90'."""
        return not self.percent and self.low == self.high


def _value(num: str, mult: str | None) -> float:
    raw = num.replace(",", "").replace(" ", "")
    value = float(raw)
    if mult:
        value *= _MULTIPLIERS[mult.lower()]
    return value


def quantities(norm: str) -> list[Quantity]:
    """Every quantity in the sentence, ranges joined, in order of appearance."""
    singles: list[tuple[float, int, int, bool, str | None, str]] = []
    for m in _NUMBER.finditer(norm):
        value = _value(m["num"], m["mult"])
        if not math.isfinite(value):
            continue  # 400 digits: no count anyone means, and inf breaks int()
        singles.append((value, m.start(), m.end(), bool(m["pct"]), m["mult"], m["num"]))
    found: list[Quantity] = []
    i = 0
    while i < len(singles):
        value, start, end, pct, mult, _ = singles[i]
        if i + 1 < len(singles):
            value2, start2, end2, pct2, mult2, _ = singles[i + 1]
            between = norm[end:start2]
            joined = _RANGE_JOIN.match(between) and (
                " and " not in between or _BETWEEN.search(norm[:start])
            )
            if joined:
                low = value
                if mult2 and not mult and value < value2 / _MULTIPLIERS[mult2.lower()] * 10:
                    low = value * _MULTIPLIERS[mult2.lower()]  # 5-10k means 5k-10k
                percent = pct or pct2
                if low <= value2:
                    found.append(
                        _quantity(norm, (low + value2) / 2, low, value2, start, end2, percent)
                    )
                    i += 2
                    continue
        found.append(_quantity(norm, value, value, value, start, end, pct))
        i += 1
    return found


def _quantity(
    norm: str, value: float, low: float, high: float, start: int, end: int, percent: bool
) -> Quantity:
    currency = bool(_CURRENCY.search(norm[:start]) or _CURRENCY_AFTER.match(norm[end:]))
    return Quantity(value, low, high, start, end, percent, currency, low != high)
