"""The rule book compiled once: every condition made a function, every text paired with
the facts it rests on, and what each fact is compared with. Immutable; its owner (the
:class:`bot.advisor.Advisor`) holds it, and every call makes its own scopes."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from types import MappingProxyType

from bot.advice import Confidence, QuickAnswer, Strategy, Technique
from bot.rules import schema
from bot.rules.answers import quick_answers
from bot.rules.conditions import AnyCond, reads
from bot.rules.cost import FixedParts, fixed_parts
from bot.rules.evaluate import Check, Compiler
from bot.rules.facts_meta import FACT_KINDS
from bot.rules.plan import Plan, make_plan
from bot.rules.pricing import Pricing
from bot.rules.schema import (
    AssumptionSpec,
    QuestionSpec,
    ReasonSpec,
    RulesFile,
    UndecidedSpec,
)
from bot.rules.templates import Template, compile_template, placeholders

RuleSpec = schema.StrategyRule | schema.LaterStep | schema.TechniqueRule
"""A rule of the file that gives reasons (compiled into a :class:`Rule`)."""


@dataclass(frozen=True, slots=True)
class Said:
    """A sentence the reply may say: when it applies, what it needs known, what it names."""

    rule: str
    template: Template
    when: Check | None
    needs: tuple[str, ...]
    """Facts that must be known for it to be said (those it shows, and those it rests on)."""
    facts: tuple[str, ...]
    """The facts (and motives) it names, for the reply's ``facts`` lists."""


@dataclass(frozen=True, slots=True)
class Rule:
    """A rule that chooses: its id, when it applies (``None``: always) and its reasons."""

    id: str
    when: Check | None
    reasons: tuple[Said, ...]


@dataclass(frozen=True, slots=True)
class StrategyRule(Rule):
    strategy: Strategy
    path: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class LaterStep(Rule):
    when: Check
    step: str


@dataclass(frozen=True, slots=True)
class TechniqueRule(Rule):
    technique: Technique


@dataclass(frozen=True, slots=True)
class Warning:
    said: Said
    explicit_facts: bool
    """``facts:`` was given in the file; otherwise the facts and motives it reads."""


@dataclass(frozen=True, slots=True)
class Step:
    id: str
    when: Check | None
    unless: Check | None
    said: Said


@dataclass(frozen=True, slots=True)
class QuestionRule:
    spec: QuestionSpec
    unless: Check | None
    first_when: Check | None
    buttons: tuple[QuickAnswer, ...]
    """The quick answers as the file gives them (immutable, shared by every reply)."""

    @property
    def undecided(self) -> UndecidedSpec | None:
        return self.spec.undecided


@dataclass(frozen=True, slots=True, repr=False)
class RuleBook:
    """``decision_rules.yaml`` and its pricing file, validated and compiled."""

    spec: RulesFile
    thresholds: Mapping[str, float]
    pricing: Pricing | None
    strategy: tuple[StrategyRule, ...]
    later_steps: tuple[LaterStep, ...]
    technique: tuple[TechniqueRule, ...]
    warnings: tuple[Warning, ...]
    next_steps: tuple[Step, ...]
    question_rules: tuple[QuestionRule, ...]
    assumptions: Mapping[str, AssumptionSpec]
    levels: tuple[tuple[Confidence, Mapping[str, int]], ...]
    plan: Plan
    templates: Mapping[str, Template]
    """Every text of the rules and pricing files, split once into literals and placeholders."""
    cost_parts: FixedParts | None
    """What the cost section says whatever the case (none without a pricing table)."""
    version: str = ""
    """A short hash of the files it was compiled from (:func:`bot.rules.version.rules_version`)."""

    def __repr__(self) -> str:
        return (
            f"RuleBook({len(self.strategy)} strategy rules, {len(self.question_rules)} questions)"
        )

    @property
    def questions(self) -> list[QuestionSpec]:
        """The follow-up questions as the file gives them."""
        return list(self.spec.questions)

    def threshold(self, name: str) -> float:
        return self.thresholds[name]

    def template(self, text: str) -> Template:
        """``text`` split into literals and placeholders (once, at compile, for the files')."""
        found = self.templates.get(text)
        return found if found is not None else compile_template(text)


