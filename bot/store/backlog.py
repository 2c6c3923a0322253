"""Work that was accepted but never finished (its job lost with a crashed process): the
queries of the sweeper (bot/slack/sweeper.py)."""

from __future__ import annotations

import time
from datetime import datetime, timedelta

from sqlalchemy import Engine, and_, exists, or_, select

from bot.clock import utc_now
from bot.store import schema

LOOK_BACK = timedelta(days=1)
"""Consultations older than this are not picked up again."""


class Backlog:
    """The sweeper's part of :class:`bot.store.Store`."""

    engine: Engine

    def unanswered(self, *, since: datetime, limit: int = 200) -> list[str]:
        """Consultations with a thread, free of any live lease, and either turns stored
        since ``since`` that no answer covered, or started since then and never answered
        (at start-up: jobs a stopped process never ran)."""
        c, t = schema.consultations.c, schema.turns.c
        newer_turn = exists().where(t.consultation_id == c.id, t.id > c.answered_through)
        query = (
            select(c.id)
            .where(
                c.status.in_(("asking", "advised")),
                c.thread_ts.is_not(None),
                or_(
                    and_(newer_turn, c.updated_at > since),
                    and_(c.state_json.is_(None), c.status == "asking", c.created_at > since),
                ),
                or_(c.lock_owner.is_(None), c.lock_until < time.time()),
            )
            .order_by(c.updated_at)
            .limit(limit)
        )
        with self.engine.connect() as conn:
            return [str(row[0]) for row in conn.execute(query)]

    def abandoned(self, *, limit: int = 100) -> list[str]:
        """Consultations whose answer's holder vanished: a lease still owned but expired."""
        c = schema.consultations.c
        now = utc_now()
        query = (
            select(c.id)
            .where(
                c.status.in_(("asking", "advised")),
                c.thread_ts.is_not(None),
                c.lock_owner.is_not(None),
                c.lock_until < time.time(),
                c.updated_at > now - LOOK_BACK,
            )
            .limit(limit)
        )
        with self.engine.connect() as conn:
            return [str(row[0]) for row in conn.execute(query)]

    def stuck_opening(self, *, settled: timedelta, limit: int = 100) -> list[str]:
        """``/advise`` consultations whose root message was never posted (status
        ``opening``), free of any live lease, untouched for ``settled``."""
        c = schema.consultations.c
        now = utc_now()
        query = (
            select(c.id)
            .where(
                and_(c.status == "opening", c.thread_ts.is_(None)),
                or_(c.lock_owner.is_(None), c.lock_until < time.time()),
                c.updated_at < now - settled,
                c.updated_at > now - LOOK_BACK,
            )
            .order_by(c.updated_at)
            .limit(limit)
        )
        with self.engine.connect() as conn:
            return [str(row[0]) for row in conn.execute(query)]
