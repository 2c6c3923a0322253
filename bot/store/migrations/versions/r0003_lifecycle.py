"""The data's lifecycle: a consultation's ``revision`` (edits, deletions and purges of its
text; a state or a recommendation computed from an older one is not kept) and ``ended_at``
(forgotten, deleted or expired); indexes for the retention job (consultations by date), for
edits and deletions (consultations by root message) and for forgetting (messages by
consultation); the retention job's runs (claimed once per hour
across instances); and the workspaces that removed the app, until their data is purged.

Every existing row is kept: a consultation starts at revision 0, not ended.

Revision ID: 0003
Revises: 0002
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"


def upgrade() -> None:
    with op.batch_alter_table("consultations") as batch:
        batch.add_column(sa.Column("revision", sa.Integer, nullable=False, server_default="0"))
        batch.add_column(sa.Column("ended_at", sa.DateTime(timezone=True)))
    op.create_index("ix_consultations_created", "consultations", ["created_at"])
    op.create_index("ix_consultations_channel_root", "consultations", ["channel_id", "root_ts"])
    op.create_index("ix_messages_consultation", "messages", ["consultation_id"])
    op.create_table(
        "retention_runs",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("period_start", sa.DateTime(timezone=True), nullable=False, unique=True),
        sa.Column("cutoff", sa.DateTime(timezone=True), nullable=False),
        sa.Column("status", sa.String(16), nullable=False),
        sa.Column("claimed_by", sa.String(64), nullable=False),
        sa.Column("claimed_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("attempts", sa.Integer, nullable=False),
        sa.Column("purged", sa.Integer),
        sa.Column("finished_at", sa.DateTime(timezone=True)),
    )
    op.create_table(
        "removed_workspaces",
        sa.Column("team_id", sa.String(32), primary_key=True),
        sa.Column("reason", sa.String(32), nullable=False),
        sa.Column("removed_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("purged_at", sa.DateTime(timezone=True)),
    )


def downgrade() -> None:
    op.drop_table("removed_workspaces")
    op.drop_table("retention_runs")
    op.drop_index("ix_messages_consultation", table_name="messages")
    op.drop_index("ix_consultations_channel_root", table_name="consultations")
    op.drop_index("ix_consultations_created", table_name="consultations")
    with op.batch_alter_table("consultations") as batch:
        batch.drop_column("ended_at")
        batch.drop_column("revision")
