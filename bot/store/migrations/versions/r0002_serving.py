"""Serving that holds: the saved state's schema version and turn count (continue from it
instead of replaying every turn), the blocks of posted questions (rebuild a clicked
message from what was stored), request signatures seen (refuse replays), and a row the
health check writes (prove the database takes writes).

Revision ID: 0002
Revises: 0001
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("consultations") as batch:
        batch.add_column(sa.Column("state_version", sa.Integer))
        batch.add_column(sa.Column("state_turns", sa.Integer, nullable=False, server_default="0"))
    with op.batch_alter_table("messages") as batch:
        batch.add_column(sa.Column("content_json", sa.Text))
    op.create_index("ix_messages_channel_ts", "messages", ["channel_id", "ts"])
    op.create_table(
        "seen_requests",
        sa.Column("signature", sa.String(80), primary_key=True),
        sa.Column("seen_at", sa.Float, nullable=False),
    )
    op.create_index("ix_seen_requests_seen_at", "seen_requests", ["seen_at"])
    health = op.create_table(
        "health_checks",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=False),
        sa.Column("checked_at", sa.Float, nullable=False),
    )
    op.bulk_insert(health, [{"id": 1, "checked_at": 0.0}])


def downgrade() -> None:
    op.drop_table("health_checks")
    op.drop_index("ix_seen_requests_seen_at", table_name="seen_requests")
    op.drop_table("seen_requests")
    op.drop_index("ix_messages_channel_ts", table_name="messages")
    with op.batch_alter_table("messages") as batch:
        batch.drop_column("content_json")
    with op.batch_alter_table("consultations") as batch:
        batch.drop_column("state_turns")
        batch.drop_column("state_version")
