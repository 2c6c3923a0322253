"""Checking one condition of the rules file: heads, fact names and value types,
operators, thresholds, motives, references to named conditions."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from bot.advice import Strategy, Technique
from bot.rules.conditions import HEADS, OPERATORS, OUTCOME_HEADS, children, heads
from bot.rules.facts_meta import FACT_KINDS, MOTIVE_NAMES
from bot.rules.schema import Cond, FactRef, RuleBook
from bot.rules.suggest import did_you_mean
from bot.rules.yamlsource import Loc

Problem = tuple[Loc, str]
STEPS = ("prompt_engineering", "rag", "fine_tuning")
BOOL_FACTS = tuple(n for n, k in FACT_KINDS.items() if k.kind == "bool")


class ConditionChecker:
    """Adds ``(path, message)`` to ``problems`` for each problem of a condition."""

    def __init__(self, book: RuleBook, problems: list[Problem]) -> None:
        self.book = book
        self.problems = problems
        self.reads_decision = _names_reading_decision(book)

    def add(self, loc: Loc, message: str) -> None:
        self.problems.append((loc, message))

    def check(self, cond: Cond, loc: Loc, decides: bool) -> None:
        """Check one condition tree; ``decides``: it chooses strategy, path or technique."""
        found = heads(cond)
        if not found:
            self.add(loc, f"a condition needs one of: {', '.join(h for h in HEADS if h != 'ref')}")
            return
        if len(found) > 1:
            both = " and ".join(f"'{h}'" for h in found)
            self.add(loc, f"a condition has both {both}; combine them with all: or any:")
            return
        head = found[0]
        for key in ("op", "value", "is", "known"):
            if _has(cond, key) and not _modifier_ok(head, key):
                self.add((*loc, key), f"'{key}' does not go with '{head}'")
        if head == "ref":
            self._ref(cond.ref or "", loc, decides)
        elif head in ("all", "any", "count"):
            items = list(children(cond))
            if not items:
                self.add((*loc, head), f"'{head}' needs at least one condition")
            for i, child in enumerate(items):
                self.check(child, (*loc, head, i), decides)
            if head == "count":
                self._number_value(cond, loc, "count")
        elif head == "not":
            assert cond.not_ is not None
            self.check(cond.not_, (*loc, "not"), decides)
        elif head == "fact":
            self._fact(cond, loc)
        elif head == "motive" and cond.motive not in MOTIVE_NAMES:
            hint = did_you_mean(cond.motive or "", MOTIVE_NAMES)
            self.add((*loc, "motive"), f"unknown motive '{cond.motive}'{hint}")
        elif head in OUTCOME_HEADS:
            self._outcome(cond, head, loc, decides)

    def _ref(self, name: str, loc: Loc, decides: bool) -> None:
        if name in self.book.conditions:
            if decides and name in self.reads_decision:
                self.add(loc, f"condition '{name}' reads the decision, so it cannot decide it")
        elif name in FACT_KINDS and name not in BOOL_FACTS:
            self.add(loc, f"fact '{name}' is not yes/no; compare it with op: and value:")
        elif name not in FACT_KINDS:
            hint = did_you_mean(name, [*self.book.conditions, *BOOL_FACTS])
            self.add(loc, f"undefined condition '{name}'{hint}")

    def _fact(self, cond: Cond, loc: Loc) -> None:
        name = cond.fact or ""
        if name not in FACT_KINDS:
            self.add((*loc, "fact"), f"unknown fact '{name}'{did_you_mean(name, FACT_KINDS)}")
            return
        if cond.known is not None:
            if cond.is_ is not None or cond.op is not None or cond.value is not None:
                self.add(loc, "'known' stands alone; drop 'is', 'op' and 'value'")
            return
        if cond.is_ is not None:
            if cond.op is not None or cond.value is not None:
                self.add(loc, "use either 'is' or 'op' with 'value', not both")
            self._literal(name, cond.is_, "==", (*loc, "is"))
            return
        if cond.op is None or cond.value is None:
            self.add(loc, f"fact '{name}' needs 'is', 'op' with 'value', or 'known'")
            return
        if self._op(cond.op, loc):
            self._literal(name, cond.value, cond.op, (*loc, "value"))

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

    def _number_value(self, cond: Cond, loc: Loc, what: str) -> None:
        if cond.value is None or cond.op is None:
            self.add(loc, f"'{what}' needs 'op' and 'value'")
        elif self._op(cond.op, loc):
            self._number(cond.value, (*loc, "value"), f"'{what}'")

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

    def _outcome(self, cond: Cond, head: str, loc: Loc, decides: bool) -> None:
        if decides:
            self.add((*loc, head), f"'{head}' reads the decision; use it in warnings or next steps")
        value = getattr(cond, head)
        options = {
            "on_path": STEPS,
            "technique": tuple(t.value for t in Technique),
            "strategy": tuple(s.value for s in Strategy),
        }[head]
        if value not in options:
            hint = did_you_mean(value, options)
            self.add((*loc, head), f"unknown {head.replace('_', ' ')} '{value}'{hint}")


def _has(cond: Cond, key: str) -> bool:
    return key in cond.model_dump(by_alias=True, exclude_none=True)


def _modifier_ok(head: str, key: str) -> bool:
    if head == "fact":
        return True
    return head == "count" and key in ("op", "value")


def refs(cond: Cond) -> Iterator[str]:
    if cond.ref is not None:
        yield cond.ref
    for child in children(cond):
        yield from refs(child)


def _outcome_heads(cond: Cond) -> bool:
    return any(h in OUTCOME_HEADS for h in heads(cond)) or any(
        _outcome_heads(c) for c in children(cond)
    )


def _names_reading_decision(book: RuleBook) -> set[str]:
    """Named conditions that read the decision, directly or through other names."""
    out = {n for n, c in book.conditions.items() if _outcome_heads(c)}
    changed = True
    while changed:
        changed = False
        for name, cond in book.conditions.items():
            if name not in out and any(r in out for r in refs(cond)):
                out.add(name)
                changed = True
    return out
