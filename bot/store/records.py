"""What the store hands back: plain frozen records, one per table row."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime


@dataclass(frozen=True)
class Consultation:
    id: str
    team_id: str
    channel_id: str
    user_id: str
    origin: str
    thread_ts: str | None
    root_ts: str | None
    description: str
    state_json: str | None
    status: str
    question_rounds: int
    answered_through: int
    created_at: datetime
    updated_at: datetime
    state_version: int | None = None
    """The schema version of ``state_json`` (bot/slack/folding.py)."""
    state_turns: int = 0
    """The replies ``state_json`` covers."""


@dataclass(frozen=True)
class Turn:
    id: int
    consultation_id: str
    user_id: str
    text: str
    source_id: str
    created_at: datetime
    about: str | None = None
    """The fact a clicked quick answer answers; None for a typed reply; ``data_file`` for a
    training-data file measured in the thread (``text``: its report as JSON)."""


@dataclass(frozen=True)
class StoredRecommendation:
    id: int
    consultation_id: str
    strategy: str
    path: list[str]
    technique: str | None
    confidence: str
    advice_json: str
    message_ts: str | None
    created_at: datetime


@dataclass(frozen=True)
class PostedMessage:
    channel_id: str
    ts: str
    thread_ts: str | None
    kind: str
    consultation_id: str | None = None
    event_type: str | None = None
    content_json: str | None = None
    """``{"text": ..., "blocks": [...]}`` as posted, for questions (rebuilt on a click)."""
