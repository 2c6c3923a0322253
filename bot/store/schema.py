"""The tables of the consultation store (SQLAlchemy Core), one plain row per thing.

``consultations``
    One per conversation: who (team, channel, user), where (``thread_ts``: the thread the
    conversation lives in; ``root_ts``: the bot's root message for ``/advise``), the
    ``description``, the latest computed ``state_json`` (a ``CaseState`` of schema
    ``state_version``, folded from the description and ``state_turns`` turns), ``status``
    (``pending`` until the thread exists, ``opening`` while its root message is being
    posted, then ``asking`` or ``advised``; ended: ``forgotten`` by its asker, ``deleted``
    with its root message, ``expired`` past the retention), the lease
    (``lock_owner``, ``lock_until``) that serializes answering, ``revision`` (counts the
    edits, deletions and purges of its text: a state or a recommendation computed from an
    older revision is not kept) and ``ended_at``.
``turns``
    Every reply in order (``id``), append-only; ``source_id`` is unique (the Slack message
    or click it came from), so a re-delivered reply is stored once.
``recommendations``
    Every recommendation given: strategy, path (JSON list), technique, confidence, the
    whole ``Advice`` as JSON (``advice_json``: facts, warnings, ...) and the message's ts.
``messages``
    Every message the bot posted (channel, ts, thread, kind, metadata event type).
``processed_events``
    Slack event ids already handled, so a re-delivered event is handled once.
``seen_requests``
    Signatures of the requests verified in the last minutes, so a replay is refused.
``health_checks``
    One row the health check writes, to prove the database takes writes.
``retention_runs``
    One row per hour in which the retention job ran (unique ``period_start``: inserting it
    claims the run, as a digest run is claimed), with the cutoff and how many were purged.
``removed_workspaces``
    Workspaces that uninstalled the app or revoked its token, and when their data was purged.

The tables are made and changed by migrations (``bot/store/migrations``, run by
:mod:`bot.store.migrate`); this module is what the code reads and writes, and a test
checks that the two agree.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import (
    Column,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Table,
    Text,
    UniqueConstraint,
)

metadata = MetaData()


def workspace_channel(**options: Any) -> tuple[Column[Any], Column[Any]]:
    """``team_id`` and ``channel_id``: the Slack workspace and channel a row belongs to."""
    return Column("team_id", String(32), **options), Column("channel_id", String(32), **options)


consultations = Table(
    "consultations",
    metadata,
    Column("id", String(36), primary_key=True),
    *workspace_channel(nullable=False),
    Column("user_id", String(32), nullable=False),
    Column("origin", String(16), nullable=False, doc="command, mention or dm"),
    Column("thread_ts", String(32)),
    Column("root_ts", String(32)),
    Column("description", Text, nullable=False),
    Column("state_json", Text),
    Column("state_version", Integer, doc="the schema version of state_json"),
    Column("state_turns", Integer, nullable=False, default=0, server_default="0"),
    Column("status", String(16), nullable=False, default="pending"),
    Column("question_rounds", Integer, nullable=False, default=0),
    Column("answered_through", Integer, nullable=False, default=0, doc="last turn id answered"),
    Column("lock_owner", String(64)),
    Column("lock_until", Float),
    Column("created_at", DateTime(timezone=True), nullable=False),
    Column("updated_at", DateTime(timezone=True), nullable=False),
    Column("revision", Integer, nullable=False, default=0, server_default="0"),
    Column("ended_at", DateTime(timezone=True)),
    UniqueConstraint("channel_id", "thread_ts", name="uq_consultation_thread"),
    Index("ix_consultations_team_channel_created", "team_id", "channel_id", "created_at"),
    Index("ix_consultations_created", "created_at"),
    Index("ix_consultations_channel_root", "channel_id", "root_ts"),
)


def _of_consultation(name: str, *columns: Column[Any]) -> Table:
    """A table of what a consultation gathers, in order: ``id`` counts the rows,
    ``consultation_id`` names their consultation, ``created_at`` dates them, and an index
    reads one consultation's rows in order."""
    return Table(
        name,
        metadata,
        Column("id", Integer, primary_key=True, autoincrement=True),
        Column("consultation_id", String(36), ForeignKey("consultations.id"), nullable=False),
        *columns,
        Column("created_at", DateTime(timezone=True), nullable=False),
        Index(f"ix_{name}_consultation", "consultation_id", "id"),
    )


turns = _of_consultation(
    "turns",
    Column("user_id", String(32), nullable=False),
    Column("text", Text, nullable=False),
    Column("about", String(64), nullable=True),  # the fact a clicked quick answer answers
    Column("source_id", String(128), nullable=False, unique=True),
)

recommendations = _of_consultation(
    "recommendations",
    Column("strategy", String(32), nullable=False),
    Column("path", Text, nullable=False, doc="JSON list of strategies"),
    Column("technique", String(32)),
    Column("confidence", String(16), nullable=False),
    Column("advice_json", Text, nullable=False),
    Column("message_ts", String(32)),
)

messages = Table(
    "messages",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("consultation_id", String(36), ForeignKey("consultations.id")),
    Column("channel_id", String(32), nullable=False),
    Column("ts", String(32), nullable=False),
    Column("thread_ts", String(32)),
    Column("kind", String(32), nullable=False),
    Column("event_type", String(64)),
    Column("created_at", DateTime(timezone=True), nullable=False),
    Column("content_json", Text, doc="text and blocks as posted (questions: rebuilt on a click)"),
    Index("ix_messages_channel_ts", "channel_id", "ts"),
    Index("ix_messages_consultation", "consultation_id"),
)

processed_events = Table(
    "processed_events",
    metadata,
    Column("event_id", String(128), primary_key=True),
    Column("received_at", DateTime(timezone=True), nullable=False),
)

seen_requests = Table(
    "seen_requests",
    metadata,
    Column("signature", String(80), primary_key=True),
    Column("seen_at", Float, nullable=False),
    Index("ix_seen_requests_seen_at", "seen_at"),
)

health_checks = Table(
    "health_checks",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=False),
    Column("checked_at", Float, nullable=False),
)

retention_runs = Table(
    "retention_runs",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("period_start", DateTime(timezone=True), nullable=False, unique=True),
    Column("cutoff", DateTime(timezone=True), nullable=False),
    Column("status", String(16), nullable=False),
    Column("claimed_by", String(64), nullable=False),
    Column("claimed_at", DateTime(timezone=True), nullable=False),
    Column("attempts", Integer, nullable=False, default=1),
    Column("purged", Integer),
    Column("finished_at", DateTime(timezone=True)),
)

removed_workspaces = Table(
    "removed_workspaces",
    metadata,
    Column("team_id", String(32), primary_key=True),
    Column("reason", String(32), nullable=False, doc="app_uninstalled or tokens_revoked"),
    Column("removed_at", DateTime(timezone=True), nullable=False),
    Column("purged_at", DateTime(timezone=True)),
)
