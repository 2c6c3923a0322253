"""The digest tables, on the database's one MetaData beside the consultation store's
tables (both made by the migrations in bot/store/migrations).

``digest_subscriptions``
    One row per channel (``team_id``, ``channel_id``): ``frequency`` (daily, weekly),
    ``include_empty``, ``active``, and ``active_since``, the moment the current
    subscription began (its first digest covers the period it began in).
``digest_runs``
    One row per digest (channel, frequency, period), unique on
    ``(team_id, channel_id, frequency, period_start)``: inserting the row *claims* the
    digest, so of two processes only one wins. ``status`` is ``claimed`` (someone is on
    it), ``posted`` (``message_ts`` and ``posted_at`` say where and when),
    ``skipped_empty`` or ``failed`` (may be retried). ``claimed_by``/``claimed_at`` are a
    lease: a claim older than the lease, never posted, is a crashed run and may be taken
    over by a compare-and-set UPDATE. See :mod:`bot.digest.job` for the whole protocol.

All times are stored in UTC.
"""

from __future__ import annotations

from sqlalchemy import Boolean, Column, DateTime, Integer, String, Table, UniqueConstraint

from bot.store.schema import metadata, workspace_channel

subscriptions = Table(
    "digest_subscriptions",
    metadata,
    *workspace_channel(primary_key=True),  # one subscription per channel
    Column("frequency", String(16), nullable=False),
    Column("include_empty", Boolean, nullable=False, default=False),
    Column("active", Boolean, nullable=False, default=True),
    Column("active_since", DateTime(timezone=True), nullable=False),
    Column("created_at", DateTime(timezone=True), nullable=False),
    Column("updated_at", DateTime(timezone=True), nullable=False),
)

runs = Table(
    "digest_runs",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    *workspace_channel(nullable=False),
    Column("frequency", String(16), nullable=False),
    Column("period_start", DateTime(timezone=True), nullable=False),
    Column("period_end", DateTime(timezone=True), nullable=False),
    Column("status", String(16), nullable=False),
    Column("claimed_by", String(64), nullable=False),
    Column("claimed_at", DateTime(timezone=True), nullable=False),
    Column("attempts", Integer, nullable=False, default=1),
    Column("message_ts", String(32)),
    Column("posted_at", DateTime(timezone=True)),
    UniqueConstraint(
        "team_id", "channel_id", "frequency", "period_start", name="uq_digest_run_period"
    ),
)

CLAIMED = "claimed"
POSTED = "posted"
SKIPPED_EMPTY = "skipped_empty"
FAILED = "failed"
DONE = (POSTED, SKIPPED_EMPTY)
