"""What a short answer says of one fact on its own ("20k", "no", "87%"): the grammar and
the vocabulary's answer words, no model. A correction typed into a form is read this way,
so a web worker can check one without loading the reader's models."""

from __future__ import annotations

from typing import Any

from bot.facts import AMOUNT_FACTS, BOOLEAN_FACTS, PERCENT_FACTS
from bot.reading.lexicon import Lexicon
from bot.reading.mentions import mentions
from bot.reading.tokens import split_sentences
from bot.reading.values import share


def answer_value(lexicon: Lexicon, fact: str, words: str) -> Any:
    """What ``words`` say ``fact`` is when they answer it alone: yes/no, or a figure (a
    volume per day unless a period is said); None otherwise."""
    found = split_sentences(words)
    if not found:
        return None
    first = found[0]
    if fact in BOOLEAN_FACTS:
        return {"yes": True, "no": False}.get(lexicon.answer(first.tokens) or "")
    numbers = [m for m in mentions(first) if not m.currency]
    if fact not in AMOUNT_FACTS or len(numbers) != 1:
        return None
    m = numbers[0]
    if fact in PERCENT_FACTS:
        return share(m)
    if fact == "requests_per_day" and m.per_day is not None:
        return m.per_day
    return None if m.percent else m.amount
