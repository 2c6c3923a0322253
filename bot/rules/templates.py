"""The tiny text templates of the rules file: ``{labeled_examples}``, ``{min_examples}``,
``{baseline_quality:pct}`` (0.84 -> 84%), ``({domain:quote})`` (the user's own words in
quotes, or nothing, brackets included, when the reader kept none).

A figure is shown as the user gave it: "2,000", "300-800", "500 or more", "over 10,000".
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

from bot.amount import Amount, format_amount, format_number, format_percent
from bot.facts import PERCENT_FACTS

PLACEHOLDER = re.compile(r"\{([A-Za-z_][A-Za-z0-9_]*)(?::([a-z]+))?\}")
FORMATS = ("pct", "quote", "money")
EMPTY_BRACKETS = re.compile(r"\s*\(\s*\)")
"""Left by a ``({fact:quote})`` when the reader kept no quote for the fact."""


def placeholders(text: str) -> list[tuple[str, str | None]]:
    """Every ``(name, format)`` in ``text``."""
    return [(m.group(1), m.group(2)) for m in PLACEHOLDER.finditer(text)]


def format_value(value: Any, fmt: str | None = None) -> str:
    """A value as a reply shows it: 2,000; 84%; 300-800; 500 or more; yes; question answering."""
    if isinstance(value, Amount):
        return format_amount(value, percent=fmt == "pct")
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, int | float):
        if fmt == "pct":
            return format_percent(float(value))
        if fmt == "money":
            return f"{value:,.0f}" if abs(value) >= 100 else f"{value:,.2f}"
        return format_number(float(value))
    return str(getattr(value, "value", value)).replace("_", " ")


def format_fact(name: str, value: Any) -> str:
    """A fact's value as a person would write it (shares as percentages)."""
    return format_value(value, "pct" if name in PERCENT_FACTS else None)


def render(
    text: str,
    values: Mapping[str, Any],
    quotes: Mapping[str, str] | None = None,
    quoted: set[str] | None = None,
) -> str | None:
    """``text`` filled from ``values``; ``None`` when a value it needs is unknown.

    ``quoted``: the user's words already quoted in this reply (each is quoted once; the
    set is updated)."""
    missing = False

    def fill(match: re.Match[str]) -> str:
        nonlocal missing
        name, fmt = match.group(1), match.group(2)
        value = values.get(name)
        if value is None:
            missing = True
            return ""
        if fmt == "quote":
            quote = quotes.get(name) if quotes else None
            if quote is None or (quoted is not None and quote in quoted):
                return ""
            if quoted is not None:
                quoted.add(quote)
            return f"“{quote}”"
        return format_value(value, fmt or ("pct" if name in PERCENT_FACTS else None))

    out = EMPTY_BRACKETS.sub("", PLACEHOLDER.sub(fill, text))
    return None if missing else out
