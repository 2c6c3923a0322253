"""From a case to a :class:`Recommendation`: the decision, and the words around it."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from bot.advice import AdviceWarning, Confidence, Reason, Recommendation
from bot.case import CaseState
from bot.cost import estimate_cost
from bot.rules.conditions import Scope, fact_names_in
from bot.rules.counterfactual import open_facts
from bot.rules.engine import Outcome, evaluate_shared
from bot.rules.facts_meta import FACT_KINDS
from bot.rules.schema import Cond, ReasonSpec, RuleBook
from bot.rules.templates import placeholders, render


def decide(state: CaseState, book: RuleBook) -> Recommendation:
    """What the policy recommends for this case, with reasons, warnings and assumptions."""
    facts = state.facts.model_dump()
    motives = frozenset(m.value for m in state.motives)
    outcome, scope = evaluate_shared(book, facts, motives)
    text = _Texts(book, facts, {k: e.quote for k, e in state.evidence.items()})
    after = Scope(book, facts, motives, outcome.decided())
    warnings = [
        AdviceWarning(
            rule=w.id,
            text=filled,
            facts=w.facts if w.facts is not None else _triggers(w.when, book, motives),
        )
        for w in book.warnings
        if after.holds(w.when) and (filled := text.fill(w.text)) is not None
    ]
    opened = open_facts(book, facts, motives, outcome)
    steps = [s.text for s in book.next_steps if s.when is None or after.holds(s.when)]
    for later in outcome.later:
        steps += [r.text for r in later.first if not scope.holds(r.met)]
    return Recommendation(
        strategy=outcome.strategy,
        path=list(outcome.path),
        technique=outcome.technique,
        confidence=_confidence(book, opened),
        reasons=_reasons(outcome, scope, text),
        warnings=warnings,
        next_steps=[s for s in map(text.fill, steps) if s is not None],
        cost=estimate_cost(state.facts, book),
        assumptions=[
            filled
            for a in book.assumptions
            if a.fact in opened and (filled := text.fill(a.text)) is not None
        ],
    )


class _Texts:
    def __init__(self, book: RuleBook, facts: Mapping[str, Any], quotes: dict[str, str]) -> None:
        self.values = {**facts, **book.thresholds}
        self.quotes = quotes

    def fill(self, template: str) -> str | None:
        return render(template, self.values, self.quotes)


def _reasons(outcome: Outcome, scope: Scope, text: _Texts) -> list[Reason]:
    groups: list[tuple[str, list[ReasonSpec]]] = [(outcome.rule.id, outcome.rule.reasons)]
    groups += [(later.id, later.reasons) for later in outcome.later]
    if outcome.technique_rule is not None:
        groups.append((outcome.technique_rule.id, outcome.technique_rule.reasons))
    out: list[Reason] = []
    for rule_id, specs in groups:
        for spec in specs:
            if spec.when is not None and not scope.holds(spec.when):
                continue
            filled = text.fill(spec.text)
            if filled is None:
                continue
            named = [n for n, _ in placeholders(spec.text) if n in FACT_KINDS]
            if spec.when is not None:
                named += fact_names_in(spec.when, scope.book)
            named += spec.facts or []
            out.append(Reason(rule=rule_id, text=filled, facts=list(dict.fromkeys(named))))
    return out


def _triggers(cond: Cond, book: RuleBook, motives: frozenset[str]) -> list[str]:
    """The facts a warning's condition reads, and the motives of it the user has."""
    return [n for n in fact_names_in(cond, book) if n in FACT_KINDS or n in motives]


def _confidence(book: RuleBook, opened: Mapping[str, set[str]]) -> Confidence:
    """The first level whose limits hold: at most N unknown facts could change each outcome."""
    for level in book.confidence.levels:
        counts = {k: sum(1 for changed in opened.values() if k in changed) for k in level.max_open}
        if all(counts[k] <= limit for k, limit in level.max_open.items()):
            return level.confidence
    return Confidence.LOW
