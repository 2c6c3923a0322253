"""The words the parser reads by, loaded from ``vocabulary.yaml``.

A domain expert extends the vocabulary without touching Python: each cue is a regular
expression (a plain phrase is one), matched case-insensitively on whole words against
the user's text after numbers have been normalised ("two thousand" -> "2000").
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from bot.case import Motive
from bot.errors import RulesError
from bot.facts import TaskType
from bot.paths import vocabulary_path


def compile_cue(pattern: str) -> re.Pattern[str]:
    """A cue matches on word boundaries, case-insensitively."""
    return re.compile(rf"(?<![\w'])(?:{pattern})(?![\w'])", re.IGNORECASE)


def compile_any(patterns: list[str] | tuple[str, ...]) -> re.Pattern[str]:
    """One regex matching any of the cues (one pass over the text instead of one a cue)."""
    if not patterns:
        return re.compile(r"(?!x)x")  # matches nothing
    return compile_cue("|".join(f"(?:{p})" for p in patterns))


def _check_patterns(patterns: list[str]) -> list[str]:
    for pattern in patterns:
        if pattern != pattern.rstrip() or pattern != pattern.lstrip():
            raise ValueError(
                f"pattern {pattern!r} starts or ends with a space, so it can never match "
                "a whole word; remove the space"
            )
        try:
            compile_cue(pattern)
        except re.error as exc:
            raise ValueError(f"bad pattern {pattern!r}: {exc}") from exc
    return patterns


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    def __hash__(self) -> int:
        return id(self)


class Cues(_Strict):
    """Phrases that say a fact is true, and phrases that say it is false."""

    when_true: list[str] = Field(default_factory=list)
    when_false: list[str] = Field(default_factory=list)

    _check = field_validator("when_true", "when_false")(_check_patterns)


class DomainCue(_Strict):
    pattern: str
    domain: str

    _check = field_validator("pattern")(lambda v: _check_patterns([v])[0])


class DomainCues(_Strict):
    when_true: list[DomainCue] = Field(default_factory=list)
    when_false: list[str] = Field(default_factory=list)

    _check = field_validator("when_false")(_check_patterns)


class WeightedCue(_Strict):
    pattern: str
    weight: float = 1.0

    _check = field_validator("pattern")(lambda v: _check_patterns([v])[0])


class PromptingCues(_Strict):
    """prompting_exhausted: not tried; tried; falls short; works."""

    not_tried: list[str] = Field(default_factory=list)
    tried: list[str] = Field(default_factory=list)
    falls_short: list[str] = Field(default_factory=list)
    works: list[str] = Field(default_factory=list)

    _check = field_validator("not_tried", "tried", "falls_short", "works")(_check_patterns)


class ExampleCues(_Strict):
    """How a count is recognised as a count of labeled examples."""

    annotated: list[str] = Field(
        default_factory=list, description="words near a count that make it examples"
    )
    in_prompt: list[str] = Field(
        default_factory=list, description="a count of few-shot examples inside a prompt"
    )
    not_examples: list[str] = Field(
        default_factory=list, description="words that make a count something else"
    )
    none: list[str] = Field(
        default_factory=list, description="phrases saying they have no labeled data"
    )

    prompt_context: list[str] = Field(
        default_factory=list,
        description="words that make a small count (prompt_context_max or less) prompt examples",
    )
    prompt_context_max: int = 50
    test_set: list[str] = Field(
        default_factory=list, description="a count measured 'on N' that is a test set"
    )

    _check = field_validator(
        "annotated", "in_prompt", "prompt_context", "test_set", "not_examples", "none"
    )(_check_patterns)


class QualityCues(_Strict):
    high: list[str] = Field(default_factory=list)
    mixed: list[str] = Field(default_factory=list)
    low: list[str] = Field(default_factory=list)

    _check = field_validator("high", "mixed", "low")(_check_patterns)


class MetricCues(_Strict):
    """Words around a percentage that make it a quality measure, or a target."""

    measure: list[str] = Field(default_factory=list)
    target_before: list[str] = Field(default_factory=list)
    target_after: list[str] = Field(default_factory=list)
    inverse: list[str] = Field(
        default_factory=list, description="words that make a figure an error rate: 1 - x"
    )
    not_quality: list[str] = Field(
        default_factory=list, description="words that make a percentage something else"
    )

    _check = field_validator("measure", "target_before", "target_after", "inverse", "not_quality")(
        _check_patterns
    )


class VolumeCues(_Strict):
    population: list[str] = Field(
        default_factory=list, description="nouns for people: '30 analysts', '2k devs'"
    )
    per_each: list[str] = Field(
        default_factory=list, description="words linking people to a per-person rate"
    )
    not_volume: list[str] = Field(
        default_factory=list, description="nouns after a count that make it no volume"
    )

    _check = field_validator("population", "per_each", "not_volume")(_check_patterns)


_TERM = re.compile(r"\{\{(\w+)\}\}")


def expand_terms(data: Any) -> Any:
    """Replace ``{{name}}`` in every pattern by the alternation of ``terms[name]``."""
    if not isinstance(data, dict) or not isinstance(data.get("terms"), dict):
        return data
    terms: dict[str, str] = {
        name: "(?:" + "|".join(str(p) for p in words) + ")"
        for name, words in data["terms"].items()
        if isinstance(words, list)
    }

    def expand(value: Any) -> Any:
        if isinstance(value, str):

            def replace(match: re.Match[str]) -> str:
                if match.group(1) not in terms:
                    known = ", ".join(sorted(terms))
                    raise ValueError(f"unknown term {{{{{match.group(1)}}}}} (known: {known})")
                return terms[match.group(1)]

            return _TERM.sub(replace, value)
        if isinstance(value, list):
            return [expand(v) for v in value]
        if isinstance(value, dict):
            return {k: (v if k == "terms" else expand(v)) for k, v in value.items()}
        return value

    return expand(data)


class Vocabulary(_Strict):
    """Everything ``vocabulary.yaml`` holds, validated."""

    terms: dict[str, list[str]] = Field(
        default_factory=dict, description="named word lists; a pattern uses one as {{name}}"
    )
    negators: list[str] = Field(default_factory=list)
    skip: list[str] = Field(default_factory=list)
    task_types: dict[TaskType, list[WeightedCue]]
    task_min_score: float = 2.0
    specialized_domain: DomainCues
    needs_knowledge: Cues
    style_consistency: Cues
    latency_sensitive: Cues
    preference_data: Cues
    self_hosted: Cues
    prompting: PromptingCues
    examples: ExampleCues
    data_quality: QualityCues
    metrics: MetricCues
    volume: VolumeCues
    motives: dict[Motive, list[str]]

    _check = field_validator("negators", "skip")(_check_patterns)


def load_vocabulary(path: Path | None = None) -> Vocabulary:
    """Load and validate the vocabulary; problems raise :class:`RulesError` naming the file."""
    path = path or vocabulary_path()
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except OSError as exc:
        raise RulesError([f"{path}: cannot read the vocabulary: {exc.strerror}"]) from exc
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = f":{mark.line + 1}" if mark else ""
        raise RulesError([f"{path.name}{line}: not valid YAML: {exc}"]) from exc
    try:
        return Vocabulary.model_validate(expand_terms(data))
    except ValueError as exc:
        if not isinstance(exc, ValidationError):
            raise RulesError([f"{path.name}: {exc}"]) from exc
        problems = [
            f"{path.name}: {'.'.join(str(p) for p in err['loc'])}: {err['msg']}"
            for err in exc.errors()
        ]
        raise RulesError(problems) from exc
    raise AssertionError("unreachable")
