"""From labeled cases (data/LABELING.md) to the reader's training examples.

Two kinds, one per model:

- turns: each message of a thread, with the value it states of each fact read from words
  (the task, the yes/no facts, the data's quality, "no examples"), or ``none``: a turn
  states a fact when the words the writer quoted as its evidence are in it;
- numbers: each quantity the grammar finds, with the role it plays (``volume``,
  ``examples``, ``baseline``, ``target``, their complements ``*_inv`` for error rates), or
  ``none`` when no fact rests on it.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from bot.amount import Amount
from bot.reading.features import (
    Feature,
    Marked,
    document_features,
    mention_features,
    sentence_features,
)
from bot.reading.heads import NONE, ROLE_OF, TURN_HEADS, turn_label
from bot.reading.lexicon import Lexicon
from bot.reading.mentions import Mention, mentions
from bot.reading.tokens import Sentence, split_sentences
from bot.reading.values import complement, share

NUMBER_FACTS = ("requests_per_day", "labeled_examples", "baseline_quality", "target_quality")


@dataclass(frozen=True)
class Case:
    id: str
    writer: str
    turns: tuple[str, ...]
    expect: dict[str, Any]
    evidence: dict[str, list[str]]


@dataclass
class Examples:
    turn_x: list[list[str]]
    turn_y: dict[str, list[str]]
    turn_groups: list[str]
    mention_x: list[list[str]]
    mention_y: list[str]
    mention_groups: list[str]


def load_cases(paths: Iterable[Path]) -> list[Case]:
    cases: list[Case] = []
    for path in paths:
        for line in path.read_text(encoding="utf-8").splitlines():
            if not line.strip():
                continue
            raw = json.loads(line)
            evidence = {
                k: (v if isinstance(v, list) else [v]) for k, v in raw.get("evidence", {}).items()
            }
            cases.append(
                Case(
                    id=raw["id"],
                    writer=raw.get("writer") or raw["id"].split("-")[0],
                    turns=tuple(raw["turns"]),
                    expect=raw["expect"],
                    evidence=evidence,
                )
            )
    return cases


def _spans(text: str, quotes: list[str]) -> list[tuple[int, int]]:
    out = []
    for q in quotes:
        if not q:
            continue
        at = text.find(q)
        while at >= 0:
            out.append((at, at + len(q)))
            at = text.find(q, at + 1)
    return out


def _overlaps(a: int, b: int, spans: list[tuple[int, int]]) -> bool:
    return any(a < e and b > s for s, e in spans)


def _close(a: float | None, b: float | None) -> bool:
    if a is None or b is None:
        return a is None and b is None
    return abs(a - b) <= 0.1 * max(abs(b), 1e-9) + 1e-9


def _matches(got: Amount, expected: Any) -> bool:
    lo, hi = expected if isinstance(expected, list) else (expected, expected)
    lo = 0.0 if lo is None else float(lo)
    g_lo = got.low if got.low is not None else 0.0
    if not _close(g_lo, lo):
        return False
    return hi is None or got.high is None or _close(got.high, float(hi))


def role_of(m: Mention, fact: str, expected: Any) -> str | None:
    """The role ``m`` plays for ``fact`` given its expected value, or None if it does not
    give that value."""
    role = ROLE_OF[fact]
    if fact == "requests_per_day":
        return role if m.per_day is not None and _matches(m.per_day, expected) else None
    if fact == "labeled_examples":
        if m.percent or m.currency:
            return None
        return role if _matches(m.amount, expected) else None
    s = share(m)
    if s is None:
        return None
    if _matches(s, expected) or (s.low is not None and _close(s.low, float(expected))):
        return role
    c = complement(s)
    if _matches(c, expected) or (c.low is not None and _close(c.low, float(expected))):
        return role + "_inv"
    return None


FRAGMENT_FACTS = 4
"""How many facts' quotes a made-up reply strings together (see :func:`fragment_reply`)."""


def fragment_reply(case: Case) -> str | None:
    """A reply made of the case's own evidence quotes, joined by commas, as people answer
    a bot's questions in Slack ("about 5k a day, 800 reviewed examples, legal"): the same
    words must keep their meaning when their neighbours change. Deterministic per case."""
    quotes = [q for fact in sorted(case.evidence) for q in case.evidence[fact][:1] if q]
    if len(quotes) < 2:
        return None
    start = sum(map(ord, case.id)) % len(quotes)
    picked = (quotes[start:] + quotes[:start])[:FRAGMENT_FACTS]
    return ", ".join(dict.fromkeys(picked))


def build(cases: Iterable[Case], lexicon: Lexicon) -> Examples:
    """Every turn of every case, and one made-up reply per case (:func:`fragment_reply`)."""
    ex = Examples([], {h: [] for h in TURN_HEADS}, [], [], [], [])
    for case in cases:
        extra = fragment_reply(case)
        stated_from = _stated_from(case)
        texts = [*case.turns, *([extra] if extra else [])]
        for turn, text in enumerate(texts):
            turn_features: list[list[Feature]] = []
            for sentence in split_sentences(text, turn):
                marked = Marked.of(sentence, lexicon)
                turn_features.append(sentence_features(marked))
                for m in mentions(sentence):
                    label = _mention_label(case, sentence, m, text)
                    if label is None or (label == NONE and turn < stated_from):
                        continue  # a figure a later turn corrected: its label is unknown
                    ex.mention_x.append(mention_features(marked, m))
                    ex.mention_y.append(label)
                    ex.mention_groups.append(case.writer)
            ex.turn_x.append(sorted(document_features(turn_features)))
            ex.turn_groups.append(case.writer)
            for head in TURN_HEADS:
                ex.turn_y[head].append(_turn_label(case, head, text))
    return ex


def _turn_label(case: Case, head: str, text: str) -> str:
    fact, value = turn_label(head, case.expect)
    if value is None:
        return NONE
    quotes = case.evidence.get(fact, [])
    return value if any(q and q in text for q in quotes) else NONE


def _stated_from(case: Case) -> int:
    """Before this turn, a number no fact's evidence covers has no known label: a number
    fact's evidence is in this later turn, so an earlier figure may be the one it
    corrected ("we have about 400 labeled", then "it's 1,400 labeled, not 400"). Labeled
    ``none``, such figures taught the model that "400 labeled" states nothing."""
    first = 0
    for fact in NUMBER_FACTS:
        quotes = [q for q in case.evidence.get(fact, []) if q]
        if not quotes or case.expect.get(fact) is None:
            continue
        turns = [t for t, text in enumerate(case.turns) if any(q in text for q in quotes)]
        if turns:
            first = max(first, min(turns))
    return first


def _mention_label(case: Case, sentence: Sentence, m: Mention, text: str) -> str | None:
    a, b = sentence.tokens[m.first].start, sentence.tokens[m.last].end
    for fact in NUMBER_FACTS:
        expected = case.expect.get(fact)
        if expected is None or expected == 0:
            continue
        if not _overlaps(a, b, _spans(text, case.evidence.get(fact, []))):
            continue
        role = role_of(m, fact, expected)
        if role is not None:
            return role
        return None  # quoted as evidence but not the value: leave it out, it teaches noise
    return NONE
