"""The conversation policy, one for every front end: after each turn, ask, confirm or
advise, within the round and question limits of ``decision_rules.yaml``.

- A fact the reader is unsure of (``CaseState.tentative``) is never asked as if it were
  unknown: the user's words are quoted and the reading confirmed, with Yes/No.
- A fact the user said they do not know (``CaseState.unsure``) is not asked again.
- Only facts whose answer could change the advice are asked (the rules decide which),
  most decisive first; after ``max_rounds`` rounds, or when the user skips, the advice
  comes with the assumptions it made.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path
from typing import Any

from pydantic import BaseModel, Field

from bot.advice import Question, QuickAnswer
from bot.amount import Amount
from bot.case import CaseState
from bot.facts import AMOUNT_FACTS, Evidence
from bot.paths import vocabulary_path
from bot.reading.answers import answer_value
from bot.reading.lexicon import Lexicon, load_lexicon
from bot.reading.quoting import in_context
from bot.rules import FACT_KINDS, RuleBook, format_fact

YES, NO = "yes", "no"
"""What a confirmation's buttons stand for in the thread (read as the answer)."""
UNKNOWN = "unknown"
"""A correction that takes a fact back to unknown (a form's "Unknown", an emptied figure)."""
NEGATIVE = re.compile(r"(?:^|[^\d\s])\s*[-−]\s*\d")
"""A figure written with a minus sign ("-5", "about -5"; not the range "300-800")."""


class Move(StrEnum):
    ASK = "ask"
    ADVISE = "advise"


class Step(BaseModel):
    """What the advisor does next: ask these questions (some confirming a reading), or
    give the advice."""

    move: Move
    questions: list[Question] = Field(default_factory=list)

    @property
    def confirmations(self) -> list[Question]:
        return [q for q in self.questions if q.confirms is not None]


def next_step(
    state: CaseState, book: RuleBook, open_questions: Sequence[Question], rounds: int
) -> Step:
    """The next step after ``rounds`` rounds of questions: the open questions (most
    decisive first, from the rules) turned into what to ask now."""
    talk = book.spec.conversation
    if state.skipped or rounds >= talk.max_rounds:
        return Step(move=Move.ADVISE)
    asked: list[Question] = []
    for question in open_questions:
        if question.fact in state.unsure:
            continue
        if question.changes and not set(question.changes) & set(talk.ask_for):
            continue
        tentative = state.tentative.get(question.fact)
        asked.append(question if tentative is None else confirmation(question, state, book))
        if len(asked) == talk.max_questions:
            break
    if not asked:
        return Step(move=Move.ADVISE)
    asked.sort(key=lambda q: q.confirms is None)  # a quick yes first
    return Step(move=Move.ASK, questions=asked)


def confirmation(question: Question, state: CaseState, book: RuleBook) -> Question:
    """``question`` as the confirmation of the unsure reading of its fact."""
    talk = book.spec.conversation
    fact = question.fact
    tentative = state.tentative[fact]
    spec = next((q for q in book.questions if q.fact == fact), None)
    value = Amount.model_validate(tentative.value) if fact in AMOUNT_FACTS else tentative.value
    shown = format_fact(fact, value)
    reading = (spec.reading if spec and spec.reading else f"{fact} is {{value}}").replace(
        "{value}", shown
    )
    quote = _quoted(state, tentative.evidence)
    text = talk.confirm.replace("{quote}", quote).replace("{reading}", reading)
    return Question(
        fact=fact,
        text=text,
        quick_answers=[
            QuickAnswer(label=talk.yes, reply=YES),
            QuickAnswer(label=talk.no, reply=NO),
        ],
        confirms=quote,
    )


def _quoted(state: CaseState, evidence: Evidence) -> str:
    """The words a confirmation quotes: the clause the reading came from (see
    :func:`in_context`), or the evidence's own words where its turn is not kept."""
    turn = state.turns[evidence.turn] if evidence.turn < len(state.turns) else ""
    if turn[evidence.start : evidence.end] != evidence.quote:
        return evidence.quote
    return in_context(turn, evidence.start, evidence.end)


def correction_value(fact: str, words: str, lexicon: Lexicon) -> Any:
    """The value ``words`` give ``fact`` when the user corrects it directly: a category
    by name, yes/no, or a figure of 0 or more; None when the words need the whole reader
    (or give no such figure: "lots", "-5")."""
    kind = FACT_KINDS.get(fact)
    if kind is not None and kind.kind == "enum":
        name = words.strip().casefold().replace(" ", "_").replace("-", "_")
        return name if name in kind.choices else None
    if kind is not None and kind.kind == "text":
        return words.strip() or None  # a name as they write it ("insurance claims")
    if kind is not None and kind.kind == "number" and NEGATIVE.search(words):
        return None  # a count, a volume or a share is never below zero
    return answer_value(lexicon, fact, words)


@dataclass(frozen=True)
class Corrector:
    """Reads a user's correction of one fact, as a form's field gives it: the vocabulary
    and the grammar, no model (light enough for a web worker to hold)."""

    lexicon: Lexicon

    def corrected_value(self, fact: str, words: str) -> bool | Amount | str | None:
        """The value ``words`` give ``fact`` as a correction of it ("20k", "mixed", "no"),
        or None when they give none (a figure must be a number of 0 or more: not "lots",
        not "-5")."""
        value = correction_value(fact, words, self.lexicon)
        return value if isinstance(value, bool | Amount | str) else None


def load_corrector(vocabulary: Path | None = None) -> Corrector:
    """The corrector over the project's vocabulary (bot/paths.py)."""
    return Corrector(load_lexicon(vocabulary or vocabulary_path()))
