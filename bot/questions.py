"""The follow-up questions: only unknown facts whose answer could change the advice.

Whether an answer could change it is found by trying the values the fact could take
(:mod:`bot.rules.counterfactual`); the text and quick answers come from the rules file.
"""

from __future__ import annotations

from bot.advice import Question, QuickAnswer
from bot.case import CaseState
from bot.rules.counterfactual import open_facts
from bot.rules.engine import evaluate_shared
from bot.rules.schema import RuleBook
from bot.rules.templates import render


def select_questions(state: CaseState, book: RuleBook) -> list[Question]:
    """Every question worth asking now, most decisive first.

    Most decisive: its answers change more of strategy, path and technique; ties keep the
    order of ``questions:`` in the rules file. A fact the user gave is never asked.
    """
    facts = state.facts.model_dump()
    motives = frozenset(m.value for m in state.motives)
    outcome, scope = evaluate_shared(book, facts, motives)
    opened = open_facts(book, facts, motives, outcome)
    values = {**facts, **book.thresholds}
    ranked: list[tuple[int, int, Question]] = []
    for order, spec in enumerate(book.questions):
        changed = opened.get(spec.fact)
        if facts.get(spec.fact) is not None or not changed:
            continue
        if spec.unless is not None and scope.holds(spec.unless):
            continue
        question = Question(
            fact=spec.fact,
            text=render(spec.text, values) or spec.text,
            quick_answers=[QuickAnswer(label=q.label, reply=q.reply) for q in spec.quick_answers],
        )
        ranked.append((-len(changed), order, question))
    return [q for _, _, q in sorted(ranked, key=lambda r: (r[0], r[1]))]
