"""What the store hands back: plain frozen records, one per table row."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

FORGOTTEN = "forgotten"
"""Its asker told the bot to forget it: its text is gone, and the bot's messages with it."""
DELETED = "deleted"
"""Its root message (the description) was deleted: its text is gone, and the bot's messages."""
EXPIRED = "expired"
"""Older than the retention: its text is gone; what digests count is kept."""
WITHDRAWN = frozenset({FORGOTTEN, DELETED})
"""Ended by its people: no digest counts it, and the bot's messages in its thread go too."""
ENDED = WITHDRAWN | {EXPIRED}
"""Nothing reads, answers or stores text for it any more."""


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
    revision: int = 0
    """Counts the edits, deletions and purges of its text (bot/store/lifecycle.py)."""
    ended_at: datetime | None = None

    @property
    def ended(self) -> bool:
        """Forgotten, deleted or expired: nothing more is read, answered or stored."""
        return self.status in ENDED


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
