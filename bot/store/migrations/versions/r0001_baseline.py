"""The schema as create_all made it before migrations: consultations, turns,
recommendations, messages, processed events, digest subscriptions and runs.

A database made before migrations existed holds exactly this and is stamped with this
revision (see bot/store/migrate.py) rather than created again.

Revision ID: 0001
Revises:
"""

from __future__ import annotations

from typing import Any

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "consultations",
        sa.Column("id", sa.String(36), primary_key=True),
        sa.Column("team_id", sa.String(32), nullable=False),
        sa.Column("channel_id", sa.String(32), nullable=False),
        sa.Column("user_id", sa.String(32), nullable=False),
        sa.Column("origin", sa.String(16), nullable=False),
        sa.Column("thread_ts", sa.String(32)),
        sa.Column("root_ts", sa.String(32)),
        sa.Column("description", sa.Text, nullable=False),
        sa.Column("state_json", sa.Text),
        sa.Column("status", sa.String(16), nullable=False),
        sa.Column("question_rounds", sa.Integer, nullable=False),
        sa.Column("answered_through", sa.Integer, nullable=False),
        sa.Column("lock_owner", sa.String(64)),
        sa.Column("lock_until", sa.Float),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.UniqueConstraint("channel_id", "thread_ts", name="uq_consultation_thread"),
    )
    op.create_index(
        "ix_consultations_team_channel_created",
        "consultations",
        ["team_id", "channel_id", "created_at"],
    )
    _consultation_log(
        "turns",
        sa.Column("user_id", sa.String(32), nullable=False),
        sa.Column("text", sa.Text, nullable=False),
        sa.Column("about", sa.String(64)),
        sa.Column("source_id", sa.String(128), nullable=False, unique=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
    )
    _consultation_log(
        "recommendations",
        sa.Column("strategy", sa.String(32), nullable=False),
        sa.Column("path", sa.Text, nullable=False),
        sa.Column("technique", sa.String(32)),
        sa.Column("confidence", sa.String(16), nullable=False),
        sa.Column("advice_json", sa.Text, nullable=False),
        sa.Column("message_ts", sa.String(32)),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
    )
    op.create_table(
        "messages",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("consultation_id", sa.String(36), sa.ForeignKey("consultations.id")),
        sa.Column("channel_id", sa.String(32), nullable=False),
        sa.Column("ts", sa.String(32), nullable=False),
        sa.Column("thread_ts", sa.String(32)),
        sa.Column("kind", sa.String(32), nullable=False),
        sa.Column("event_type", sa.String(64)),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
    )
    op.create_table(
        "processed_events",
        sa.Column("event_id", sa.String(128), primary_key=True),
        sa.Column("received_at", sa.DateTime(timezone=True), nullable=False),
    )
    op.create_table(
        "digest_subscriptions",
        sa.Column("team_id", sa.String(32), primary_key=True),
        sa.Column("channel_id", sa.String(32), primary_key=True),
        sa.Column("frequency", sa.String(16), nullable=False),
        sa.Column("include_empty", sa.Boolean, nullable=False),
        sa.Column("active", sa.Boolean, nullable=False),
        sa.Column("active_since", sa.DateTime(timezone=True), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
    )
    op.create_table(
        "digest_runs",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("team_id", sa.String(32), nullable=False),
        sa.Column("channel_id", sa.String(32), nullable=False),
        sa.Column("frequency", sa.String(16), nullable=False),
        sa.Column("period_start", sa.DateTime(timezone=True), nullable=False),
        sa.Column("period_end", sa.DateTime(timezone=True), nullable=False),
        sa.Column("status", sa.String(16), nullable=False),
        sa.Column("claimed_by", sa.String(64), nullable=False),
        sa.Column("claimed_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("attempts", sa.Integer, nullable=False),
        sa.Column("message_ts", sa.String(32)),
        sa.Column("posted_at", sa.DateTime(timezone=True)),
        sa.UniqueConstraint(
            "team_id", "channel_id", "frequency", "period_start", name="uq_digest_run_period"
        ),
    )


def _consultation_log(name: str, *columns: sa.Column[Any]) -> None:
    """A table of a consultation's rows in the order they came (``turns``,
    ``recommendations``): its own ``id``, the consultation's, then ``columns``; indexed
    ``ix_<name>_consultation`` on both ids, to read one consultation's rows in order."""
    op.create_table(
        name,
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column(
            "consultation_id", sa.String(36), sa.ForeignKey("consultations.id"), nullable=False
        ),
        *columns,
    )
    op.create_index(f"ix_{name}_consultation", name, ["consultation_id", "id"])


def downgrade() -> None:
    for table in (
        "digest_runs",
        "digest_subscriptions",
        "processed_events",
        "messages",
        "recommendations",
        "turns",
        "consultations",
    ):
        op.drop_table(table)
