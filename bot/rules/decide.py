"""From a case to a :class:`Recommendation`: the decision, and the words around it.

Nothing is said beyond the facts: a reason, warning or step is said only when its
condition holds whatever the unknown facts are, and every fact it shows is known.

The reply's small models are built validated, as usual: with pydantic 2.14,
``model_construct`` (plain Python) takes about twice as long as validating (in Rust).
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date

from bot.advice import AdviceWarning, Confidence, Reason, Recommendation
from bot.case import CaseState
from bot.rules.analysis import Analysis, analyse
from bot.rules.book import RuleBook, Said
from bot.rules.cost import estimate_cost
from bot.rules.facts_meta import FACT_KINDS
from bot.rules.templates import format_fact


def decide(
    state: CaseState,
    book: RuleBook,
    analysis: Analysis | None = None,
    today: date | None = None,
) -> Recommendation:
    """What the policy recommends for this case, with reasons, warnings and assumptions.

    ``analysis``: the case already analysed (by the caller, for the questions too);
    ``today``: the date prices are aged against (default: today).
    """
    a = analysis or analyse(state, book)
    outcome = a.outcome
    return Recommendation(
        strategy=outcome.strategy,
        path=list(outcome.path),
        technique=outcome.technique,
        confidence=_confidence(book, a.opened),
        reasons=_reasons(a),
        warnings=_warnings(a),
        next_steps=[
            text
            for step in book.next_steps
            if a.surely(step.when)
            and not (step.unless is not None and a.surely(step.unless))
            and (text := a.say(step.said)) is not None
        ],
        cost=estimate_cost(state.facts, book, today or date.today()),
        assumptions=_assumptions(a),
    )


def _reasons(a: Analysis) -> list[Reason]:
    groups: list[tuple[Said, ...]] = [a.outcome.rule.reasons]
    groups += [later.reasons for later in a.outcome.later]
    if a.outcome.technique_rule is not None:
        groups.append(a.outcome.technique_rule.reasons)
    return [
        Reason(rule=said.rule, text=text, facts=list(said.facts))
        for group in groups
        for said in group
        if (text := a.say(said)) is not None
    ]


def _warnings(a: Analysis) -> list[AdviceWarning]:
    out = []
    for warning in a.book.warnings:
        said = warning.said
        text = a.say(said)
        if text is None:
            continue
        facts = [
            n for n in said.facts if warning.explicit_facts or n in FACT_KINDS or n in a.motives
        ]
        out.append(AdviceWarning(rule=said.rule, text=text, facts=facts))
    return out


def _assumptions(a: Analysis) -> list[str]:
    """What was assumed for each open fact: unknown, or a range straddling a threshold;
    not for a fact whose question is waived (``unless``), as another question covers it."""
    out: list[str] = []
    waived = {
        rule.spec.fact
        for rule in a.book.question_rules
        if rule.unless is not None and a.surely(rule.unless)
    }
    for spec in a.book.spec.assumptions:
        if spec.fact not in a.opened or spec.fact in waived:
            continue
        straddle = a.straddles.get(spec.fact)
        if a.facts.get(spec.fact) is None:
            text = a.fill(spec.text)
        elif straddle is not None and spec.undecided is not None:
            shown = format_fact(spec.fact, straddle.threshold)
            text = a.fill(spec.undecided, {"threshold": shown})
        else:
            text = None
        if text is not None:
            out.append(text)
    return out


def _confidence(book: RuleBook, opened: Mapping[str, frozenset[str]]) -> Confidence:
    """The first level whose limits hold: at most N open facts could change each outcome."""
    for confidence, limits in book.levels:
        if all(
            sum(1 for changed in opened.values() if part in changed) <= limit
            for part, limit in limits.items()
        ):
            return confidence
    return Confidence.LOW
