"""The conversation eval: a simulated user answers the advisor's questions.

``advisor eval CASES --converse``: each case starts from its description alone; whatever
the advisor asks, the user answers from the case's expected facts, in plain words (the
rules file's quick-answer replies for yes/no and categories, a sentence for figures), or
"not sure" when the case does not know; a confirmation of a reading is answered yes when
the reading is right, no when it is not. The advisor's own policy decides when to stop.
Reported: the final strategy and technique, questions per case, questions about a fact
the description states, confirmations, and facts still wrong at the end.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from pydantic import BaseModel

from bot.advice import Question
from bot.amount import Amount, format_amount
from bot.conversation import NO, YES, Move
from bot.evaluation import EvalCase, Tally, fact_matches
from bot.facts import AMOUNT_FACTS, PERCENT_FACTS
from bot.interface import AdvisorLike

NOT_SURE = "not sure"
MAX_STEPS = 10
"""A guard: no policy should need more steps than this for one case."""
FIGURE_WORDS = {
    "requests_per_day": "{} requests a day",
    "labeled_examples": "{} labeled examples",
    "baseline_quality": "our prompt scores {}",
    "target_quality": "we need {}",
}


class Conversed(BaseModel):
    """How one simulated thread went."""

    case_id: str
    strategy: tuple[str, str]
    technique: tuple[str, str | None] | None
    questions: int
    about_stated: list[str]
    confirmations: int
    wrong_at_end: dict[str, tuple[Any, Any]]


class ConverseSummary(BaseModel):
    cases: int
    strategy: Tally
    technique: Tally
    questions: int
    about_stated: int
    confirmations: int
    wrong_at_end: int

    @property
    def questions_per_case(self) -> float:
        return self.questions / self.cases if self.cases else 0.0


def plain_words(question: Question, value: Any) -> str:
    """How a user would answer ``question`` when the truth is ``value``."""
    if value is None:
        return NOT_SURE
    for button in question.quick_answers:
        plain = button.value is not None and not isinstance(button.value, Amount)
        if plain and button.value == value:
            return button.reply
    if question.fact in AMOUNT_FACTS:
        amount = Amount.model_validate(value)
        if amount.exact and amount.low == 0 and question.fact == "labeled_examples":
            return "we have none"
        shown = format_amount(amount, percent=question.fact in PERCENT_FACTS)
        return FIGURE_WORDS[question.fact].format(shown)
    if isinstance(value, bool):
        return "yes" if value else "no"
    return str(value).replace("_", " ")


def converse(advisor: AdvisorLike, case: EvalCase) -> Conversed:
    """Play the user for one case."""
    state = advisor.start(case.turns[0])
    stated = case.stated_first()
    questions = confirmations = 0
    about_stated: list[str] = []
    for rounds in range(MAX_STEPS):
        step = advisor.next_step(state, rounds)
        if step.move is Move.ADVISE:
            break
        for question in step.questions:
            truth = case.expect.get(question.fact)
            questions += 1
            if question.confirms is not None:
                confirmations += 1
                reading = state.tentative.get(question.fact)
                right = reading is not None and fact_matches(truth, reading.value)
                state = advisor.reply(state, YES if right else NO, about=question.fact)
                continue
            if question.fact in stated:
                about_stated.append(question.fact)
            state = advisor.reply(state, plain_words(question, truth), about=question.fact)
    advice = advisor.advise(state)
    got = advice.contract()
    rec = got["recommendation"]
    wrong = {
        name: (case.expect[name], got["facts"].get(name))
        for name in case.expect
        if name != "domain"
        and got["facts"].get(name) is not None
        and not fact_matches(case.expect[name], got["facts"].get(name))
    }
    return Conversed(
        case_id=case.id,
        strategy=(case.strategy, rec["strategy"]),
        technique=(case.technique, rec["technique"]) if case.technique else None,
        questions=questions,
        about_stated=about_stated,
        confirmations=confirmations,
        wrong_at_end=wrong,
    )


def summarize_conversations(results: Sequence[Conversed]) -> ConverseSummary:
    strategy, technique = Tally(), Tally()
    for r in results:
        strategy.add(r.strategy[0] == r.strategy[1])
        if r.technique is not None:
            technique.add(r.technique[0] == r.technique[1])
    return ConverseSummary(
        cases=len(results),
        strategy=strategy,
        technique=technique,
        questions=sum(r.questions for r in results),
        about_stated=sum(len(r.about_stated) for r in results),
        confirmations=sum(r.confirmations for r in results),
        wrong_at_end=sum(len(r.wrong_at_end) for r in results),
    )
