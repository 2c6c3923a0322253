"""One case read by the rules, once per call: the outcome, and what could change it.

:func:`analyse` is shared by the decision (:func:`bot.rules.decide`) and the follow-up
questions (:func:`bot.questions.select_questions`); pass the same :class:`Analysis` to
both rather than analysing twice. It holds its own scopes and nothing outlives the call.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from bot.case import CaseState
from bot.facts import FACT_NAMES
from bot.rules.book import RuleBook, Said
from bot.rules.counterfactual import Straddle, open_facts
from bot.rules.engine import Outcome, outcome_in
from bot.rules.evaluate import Check, Scope
from bot.rules.templates import Template


@dataclass(frozen=True, slots=True)
class Analysis:
    book: RuleBook
    facts: Mapping[str, Any]
    """Fact name -> its value (``None``: unknown; numbers as :class:`bot.amount.Amount`)."""
    motives: frozenset[str]
    quotes: Mapping[str, str]
    outcome: Outcome
    deciding: Scope
    """Unknown facts are false here: the decision's view."""
    saying: Scope
    """Unknown facts are undecided here, and the decision is known: what may be said."""
    opened: Mapping[str, frozenset[str]]
    """Fact -> which of strategy, path, technique one of its possible values would change
    (an unknown fact, or a range that straddles a threshold)."""
    straddles: Mapping[str, Straddle]
    values: Mapping[str, Any]
    """The facts and thresholds, by name: what a text's placeholders read."""
    quoted: set[str] = field(default_factory=set)
    """The user's words quoted so far in this reply: each is quoted once."""

    def surely(self, check: Check | None) -> bool:
        """Whether a condition holds whatever the unknown facts are (none: it holds)."""
        return check is None or check(self.saying) is True

    def say(self, said: Said, extra: Mapping[str, Any] | None = None) -> str | None:
        """The sentence filled in, or ``None`` when it may not be said: its condition does
        not surely hold, or a fact it shows or rests on is unknown."""
        if not self.surely(said.when) or any(self.facts.get(n) is None for n in said.needs):
            return None
        return self.fill(said.template, extra)

    def fill(self, template: str | Template, extra: Mapping[str, Any] | None = None) -> str | None:
        """A text of the rules file filled with this case's facts (and ``extra``)."""
        if isinstance(template, str):
            template = self.book.template(template)
        values = {**self.values, **extra} if extra else self.values
        return template.fill(values, self.quotes, self.quoted)


def analyse(state: CaseState, book: RuleBook) -> Analysis:
    """The rules' reading of a case: the outcome and every fact that could change it."""
    given = state.facts
    facts = {name: getattr(given, name) for name in FACT_NAMES}
    motives = frozenset(m.value for m in state.motives)
    deciding = Scope(facts, motives)
    outcome = outcome_in(book, deciding)
    opened, straddles = open_facts(book, deciding, outcome)
    return Analysis(
        book=book,
        facts=facts,
        motives=motives,
        quotes={k: e.quote for k, e in state.evidence.items()},
        outcome=outcome,
        deciding=deciding,
        saying=Scope(facts, motives, outcome.decided(), unknown=None),
        opened=opened,
        straddles=straddles,
        values={**facts, **book.thresholds},
    )
