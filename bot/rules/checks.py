"""What the schema cannot see: names of facts, motives, thresholds and conditions, the
types of comparisons, references and cycles. Each problem is ``(path, message)``."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from bot.advice import Strategy, Technique
from bot.rules.conditions import HEADS, OPERATORS, OUTCOME_HEADS, children, heads
from bot.rules.facts_meta import FACT_KINDS, MOTIVE_NAMES
from bot.rules.schema import Cond, FactRef, RuleBook
from bot.rules.suggest import did_you_mean
from bot.rules.templates import FORMATS, placeholders
from bot.rules.yamlsource import Loc

Problem = tuple[Loc, str]
STEPS = ("prompt_engineering", "rag", "fine_tuning")
BOOL_FACTS = tuple(n for n, k in FACT_KINDS.items() if k.kind == "bool")


def check_book(book: RuleBook) -> list[Problem]:
    """Every meaning problem of a rule book that passed the schema."""
    checker = _Checker(book)
    checker.run()
    return checker.problems


class _Checker:
    def __init__(self, book: RuleBook) -> None:
        self.book = book
        self.problems: list[Problem] = []
        self.reads_decision = _names_reading_decision(book)

    def add(self, loc: Loc, message: str) -> None:
        self.problems.append((loc, message))

    def run(self) -> None:
        self._thresholds()
        self._named_conditions()
        self._rules()
        self._questions()
        self._confidence()
        for loc, text in _texts(self.book):
            self._template(loc, text)

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
            self.cond(cond, loc, decides=False)
            cycle = self._cycle(name, (name,))
            if cycle:
                self.add(loc, f"condition '{name}' refers to itself ({' -> '.join(cycle)})")

    def _cycle(self, name: str, trail: tuple[str, ...]) -> tuple[str, ...]:
        for ref in _refs(self.book.conditions[name]):
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
                    self.cond(rule.when, (*loc, "when"), decides)
                for j, req in enumerate(getattr(rule, "first", [])):
                    self.cond(req.met, (*loc, "first", j, "met"), decides)
                for j, reason in enumerate(getattr(rule, "reasons", [])):
                    if reason.when is not None:
                        self.cond(reason.when, (*loc, "reasons", j, "when"), decides)
                for j, name in enumerate(getattr(rule, "facts", None) or []):
                    if name not in FACT_KINDS and name not in MOTIVE_NAMES:
                        hint = did_you_mean(name, [*FACT_KINDS, *MOTIVE_NAMES])
                        self.add((*loc, "facts", j), f"unknown fact or motive '{name}'{hint}")
        self._strategy_rules()
        for i, later in enumerate(book.later_steps):
            if later.step not in STEPS:
                hint = did_you_mean(later.step, STEPS)
                self.add(("later_steps", i, "step"), f"unknown step '{later.step}'{hint}")

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
            if q.unless is not None:
                self.cond(q.unless, (*loc, "unless"), decides=False)
        for i, a in enumerate(self.book.assumptions):
            if a.fact not in FACT_KINDS:
                hint = did_you_mean(a.fact, FACT_KINDS)
                self.add(("assumptions", i, "fact"), f"unknown fact '{a.fact}'{hint}")

    def _confidence(self) -> None:
        levels = self.book.confidence.levels
        if not levels or levels[-1].max_open is not None:
            self.add(("confidence", "levels"), "the last confidence level must have no max_open")

    def _template(self, loc: Loc, text: str) -> None:
        names = [*FACT_KINDS, *self.book.thresholds]
        for name, fmt in placeholders(text):
            if name not in names:
                hint = did_you_mean(name, names)
                self.add(loc, f"unknown placeholder '{{{name}}}' in text{hint}")
            if fmt is not None and fmt not in FORMATS:
                self.add(loc, f"unknown format ':{fmt}' in '{{{name}:{fmt}}}' (use {FORMATS})")

    def cond(self, cond: Cond, loc: Loc, decides: bool) -> None:
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
                self.cond(child, (*loc, head, i), decides)
            if head == "count":
                self._number_value(cond, loc, "count")
        elif head == "not":
            assert cond.not_ is not None
            self.cond(cond.not_, (*loc, "not"), decides)
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
            self.add(loc, f"fact '{fact}' is {kind.kind}; only '==' and '!=' compare it")
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


def _refs(cond: Cond) -> Iterator[str]:
    if cond.ref is not None:
        yield cond.ref
    for child in children(cond):
        yield from _refs(child)


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
            if name not in out and any(r in out for r in _refs(cond)):
                out.add(name)
                changed = True
    return out


def _texts(book: RuleBook) -> Iterator[tuple[Loc, str]]:
    for i, s in enumerate(book.strategy):
        for j, r in enumerate(s.reasons):
            yield ("strategy", i, "reasons", j, "text"), r.text
    for i, later in enumerate(book.later_steps):
        for j, r in enumerate(later.reasons):
            yield ("later_steps", i, "reasons", j, "text"), r.text
        for j, req in enumerate(later.first):
            yield ("later_steps", i, "first", j, "text"), req.text
    for i, t in enumerate(book.technique):
        for j, r in enumerate(t.reasons):
            yield ("technique", i, "reasons", j, "text"), r.text
    for i, w in enumerate(book.warnings):
        yield ("warnings", i, "text"), w.text
    for i, step in enumerate(book.next_steps):
        yield ("next_steps", i, "text"), step.text
    for i, q in enumerate(book.questions):
        yield ("questions", i, "text"), q.text
    for i, a in enumerate(book.assumptions):
        yield ("assumptions", i, "text"), a.text
