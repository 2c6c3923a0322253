"""A small stateful stand-in for the advisor core, so the CLI plumbing is tested on its own.

It reads a volume ("5000 requests"), an example count ("800 examples"), a task
("classify") and "just tell me" from the text, asks about what is still unknown with
quick answers, and recommends fine-tuning from 500 examples. The prompt is the real one.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import date

from bot.advice import (
    Advice,
    AdviceWarning,
    Confidence,
    CostEstimate,
    ModelCost,
    Question,
    QuickAnswer,
    Reason,
    Recommendation,
    Strategy,
    Technique,
)
from bot.amount import Amount
from bot.case import CaseState
from bot.conversation import Step, next_step
from bot.facts import TaskType
from bot.prompting import PromptRenderer
from bot.rules import load_rulebook

QUESTIONS = {
    "requests_per_day": Question(
        fact="requests_per_day",
        text="How many requests a day?",
        quick_answers=[
            QuickAnswer(label="under 1k", reply="500 requests a day"),
            QuickAnswer(label="1k-10k", reply="5000 requests a day"),
        ],
    ),
    "labeled_examples": Question(
        fact="labeled_examples",
        text="How many labeled examples do you have?",
        quick_answers=[
            QuickAnswer(label="none", reply="0 examples"),
            QuickAnswer(label="500+", reply="800 examples"),
        ],
    ),
    "task_type": Question(fact="task_type", text="What does the model do?"),
    "self_hosted": Question(fact="self_hosted", text="Must it run on your own servers?"),
}


def cost_estimate(volume: float, never_pays: bool) -> CostEstimate:
    saving = -12.5 if never_pays else 300.0
    return CostEstimate(
        requests_per_day=volume,
        models=[
            ModelCost(
                model="gpt-4.1-mini",
                prompt_route_monthly=420.0,
                fine_tuned_monthly=420.0 - saving,
                training_one_time=60.0,
                monthly_saving=saving,
                payback_months=None if never_pays else 0.2,
            )
        ],
        assumptions={"cache hit rate": 0.5},
        prices_read=date(2025, 8, 21),
        prices_source="OpenAI pricing page",
        never_pays=never_pays,
        summary="At this volume the prompt route costs about the same.",
    )


RULES = load_rulebook()


class FakeAdvisor:
    """Keeps nothing between calls but what the state carries, like the real one."""

    def __init__(self) -> None:
        self.prompts = PromptRenderer()
        self.replies: list[str] = []
        self.abouts: list[str | None] = []
        self.corrections: list[tuple[str, str]] = []

    def start(self, description: str) -> CaseState:
        return self._read(description, CaseState())

    def reply(self, state: CaseState, text: str, *, about: str | None = None) -> CaseState:
        self.replies.append(text)
        self.abouts.append(about)
        return self._read(text, state)

    def answer(
        self, state: CaseState, fact: str, value: bool | Amount | str, *, words: str | None = None
    ) -> CaseState:
        self.replies.append(words or "")
        self.abouts.append(fact)
        facts = state.facts.model_copy()
        setattr(facts, fact, value)
        return state.model_copy(update={"facts": facts, "turns": [*state.turns, words or ""]})

    def _read(self, text: str, state: CaseState) -> CaseState:
        facts = state.facts.model_copy()
        if volume := re.search(r"(\d[\d,]*) requests", text):
            facts.requests_per_day = float(volume.group(1).replace(",", ""))
        if examples := re.search(r"(\d+) examples", text):
            facts.labeled_examples = int(examples.group(1))
        if "classif" in text:
            facts.task_type = TaskType.CLASSIFICATION
        skipped = state.skipped or "just tell me" in text.lower()
        turns = [*state.turns, text]
        return state.model_copy(update={"facts": facts, "turns": turns, "skipped": skipped})

    def next_step(self, state: CaseState, rounds: int) -> Step:
        """The real policy over the fake's questions, with the rules file's limits."""
        return next_step(state, RULES, self.questions(state), rounds)

    def correct(self, state: CaseState, fact: str, words: str) -> CaseState:
        self.corrections.append((fact, words))
        return self.reply(state, words, about=fact)

    def corrected_value(self, fact: str, words: str) -> bool | Amount | str | None:
        figure = re.fullmatch(r"\s*(\d[\d,]*)\s*", words)
        return Amount.exactly(float(figure.group(1).replace(",", ""))) if figure else None

    def questions(self, state: CaseState) -> list[Question]:
        unknown = [name for name in QUESTIONS if getattr(state.facts, name) is None]
        return [QUESTIONS[name] for name in unknown]

    def advise(self, state: CaseState) -> Advice:
        examples = int(state.facts.labeled_examples.nominal) if state.facts.labeled_examples else 0
        fine_tune = examples >= 500
        strategy = Strategy.FINE_TUNING if fine_tune else Strategy.PROMPT_ENGINEERING
        volume = state.facts.requests_per_day.nominal if state.facts.requests_per_day else None
        rec = Recommendation(
            strategy=strategy,
            path=["prompt_engineering", "fine_tuning"] if fine_tune else ["prompt_engineering"],
            technique=Technique.HOSTED_SFT if fine_tune else None,
            confidence=Confidence.MEDIUM,
            reasons=[Reason(rule="examples", text=f"You have {examples} labeled examples.")],
            warnings=[AdviceWarning(rule="baseline", text="Measure a baseline first.")],
            next_steps=["Build a test set of 100 real cases.", "Try the prompt below."],
            assumptions=["Assumed your data is reviewed."],
            cost=None if volume is None else cost_estimate(volume, never_pays=volume < 10_000),
        )
        return Advice(
            facts=state.facts,
            questions=self.questions(state),
            recommendation=rec,
            suggested_prompt=self.prompts.render(state, rec),
            turns=list(state.turns),
        )

    def run(self, turns: Sequence[str]) -> Advice:
        state = self.start(turns[0])
        for text in turns[1:]:
            state = self.reply(state, text)
        return self.advise(state)
