"""Quick answers: checked at load (a button for a number gives bounds, never a made-up
point), and turned into the :class:`QuickAnswer` buttons a question carries."""

from __future__ import annotations

import math
import re

from bot.advice import QuickAnswer
from bot.amount import Amount
from bot.facts import PERCENT_FACTS
from bot.rules.facts_meta import FACT_KINDS
from bot.rules.schema import QuestionSpec
from bot.rules.yamlsource import Loc

Problem = tuple[Loc, str]
FIGURE = re.compile(r"(?<![\w.])(\d[\d,]*(?:\.\d+)?)\s*(k\b|%)?", re.IGNORECASE)


def answer_problems(question: QuestionSpec, loc: Loc) -> list[Problem]:
    """Every problem of a question's quick answers and its undecided form."""
    fact = question.fact
    kind = FACT_KINDS[fact]
    out: list[Problem] = []
    for j, answer in enumerate(question.quick_answers):
        at: Loc = (*loc, "quick_answers", j)
        value = answer.value
        if kind.kind == "bool" and not isinstance(value, bool):
            out.append(((*at, "value"), f"fact '{fact}' is yes/no: the value is true or false"))
        elif kind.kind == "enum" and value not in kind.choices:
            out.append(((*at, "value"), f"'{value}' is not a value of '{fact}' {kind.choices}"))
        elif kind.kind == "number":
            out += _number_problems(fact, answer.reply, value, at)
    if kind.kind == "number" and question.undecided is None:
        out.append(
            (
                loc,
                f"question '{fact}' needs an 'undecided' form: what to ask when the figure "
                "given straddles a threshold",
            )
        )
    return out


def _number_problems(fact: str, reply: str, value: object, at: Loc) -> list[Problem]:
    if not isinstance(value, Amount):
        return [((*at, "value"), f"fact '{fact}' is a number: give bounds, like {{low: 500}}")]
    if value.exact and value.low != 0:
        shown = f"{value.low:g}"
        return [
            (
                (*at, "value"),
                f"a quick answer stands for many figures: give bounds ({{low: L}}, {{high: H}} "
                f"or both), not the single figure {shown}",
            )
        ]
    kind = FACT_KINDS[fact]
    if any(
        (kind.low is not None and b < kind.low) or (kind.high is not None and b > kind.high)
        for b in value.points()
    ):
        return [((*at, "value"), f"a bound is outside what '{fact}' can be")]
    bounds = value.points()
    for figure in figures(reply, percent=fact in PERCENT_FACTS):
        if not any(math.isclose(figure, b, rel_tol=1e-9, abs_tol=1e-9) for b in bounds):
            return [
                (
                    (*at, "reply"),
                    f"the reply names {figure:g}, which is not a bound of its value",
                )
            ]
    return []


def figures(text: str, percent: bool = False) -> list[float]:
    """The numbers a text names: "10k" is 10,000; "90%" is 0.9 for a share."""
    out = []
    for number, suffix in FIGURE.findall(text):
        value = float(number.replace(",", ""))
        if suffix.lower() == "k":
            value *= 1000
        if suffix == "%" or (percent and value > 1):
            value /= 100
        out.append(value)
    return out


def quick_answers(question: QuestionSpec) -> list[QuickAnswer]:
    """The buttons of a question as the file gives them."""
    return [
        QuickAnswer(label=a.label, reply=a.reply, value=a.value) for a in question.quick_answers
    ]