def compile_book(spec: RulesFile) -> RuleBook:
    """The compiled form of a validated (and checked) rules file."""
    thresholds = MappingProxyType({k: float(v) for k, v in spec.thresholds.items()})
    named: Mapping[str, AnyCond] = spec.conditions
    compiler = Compiler(named, thresholds)

    def check(cond: AnyCond | None) -> Check | None:
        return None if cond is None else compiler.compile(cond)

    def said(rule: str, r: ReasonSpec) -> Said:
        shown = [n for n, _ in placeholders(r.text) if n in FACT_KINDS]
        read = reads(r.when, named) if r.when is not None else []
        named_facts = [n for n in [*shown, *read, *(r.facts or [])] if n in FACT_KINDS]
        needs = tuple(dict.fromkeys([*shown, *(r.facts or [])]))
        template = compile_template(r.text)
        return Said(rule, template, check(r.when), needs, tuple(dict.fromkeys(named_facts)))

    def reasons(
        rule: schema.StrategyRule | schema.LaterStep | schema.TechniqueRule,
    ) -> tuple[Said, ...]:
        return tuple(said(rule.id, r) for r in rule.reasons)

    def text_only(rule: str, text: str, when: AnyCond | None, facts: Sequence[str] | None) -> Said:
        shown = tuple(dict.fromkeys(n for n, _ in placeholders(text) if n in FACT_KINDS))
        names = facts if facts is not None else (reads(when, named) if when is not None else [])
        return Said(rule, compile_template(text), check(when), shown, tuple(names))

    return RuleBook(
        spec=spec,
        thresholds=thresholds,
        pricing=spec.pricing,
        strategy=tuple(
            StrategyRule(r.id, check(r.when), reasons(r), r.strategy, tuple(r.path))
            for r in spec.strategy
        ),
        later_steps=tuple(
            LaterStep(s.id, compiler.compile(s.when), reasons(s), s.step) for s in spec.later_steps
        ),
        technique=tuple(
            TechniqueRule(t.id, check(t.when), reasons(t), t.technique) for t in spec.technique
        ),
        warnings=tuple(
            Warning(text_only(w.id, w.text, w.when, w.facts), w.facts is not None)
            for w in spec.warnings
        ),
        next_steps=tuple(
            Step(
                s.id,
                check(s.when),
                check(s.unless),
                text_only(s.id, f"{s.text} Done when {s.done}", None, []),
            )
            for s in spec.next_steps
        ),
        question_rules=tuple(
            QuestionRule(q, check(q.unless), check(q.first_when), tuple(quick_answers(q)))
            for q in spec.questions
        ),
        assumptions=MappingProxyType({a.fact: a for a in spec.assumptions}),
        levels=tuple(
            (level.confidence, MappingProxyType({str(k): v for k, v in level.max_open.items()}))
            for level in spec.confidence.levels
        ),
        plan=make_plan(spec, thresholds),
        templates=MappingProxyType({t: compile_template(t) for t in _texts(spec)}),
        cost_parts=fixed_parts(spec.pricing) if spec.pricing is not None else None,
    )


def _texts(spec: RulesFile) -> list[str]:
    """The texts filled per call outside reasons, warnings and steps."""
    out: list[str] = []
    for q in spec.questions:
        out.append(q.text)
        if q.undecided is not None:
            u = q.undecided
            out += [u.text, u.at_least.label, u.at_least.reply, u.below.label, u.below.reply]
    for a in spec.assumptions:
        out += [a.text, *([a.undecided] if a.undecided else [])]
    if spec.pricing is not None:
        out += [str(v) for v in spec.pricing.texts.model_dump().values()]
    return out
