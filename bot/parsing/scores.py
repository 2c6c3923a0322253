"""Quality figures in the user's words: the current prompt's measured quality and the
quality they need ("87% accuracy", "F1 of 0.71", "we need 95%", "target is 90"), and
whether prompting has been tried and falls short."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

from bot.parsing.cues import CompiledVocabulary
from bot.parsing.numbers import Quantity, quantities
from bot.parsing.text import Sentence

_BOUND = re.compile(
    r"\s+(under|below|less than|at most|no more than|max|over|above|at least|more than|>=?|<=?)"
    r"(?:\s+(?:about|around|roughly|~))?\s*~?\s*$"
)
_CEILINGS = {"under", "below", "less than", "at most", "no more than", "max", "<", "<="}
_BARE_READING = re.compile(
    r"\b(?:currently|now|today|right now|at|stuck at|sitting at|gets|hits|scores?)"
    r"\s+(?:~|about|around|roughly)?\s*$"
)
_BARE_TARGET_END = re.compile(r"^\s*(?:$|[.,;:!?)]|\+|or\b|before\b|on\b|accuracy|f1|percent)")


@dataclass(frozen=True)
class Score:
    value: float
    sentence: Sentence


def _fraction(q: Quantity) -> float | None:
    value = q.value
    if q.percent:
        value /= 100
    elif value > 1:
        if value > 100:
            return None
        value /= 100
    return value if 0 <= value <= 1 else None


def _near(patterns: Sequence[re.Pattern[str]], text: str) -> bool:
    return any(p.search(text) for p in patterns)


def quality_scores(
    sentences: Sequence[Sentence], vocab: CompiledVocabulary
) -> tuple[Score | None, Score | None]:
    """(baseline, target) as fractions, the first of each the turn states."""
    baseline: Score | None = None
    target: Score | None = None
    for sentence in sentences:
        norm = sentence.norm
        found = quantities(norm)
        for i, q in enumerate(found):
            if q.currency:
                continue
            figure = _figure(norm, q, found[i + 1] if i + 1 < len(found) else None, vocab)
            if figure is None:
                continue
            value, is_target = figure
            if is_target:
                target = target or Score(value, sentence)
            else:
                baseline = baseline or Score(value, sentence)
    return baseline, target


@lru_cache(maxsize=256)
def _speaks_in_percent(norm: str) -> bool:
    return any(x.percent for x in quantities(norm))


def _figure(
    norm: str, q: Quantity, following: Quantity | None, vocab: CompiledVocabulary
) -> tuple[float, bool] | None:
    """(the quality as a fraction, whether it is a target), or None for another number."""
    stop = following.start if following else len(norm)
    tail = norm[q.end : min(stop, q.end + 25)]
    before = " ".join(norm[: q.start].split()[-8:])
    after = " ".join(norm[q.end :].split()[:4])
    clause_before = re.split(r"[;,]|\bbut\b|\band\b", before)[-1]
    bound = _BOUND.search(clause_before)
    core_before = clause_before[: bound.start()] if bound else clause_before
    is_target = _near(vocab.target_before, core_before) or _near(vocab.target_after, tail)
    measure_near = any(
        _near(patterns, text)
        for patterns in (vocab.measure, vocab.inverse)
        for text in (before, after)
    )
    if not q.percent and q.value > 1:
        # A bare number is a figure only right after a need ("we need 90") or a reading
        # ("currently at about 93") in a sentence that speaks in percent.
        reading = _BARE_READING.search(before) and _speaks_in_percent(norm)
        if not (
            (is_target and _BARE_TARGET_END.match(norm[q.end :])) or (reading and not is_target)
        ):
            return None
    elif not q.percent and not (measure_near or is_target):
        return None
    value = _fraction(q)
    if value is None:
        return None
    if not is_target and not (
        measure_near
        or _BARE_READING.search(before)
        or (_near(vocab.measure, norm) and not _near(vocab.not_quality, after))
    ):
        return None  # '28% UAN', '30% of our income': not a quality figure
    near_after = " ".join(after.split()[:3])
    near = " ".join(before.split()[-6:]) + " " + near_after
    positive = re.search(r"\b(?:right|correct\w*|accura\w*|pass\w*|good)\b", near_after)
    if is_target and bound and bound.group(1) in _CEILINGS and _near(vocab.inverse, norm):
        value = round(1 - value, 4)  # 'we need under 5% errors' is 95% right
    elif not is_target and _near(vocab.inverse, near) and not positive:
        value = round(1 - value, 4)  # 'wrong 40% of the time' is 60% right
    return value, is_target
