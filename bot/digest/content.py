"""What a digest says: pure functions from a period's consultations to a :class:`Digest`.

Counts, how many ended in each strategy, one line per consultation, the consultations
still waiting for answers, and the warnings given most often. Nothing here knows Slack:
``bot.digest.blocks`` renders a digest.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from bot.digest.schedule import Frequency, Period
from bot.store import Consultation, StoredRecommendation

TOP_WARNINGS = 3


@dataclass(frozen=True)
class DigestLine:
    """One consultation: who asked (a user id, to be named, never pinged), what, and the
    strategy it ended in (None while it waits for answers)."""

    consultation_id: str
    user_id: str
    description: str
    strategy: str | None
    thread_ts: str | None


@dataclass(frozen=True)
class WarningCount:
    rule: str
    text: str
    count: int


@dataclass(frozen=True)
class Digest:
    """A channel's period: one line per consultation, oldest first, and the warnings
    given most often."""

    team_id: str
    channel_id: str
    frequency: Frequency
    period: Period
    lines: tuple[DigestLine, ...] = ()
    top_warnings: tuple[WarningCount, ...] = ()

    @property
    def consultations(self) -> int:
        return len(self.lines)

    @property
    def by_strategy(self) -> dict[str, int]:
        """Consultations per final strategy, most frequent first (ties by name)."""
        counts = Counter(line.strategy for line in self.lines if line.strategy)
        return dict(sorted(counts.items(), key=lambda kv: (-kv[1], kv[0])))

    @property
    def advised(self) -> list[DigestLine]:
        return [line for line in self.lines if line.strategy is not None]

    @property
    def waiting(self) -> list[DigestLine]:
        return [line for line in self.lines if line.strategy is None]

    @property
    def is_empty(self) -> bool:
        return not self.lines


def build_digest(
    *,
    team_id: str,
    channel_id: str,
    frequency: Frequency,
    period: Period,
    consultations: Sequence[Consultation],
    recommendations: Mapping[str, Sequence[StoredRecommendation]],
) -> Digest:
    """The digest of ``consultations`` (started in the period, oldest first); each one's
    latest recommendation (``recommendations`` by consultation id) is what it ended in;
    one without any is still waiting for answers."""
    lines = []
    warnings: Counter[str] = Counter()
    texts: dict[str, str] = {}
    for c in consultations:
        given = recommendations.get(c.id) or []
        latest = given[-1] if given else None
        lines.append(
            DigestLine(
                consultation_id=c.id,
                user_id=c.user_id,
                description=c.description,
                strategy=latest.strategy if latest else None,
                thread_ts=c.thread_ts,
            )
        )
        for rule, text in _warnings(latest).items():
            warnings[rule] += 1
            texts.setdefault(rule, text)
    top = sorted(warnings.items(), key=lambda kv: (-kv[1], kv[0]))[:TOP_WARNINGS]
    return Digest(
        team_id=team_id,
        channel_id=channel_id,
        frequency=frequency,
        period=period,
        lines=tuple(lines),
        top_warnings=tuple(WarningCount(rule, texts[rule], count) for rule, count in top),
    )


def _warnings(recommendation: StoredRecommendation | None) -> dict[str, str]:
    """The warnings of a stored recommendation by rule id (each counted once per case)."""
    if recommendation is None:
        return {}
    try:
        advice = json.loads(recommendation.advice_json)
        found = advice["recommendation"]["warnings"]
        return {str(w["rule"]): str(w["text"]) for w in found}
    except (ValueError, KeyError, TypeError):
        return {}
