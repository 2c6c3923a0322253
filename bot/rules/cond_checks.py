"""Checking one condition of the rules file: fact names and value types, operators,
thresholds, motives, references to named conditions. (Its shape, one head key with the
keys that go with it, is checked by the schema: :func:`bot.rules.conditions.shape_problem`.)"""

from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType
from typing import Any

from bot.advice import Strategy, Technique
from bot.rules.conditions import (
    TAGS,
    AllOf,
    AnyCond,
    AnyOf,
    Compare,
    Count,
    FactRef,
    Is,
    Known,
    MotiveIs,
    OnPath,
    Ref,
    StrategyIs,
    TechniqueIs,
    children,
    reads_decision,
    walk,
)
from bot.rules.facts_meta import FACT_KINDS, MOTIVE_NAMES
from bot.rules.schema import RulesFile
from bot.rules.suggest import did_you_mean
from bot.rules.yamlsource import Loc

Problem = tuple[Loc, str]
STEPS = ("prompt_engineering", "rag", "fine_tuning")
BOOL_FACTS = tuple(n for n, k in FACT_KINDS.items() if k.kind == "bool")
OPERATORS = ("==", "!=", "<", "<=", ">", ">=")
OUTCOMES: Mapping[type, tuple[str, ...]] = MappingProxyType(
    {
        OnPath: STEPS,
        TechniqueIs: tuple(t.value for t in Technique),
        StrategyIs: tuple(s.value for s in Strategy),
    }
)
"""What each condition that reads the decision may name."""


class ConditionChecker:
    """Adds ``(path, message)`` to ``problems`` for each problem of a condition."""

    def __init__(self, book: RulesFile, problems: list[Problem]) -> None:
        self.book = book
        self.problems = problems
        named = book.conditions
        self.reads_decision = {n for n, c in named.items() if reads_decision(c, named)}

    def add(self, loc: Loc, message: str) -> None:
        self.problems.append((loc, message))

    def check(self, cond: AnyCond, loc: Loc, decides: bool) -> None:
        """Check one condition tree; ``decides``: it chooses strategy, path or technique."""
        for node, at in walk(cond, loc):
            self._node(node, at, decides)

    def _node(self, node: AnyCond, loc: Loc, decides: bool) -> None:
        if isinstance(node, Ref):
            self._ref(node.ref, loc, decides)
        elif isinstance(node, AllOf | AnyOf | Count):
            head = TAGS[type(node)]
            if next(children(node), None) is None:
                self.add((*loc, head), f"'{head}' needs at least one condition")
            if isinstance(node, Count) and self._op(node.op, loc):
                self._number(node.value, (*loc, "value"), "'count'")
        elif isinstance(node, Compare | Is | Known):
            self._fact(node, loc)
        elif isinstance(node, MotiveIs) and node.motive not in MOTIVE_NAMES:
            hint = did_you_mean(node.motive, MOTIVE_NAMES)
            self.add((*loc, "motive"), f"unknown motive '{node.motive}'{hint}")
        elif type(node) in OUTCOMES:
            self._outcome(node, loc, decides)

    def _ref(self, name: str, loc: Loc, decides: bool) -> None:
        if name in self.book.conditions:
            if decides and name in self.reads_decision:
                self.add(loc, f"condition '{name}' reads the decision, so it cannot decide it")
        elif name in FACT_KINDS and name not in BOOL_FACTS:
            self.add(loc, f"fact '{name}' is not yes/no; compare it with op: and value:")
        elif name not in FACT_KINDS:
            hint = did_you_mean(name, [*self.book.conditions, *BOOL_FACTS])
            self.add(loc, f"undefined condition '{name}'{hint}")

    def _fact(self, node: Compare | Is | Known, loc: Loc) -> None:
        name = node.fact
        if name not in FACT_KINDS:
            self.add((*loc, "fact"), f"unknown fact '{name}'{did_you_mean(name, FACT_KINDS)}")
        elif isinstance(node, Is):
            self._literal(name, node.is_, "==", (*loc, "is"))
        elif isinstance(node, Compare) and self._op(node.op, loc):
            self._literal(name, node.value, node.op, (*loc, "value"))

    def _op(self, op: str, loc: Loc) -> bool:
        if op in OPERATORS:
            return True
        flipped = {"=": "==", "=>": ">=", "=<": "<=", "<>": "!="}.get(op)
        hint = f" (did you mean '{flipped}'?)" if flipped else did_you_mean(op, OPERATORS, 0.3)
        self.add((*loc, "op"), f"unknown operator '{op}'{hint}")
        return False

    def _literal(self, fact: str, value: Any, op: str, loc: Loc) -> None:
        kind = FACT_KINDS[fact]
        if kind.kind != "number" and op not in ("==", "!="):
            what = {"bool": "yes/no", "enum": "a category"}.get(kind.kind, kind.kind)
            self.add(loc, f"fact '{fact}' is {what}; only '==' and '!=' compare it")
        elif kind.kind == "number":
            self._number(value, loc, f"fact '{fact}'")
        elif isinstance(value, FactRef):
            if value.fact not in FACT_KINDS:
                hint = did_you_mean(value.fact, FACT_KINDS)
                self.add((*loc, "fact"), f"unknown fact '{value.fact}'{hint}")
        elif kind.kind == "bool" and not isinstance(value, bool):
            self.add(loc, f"fact '{fact}' is yes/no; compare it with true or false, not {value!r}")
        elif kind.kind == "enum" and value not in kind.choices:
            hint = did_you_mean(str(value), kind.choices)
            self.add(loc, f"'{value}' is not a value of '{fact}' {kind.choices}{hint}")

    def _number(self, value: Any, loc: Loc, what: str) -> None:
        if isinstance(value, FactRef):
            other = FACT_KINDS.get(value.fact)
            if other is None:
                hint = did_you_mean(value.fact, FACT_KINDS)
                self.add((*loc, "fact"), f"unknown fact '{value.fact}'{hint}")
            elif other.kind != "number":
                self.add((*loc, "fact"), f"fact '{value.fact}' is not a number")
        elif isinstance(value, str):
            if value not in self.book.thresholds:
                hint = did_you_mean(value, self.book.thresholds)
                self.add(loc, f"undefined threshold '{value}'{hint}")
        elif isinstance(value, bool) or not isinstance(value, int | float):
            self.add(loc, f"{what} compares with a number or a threshold name, not {value!r}")

    def _outcome(self, node: AnyCond, loc: Loc, decides: bool) -> None:
        head, options = TAGS[type(node)], OUTCOMES[type(node)]
        if decides:
            self.add((*loc, head), f"'{head}' reads the decision; use it in warnings or next steps")
        value = getattr(node, head)
        if value not in options:
            hint = did_you_mean(value, options)
            self.add((*loc, head), f"unknown {head.replace('_', ' ')} '{value}'{hint}")
