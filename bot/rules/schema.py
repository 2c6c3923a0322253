"""The shape of ``decision_rules.yaml``: pydantic models with ``extra="forbid"``.

The schema checks structure (keys, types); :mod:`bot.rules.checks` checks meaning (fact
names, thresholds, references). Conditions are :data:`bot.rules.conditions.Cond`.
"""

from __future__ import annotations

from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field

from bot.advice import Confidence, Strategy, Technique
from bot.amount import Amount
from bot.rules.conditions import Cond
from bot.rules.pricing import Pricing


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=True)


class ReasonSpec(Strict):
    """A sentence of "why". Said only when ``when`` holds whatever the unknown facts are,
    and every fact it shows (its placeholders) or names in ``facts`` is known."""

    text: str
    when: Cond | None = None
    facts: tuple[str, ...] | None = Field(
        default=None, description="facts it rests on besides its placeholders; must be known"
    )


class StrategyRule(Strict):
    """First matching rule wins; the last one must have no ``when``."""

    id: str
    when: Cond | None = None
    strategy: Strategy
    path: tuple[str, ...]
    reasons: tuple[ReasonSpec, ...] = ()


class LaterStep(Strict):
    id: str
    step: str
    when: Cond
    reasons: tuple[ReasonSpec, ...] = ()


class TechniqueRule(Strict):
    id: str
    when: Cond | None = None
    technique: Technique
    reasons: tuple[ReasonSpec, ...] = ()


class WarningRule(Strict):
    id: str
    when: Cond
    text: str
    facts: tuple[str, ...] | None = None


class StepRule(Strict):
    """A next step: shown while ``when`` holds and ``unless`` does not surely hold; the
    steps keep the order of the file, and each says what done looks like."""

    id: str
    when: Cond | None = None
    unless: Cond | None = None
    text: str
    done: str = Field(description="what done looks like, as the end of 'Done when ...'")


AnswerValue = bool | Amount | str
"""What a quick answer sets: yes/no, a category, or a number's bounds ({low: 500})."""


class QuickAnswerSpec(Strict):
    """A button. ``value`` is set as the fact when it is clicked (never read as text);
    ``reply`` is the words the click stands for in the thread."""

    label: str
    reply: str
    value: AnswerValue


class ThresholdAnswer(Strict):
    label: str
    reply: str


class UndecidedSpec(Strict):
    """Asked when the figure given straddles a threshold that could change the advice.
    Texts may use ``{threshold}`` (the threshold straddled) besides facts and thresholds."""

    text: str
    at_least: ThresholdAnswer
    below: ThresholdAnswer


class QuestionSpec(Strict):
    fact: str
    text: str
    quick_answers: tuple[QuickAnswerSpec, ...] = ()
    unless: Cond | None = None
    first_when: Cond | None = Field(
        default=None, description="asked before the others when this surely holds"
    )
    undecided: UndecidedSpec | None = None
    reading: str | None = Field(
        default=None,
        description="how an unsure reading of the fact is said back to confirm it; "
        "{value} is the reading ('you have {value} labeled examples')",
    )


class ConversationSpec(Strict):
    """How the advisor converses, the same in every front end: at most ``max_rounds``
    rounds of questions before the advice, at most ``max_questions`` in one round
    (confirmations of an unsure reading included)."""

    max_rounds: int = Field(default=2, ge=0)
    max_questions: int = Field(default=3, ge=1)
    ask_for: tuple[Outcome, ...] = Field(
        default=("strategy", "path", "technique"),
        description="a question is asked only if its answer could change one of these",
    )
    confirm: str = Field(
        default="You wrote “{quote}”: {reading}?",
        description="a confirmation: {quote} is the user's words, {reading} the question's",
    )
    yes: str = "Yes"
    no: str = "No"


class AssumptionSpec(Strict):
    fact: str
    text: str
    undecided: str | None = Field(
        default=None, description="said when the figure given straddles {threshold}"
    )


Outcome = Literal["strategy", "path", "technique"]


class ConfidenceLevel(Strict):
    """Applies when, for each outcome named, at most that many open facts could change it."""

    confidence: Confidence
    max_open: dict[Outcome, int] = Field(default_factory=dict)


class ConfidenceSpec(Strict):
    """The first level whose limits hold applies; the last has no limits."""

    levels: tuple[ConfidenceLevel, ...]


class RulesFile(Strict):
    """Everything ``decision_rules.yaml`` (and the pricing file beside it) holds."""

    version: int = 1
    pricing_file: str | None = None
    thresholds: dict[str, Any]
    conditions: dict[str, Cond] = Field(default_factory=dict)
    strategy: tuple[StrategyRule, ...]
    later_steps: tuple[LaterStep, ...] = ()
    technique: tuple[TechniqueRule, ...] = ()
    warnings: tuple[WarningRule, ...] = ()
    next_steps: tuple[StepRule, ...] = ()
    questions: tuple[QuestionSpec, ...] = ()
    assumptions: tuple[AssumptionSpec, ...] = ()
    confidence: ConfidenceSpec
    conversation: ConversationSpec = Field(default_factory=ConversationSpec)
    pricing: Pricing | None = None
