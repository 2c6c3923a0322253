"""The tiny text templates of the rules file: ``{labeled_examples}``, ``{min_examples}``,
``{baseline_quality:pct}`` (0.84 -> 84%), ``({domain:quote})`` (the user's own words in
quotes, or nothing, brackets included, when the reader kept none).

A figure is shown as the user gave it: "2,000", "300-800", "500 or more", "over 10,000".
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
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


Part = str | tuple[str, str | None]
"""A literal piece of a template, or a placeholder's (name, format)."""


@dataclass(frozen=True, slots=True)
class Template:
    """A text split once into literals and placeholders, filled many times."""

    text: str
    parts: tuple[Part, ...]

    def fill(
        self,
        values: Mapping[str, Any],
        quotes: Mapping[str, str] | None = None,
        quoted: set[str] | None = None,
    ) -> str | None:
        """The text filled from ``values``; ``None`` when a value it needs is unknown.

        ``quoted``: the user's words already quoted in this reply (each is quoted once;
        the set is updated)."""
        if len(self.parts) == 1 and isinstance(self.parts[0], str):
            return self.parts[0]  # no placeholder
        out: list[str] = []
        emptied = False
        for part in self.parts:
            if isinstance(part, str):
                out.append(part)
                continue
            name, fmt = part
            value = values.get(name)
            if value is None:
                return None
            if fmt == "quote":
                quote = quotes.get(name) if quotes else None
                if quote is None or (quoted is not None and quote in quoted):
                    emptied = True
                    continue
                if quoted is not None:
                    quoted.add(quote)
                out.append(f"“{quote}”")
            else:
                out.append(format_value(value, fmt or ("pct" if name in PERCENT_FACTS else None)))
        text = "".join(out)
        return EMPTY_BRACKETS.sub("", text) if emptied else text


def compile_template(text: str) -> Template:
    parts: list[Part] = []
    at = 0
    for match in PLACEHOLDER.finditer(text):
        if match.start() > at:
            parts.append(text[at : match.start()])
        parts.append((match.group(1), match.group(2)))
        at = match.end()
    if at < len(text):
        parts.append(text[at:])
    return Template(text, tuple(parts))


def render(
    text: str,
    values: Mapping[str, Any],
    quotes: Mapping[str, str] | None = None,
    quoted: set[str] | None = None,
) -> str | None:
    """``text`` filled from ``values``; ``None`` when a value it needs is unknown."""
    return compile_template(text).fill(values, quotes, quoted)
