"""The follow-up questions: only facts whose answer could change the advice.

Whether an answer could change it is found by the rules (:func:`bot.rules.analyse`
tries the values each fact could take); the text and quick answers come from the rules
file. A figure given as a range that straddles a deciding threshold is asked about that
threshold, with the two sides of it as quick answers.
"""

from __future__ import annotations

from bot.advice import Question, QuickAnswer
from bot.case import CaseState
from bot.rules import Analysis, QuestionRule, RuleBook, analyse, format_fact


def select_questions(
    state: CaseState, book: RuleBook, analysis: Analysis | None = None
) -> list[Question]:
    """Every question worth asking now, most decisive first.

    First the missing half of something the user said: a range that straddles a deciding
    threshold, or a question whose ``first_when`` surely holds. Then those whose answer
    could change the strategy now, then those that change more of strategy, path and
    technique; ties keep the order of ``questions:`` in the rules file. A fact given
    exactly is never asked.
    """
    a = analysis or analyse(state, book)
    ranked: list[tuple[tuple[bool, bool, int, int], Question]] = []
    for order, rule in enumerate(book.question_rules):
        spec = rule.spec
        changed = a.opened.get(spec.fact)
        if not changed:
            continue
        if a.facts.get(spec.fact) is None:
            if rule.unless is not None and a.surely(rule.unless):
                continue
            question = Question(
                fact=spec.fact,
                text=a.fill(spec.text) or spec.text,
                quick_answers=list(rule.buttons),
                confirms=None,
                changes=sorted(changed),
            )
        else:
            found = _straddle_question(a, rule)
            if found is None:
                continue
            question = found.model_copy(update={"changes": sorted(changed)})
        first = a.facts.get(spec.fact) is not None or (
            rule.first_when is not None and a.surely(rule.first_when)
        )
        key = (not first, "strategy" not in changed, -len(changed), order)
        ranked.append((key, question))
    return [q for _, q in sorted(ranked, key=lambda r: r[0])]


def _straddle_question(a: Analysis, rule: QuestionRule) -> Question | None:
    """The question about the threshold a range straddles, its sides as quick answers."""
    fact, spec = rule.spec.fact, rule.spec.undecided
    straddle = a.straddles.get(fact)
    if straddle is None or spec is None:
        return None
    shown = {"threshold": format_fact(fact, straddle.threshold)}
    text = a.fill(spec.text, shown)
    buttons = []
    for side, value in (("at_least", straddle.at_least), ("below", straddle.below)):
        answer = getattr(spec, side)
        label, reply = a.fill(answer.label, shown), a.fill(answer.reply, shown)
        if label is None or reply is None:
            return None
        buttons.append(QuickAnswer(label=label, reply=reply, value=value))
    if text is None:
        return None
    return Question(fact=fact, text=text, quick_answers=buttons, confirms=None, changes=[])
