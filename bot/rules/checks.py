"""What the schema cannot see: names of facts, motives, thresholds and conditions, the
types of comparisons, references and cycles. Each problem is ``(path, message)``."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from bot.rules.answers import answer_problems
from bot.rules.cond_checks import STEPS, ConditionChecker, Problem
from bot.rules.conditions import AnyCond, refs
from bot.rules.facts_meta import FACT_KINDS, MOTIVE_NAMES
from bot.rules.schema import RulesFile
from bot.rules.suggest import did_you_mean
from bot.rules.templates import FORMATS, placeholders
from bot.rules.yamlsource import Loc

THRESHOLD = "threshold"
"""The extra placeholder of texts said about a figure that straddles a threshold."""


def check_book(book: RulesFile) -> list[Problem]:
    """Every meaning problem of a rule book that passed the schema."""
    checker = _Checker(book)
    checker.run()
    return checker.problems


class _Checker:
    def __init__(self, book: RulesFile) -> None:
        self.book = book
        self.problems: list[Problem] = []
        self.conditions = ConditionChecker(book, self.problems)

    def add(self, loc: Loc, message: str) -> None:
        self.problems.append((loc, message))

    def cond_check(self, cond: AnyCond, loc: Loc, decides: bool) -> None:
        self.conditions.check(cond, loc, decides)

    def run(self) -> None:
        self._thresholds()
        self._named_conditions()
        self._rules()
        self._questions()
        self._confidence()
        self._conversation()
        for loc, text in _texts(self.book):
            self._template(loc, text, "undecided" in loc)

    def _thresholds(self) -> None:
        for name, value in self.book.thresholds.items():
            loc: Loc = ("thresholds", name)
            if isinstance(value, bool) or not isinstance(value, int | float):
                self.add(loc, f"must be a number, got {value!r}")
            elif value < 0:
                self.add(loc, f"must not be negative, got {value}")

    def _named_conditions(self) -> None:
        for name, cond in self.book.conditions.items():
            loc: Loc = ("conditions", name)
            if name in FACT_KINDS:
                self.add(loc, f"condition '{name}' has the name of a fact; rename it")
            self.cond_check(cond, loc, decides=False)
            cycle = self._cycle(name, (name,))
            if cycle:
                self.add(loc, f"condition '{name}' refers to itself ({' -> '.join(cycle)})")

    def _cycle(self, name: str, trail: tuple[str, ...]) -> tuple[str, ...]:
        for ref in refs(self.book.conditions[name]):
            if ref == trail[0]:
                return (*trail, ref)
            if ref in self.book.conditions and ref not in trail:
                found = self._cycle(ref, (*trail, ref))
                if found:
                    return found
        return ()

    def _rules(self) -> None:
        seen: dict[str, Loc] = {}
        book = self.book
        sections: list[tuple[str, list[Any], bool]] = [
            ("strategy", list(book.strategy), True),
            ("later_steps", list(book.later_steps), True),
            ("technique", list(book.technique), True),
            ("warnings", list(book.warnings), False),
            ("next_steps", list(book.next_steps), False),
        ]
        for section, rules, decides in sections:
            for i, rule in enumerate(rules):
                loc: Loc = (section, i)
                if rule.id in seen:
                    self.add((*loc, "id"), f"duplicate rule id '{rule.id}'")
                seen.setdefault(rule.id, loc)
                if rule.when is not None:
                    self.cond_check(rule.when, (*loc, "when"), decides)
                if getattr(rule, "unless", None) is not None:
                    self.cond_check(rule.unless, (*loc, "unless"), decides)
                for j, reason in enumerate(getattr(rule, "reasons", [])):
                    if reason.when is not None:
                        self.cond_check(reason.when, (*loc, "reasons", j, "when"), decides)
                    self._fact_list(reason.facts or [], (*loc, "reasons", j, "facts"))
                self._fact_list(getattr(rule, "facts", None) or [], (*loc, "facts"))
        self._strategy_rules()
        for i, later in enumerate(book.later_steps):
            if later.step not in STEPS:
                hint = did_you_mean(later.step, STEPS)
                self.add(("later_steps", i, "step"), f"unknown step '{later.step}'{hint}")

    def _fact_list(self, names: list[str], loc: Loc) -> None:
        for j, name in enumerate(names):
            if name not in FACT_KINDS and name not in MOTIVE_NAMES:
                hint = did_you_mean(name, [*FACT_KINDS, *MOTIVE_NAMES])
                self.add((*loc, j), f"unknown fact or motive '{name}'{hint}")

    def _strategy_rules(self) -> None:
        rules = self.book.strategy
        if not rules:
            self.add(("strategy",), "there must be at least one strategy rule")
            return
        if rules[-1].when is not None:
            self.add(("strategy", len(rules) - 1), "the last strategy rule must have no 'when'")
        for i, rule in enumerate(rules):
            if not rule.path:
                self.add(("strategy", i, "path"), "the path must name at least one step")
            for j, step in enumerate(rule.path):
                if step not in STEPS:
                    hint = did_you_mean(step, STEPS)
                    self.add(("strategy", i, "path", j), f"unknown step '{step}'{hint}")

    def _questions(self) -> None:
        seen: set[str] = set()
        for i, q in enumerate(self.book.questions):
            loc: Loc = ("questions", i)
            if q.fact not in FACT_KINDS:
                hint = did_you_mean(q.fact, FACT_KINDS)
                self.add((*loc, "fact"), f"question for unknown fact '{q.fact}'{hint}")
            elif q.fact in seen:
                self.add((*loc, "fact"), f"a second question for fact '{q.fact}'")
            seen.add(q.fact)
            for key in ("unless", "first_when"):
                cond = getattr(q, key)
                if cond is not None:
                    self.cond_check(cond, (*loc, key), decides=False)
            if q.fact in FACT_KINDS:
                self.problems += answer_problems(q, loc)
        for i, a in enumerate(self.book.assumptions):
            if a.fact not in FACT_KINDS:
                hint = did_you_mean(a.fact, FACT_KINDS)
                self.add(("assumptions", i, "fact"), f"unknown fact '{a.fact}'{hint}")
            elif FACT_KINDS[a.fact].kind == "number" and a.undecided is None:
                self.add(
                    ("assumptions", i),
                    f"assumption '{a.fact}' needs an 'undecided' text: what is assumed when "
                    "the figure given straddles a threshold",
                )

    def _confidence(self) -> None:
        levels = self.book.confidence.levels
        if not levels or levels[-1].max_open:
            self.add(
                ("confidence", "levels", len(levels) - 1),
                "the last confidence level must have no max_open, so every case gets one",
            )

    def _conversation(self) -> None:
        talk = self.book.conversation
        for name, _ in placeholders(talk.confirm):
            if name not in ("quote", "reading"):
                self.add(("conversation", "confirm"), f"unknown placeholder '{{{name}}}' "
                         "(a confirmation may use {quote} and {reading})")  # fmt: skip
        for i, q in enumerate(self.book.questions):
            for name, _ in placeholders(q.reading or ""):
                if name != "value":
                    self.add(("questions", i, "reading"), f"unknown placeholder '{{{name}}}' "
                             "(a reading may use {value})")  # fmt: skip

    def _template(self, loc: Loc, text: str, straddles: bool = False) -> None:
        names = [*FACT_KINDS, *self.book.thresholds, *([THRESHOLD] if straddles else [])]
        for name, fmt in placeholders(text):
            if name not in names:
                hint = did_you_mean(name, names)
                self.add(loc, f"unknown placeholder '{{{name}}}' in text{hint}")
            if fmt is not None and fmt not in FORMATS:
                self.add(loc, f"unknown format ':{fmt}' in '{{{name}:{fmt}}}' (use {FORMATS})")


def _texts(book: RulesFile) -> Iterator[tuple[Loc, str]]:
    for i, s in enumerate(book.strategy):
        for j, r in enumerate(s.reasons):
            yield ("strategy", i, "reasons", j, "text"), r.text
    for i, later in enumerate(book.later_steps):
        for j, r in enumerate(later.reasons):
            yield ("later_steps", i, "reasons", j, "text"), r.text
    for i, t in enumerate(book.technique):
        for j, r in enumerate(t.reasons):
            yield ("technique", i, "reasons", j, "text"), r.text
    for i, w in enumerate(book.warnings):
        yield ("warnings", i, "text"), w.text
    for i, step in enumerate(book.next_steps):
        yield ("next_steps", i, "text"), step.text
        yield ("next_steps", i, "done"), step.done
    for i, q in enumerate(book.questions):
        yield ("questions", i, "text"), q.text
        if q.undecided is not None:
            u = q.undecided
            yield ("questions", i, "undecided", "text"), u.text
            for key in ("at_least", "below"):
                for field in ("label", "reply"):
                    yield ("questions", i, "undecided", key, field), getattr(getattr(u, key), field)
    for i, a in enumerate(book.assumptions):
        yield ("assumptions", i, "text"), a.text
        if a.undecided is not None:
            yield ("assumptions", i, "undecided"), a.undecided
