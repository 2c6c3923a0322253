"""The consultation store: consultations, their turns and recommendations, posted messages
and the ids of Slack events already handled. Safe to share across threads and processes."""

from __future__ import annotations

import itertools
import uuid
from datetime import UTC, datetime, timedelta
from typing import Any

from sqlalchemy import Engine, RowMapping, and_, delete, func, insert, select, text, update
from sqlalchemy.exc import DBAPIError, IntegrityError

from bot.clock import aware, utc_now
from bot.store import schema
from bot.store.claims import Claims
from bot.store.engine import make_engine
from bot.store.history import History
from bot.store.records import Consultation, Turn

PRUNE_EVERY = 500
EVENT_MEMORY = timedelta(days=1)
"""Slack re-delivers a failed event within minutes; a day of ids is plenty."""


class Store(History, Claims):
    """Every read and write of the Slack app, over one SQLAlchemy engine."""

    def __init__(self, engine: Engine) -> None:
        self.engine = engine
        self._marks = itertools.count(1)
        try:
            schema.metadata.create_all(engine)
        except DBAPIError:  # another worker created the tables at the same moment
            schema.metadata.create_all(engine)

    @classmethod
    def open(cls, url: str) -> Store:
        """A store on ``url`` (``sqlite:///file.db`` or ``postgresql+psycopg://...``)."""
        return cls(make_engine(url))

    def close(self) -> None:
        self.engine.dispose()

    def ping(self) -> bool:
        """True when the database answers."""
        try:
            with self.engine.connect() as conn:
                conn.execute(text("SELECT 1"))
        except Exception:
            return False
        return True

    # --- events -------------------------------------------------------------------------

    def mark_event(self, event_id: str) -> bool:
        """Record a Slack event id; False if it was already handled (a re-delivery).
        Every ``PRUNE_EVERY`` marks, ids older than ``EVENT_MEMORY`` are forgotten."""
        if next(self._marks) % PRUNE_EVERY == 0:
            self.forget_events(before=utc_now() - EVENT_MEMORY)
        try:
            with self.engine.begin() as conn:
                conn.execute(
                    insert(schema.processed_events).values(event_id=event_id, received_at=utc_now())
                )
        except IntegrityError:
            return False
        return True

    def forget_events(self, *, before: datetime) -> int:
        """Forget handled event ids received before ``before``; how many."""
        with self.engine.begin() as conn:
            result = conn.execute(
                delete(schema.processed_events).where(
                    schema.processed_events.c.received_at < before.astimezone(UTC)
                )
            )
        return int(result.rowcount or 0)

    # --- consultations ------------------------------------------------------------------

    def create_consultation(
        self,
        *,
        team_id: str,
        channel_id: str,
        user_id: str,
        description: str,
        origin: str,
        thread_ts: str | None = None,
        root_ts: str | None = None,
    ) -> Consultation | None:
        """A new consultation, ``pending`` until it has a thread; None if one already lives
        in that thread. ``root_ts``: the message it started from."""
        now = utc_now()
        row = {
            "id": str(uuid.uuid4()),
            "team_id": team_id,
            "channel_id": channel_id,
            "user_id": user_id,
            "origin": origin,
            "thread_ts": thread_ts,
            "root_ts": root_ts,
            "description": description,
            "status": "asking" if thread_ts else "pending",
            "question_rounds": 0,
            "answered_through": 0,
            "created_at": now,
            "updated_at": now,
        }
        try:
            with self.engine.begin() as conn:
                conn.execute(insert(schema.consultations).values(**row))
        except IntegrityError:
            return None
        return self.get(str(row["id"]))

    def get(self, consultation_id: str) -> Consultation | None:
        query = select(schema.consultations).where(schema.consultations.c.id == consultation_id)
        with self.engine.connect() as conn:
            row = conn.execute(query).mappings().first()
        return _consultation(row) if row else None

    def find_by_thread(self, channel_id: str, thread_ts: str) -> Consultation | None:
        """The consultation living in that thread, if any."""
        c = schema.consultations.c
        query = select(schema.consultations).where(
            and_(c.channel_id == channel_id, c.thread_ts == thread_ts)
        )
        with self.engine.connect() as conn:
            row = conn.execute(query).mappings().first()
        return _consultation(row) if row else None

    def consultations_in(
        self, team_id: str, channel_id: str, start: datetime, end: datetime
    ) -> list[Consultation]:
        """Consultations started in a channel in ``[start, end)``, oldest first (for digests)."""
        c = schema.consultations.c
        query = (
            select(schema.consultations)
            .where(c.team_id == team_id, c.channel_id == channel_id)
            .where(c.created_at >= start.astimezone(UTC), c.created_at < end.astimezone(UTC))
            .order_by(c.created_at)
        )
        with self.engine.connect() as conn:
            return [_consultation(r) for r in conn.execute(query).mappings()]

    def pending_in(self, channel_id: str, *, since: datetime) -> list[Consultation]:
        """Consultations in a channel still waiting for their thread (the bot could not
        post there), started since ``since``, oldest first."""
        c = schema.consultations.c
        query = (
            select(schema.consultations)
            .where(c.channel_id == channel_id, c.status == "pending")
            .where(c.created_at >= since.astimezone(UTC))
            .order_by(c.created_at)
        )
        with self.engine.connect() as conn:
            return [_consultation(r) for r in conn.execute(query).mappings()]

    def set_thread(self, consultation_id: str, *, thread_ts: str, root_ts: str | None) -> None:
        """The thread a pending consultation now lives in."""
        self._update(consultation_id, thread_ts=thread_ts, root_ts=root_ts, status="asking")

    def save_state(
        self,
        consultation_id: str,
        *,
        state_json: str,
        status: str,
        answered_through: int,
        question_rounds: int,
    ) -> None:
        """The state computed from every turn up to ``answered_through``."""
        self._update(
            consultation_id,
            state_json=state_json,
            status=status,
            answered_through=answered_through,
            question_rounds=question_rounds,
        )

    def _update(self, consultation_id: str, **values: Any) -> None:
        with self.engine.begin() as conn:
            conn.execute(
                update(schema.consultations)
                .where(schema.consultations.c.id == consultation_id)
                .values(updated_at=utc_now(), **values)
            )

    # --- turns --------------------------------------------------------------------------

    def add_turn(
        self,
        consultation_id: str,
        *,
        user_id: str,
        text: str,
        source_id: str,
        about: str | None = None,
    ) -> int:
        """Append a reply; its id (the existing one if ``source_id`` was already stored)."""
        try:
            with self.engine.begin() as conn:
                result = conn.execute(
                    insert(schema.turns).values(
                        consultation_id=consultation_id,
                        user_id=user_id,
                        text=text,
                        about=about,
                        source_id=source_id,
                        created_at=utc_now(),
                    )
                )
                key = result.inserted_primary_key
                assert key is not None
                return int(key[0])
        except IntegrityError:
            query = select(schema.turns.c.id).where(schema.turns.c.source_id == source_id)
            with self.engine.connect() as conn:
                return int(conn.execute(query).scalar_one())

    def turns(self, consultation_id: str) -> list[Turn]:
        """Every reply of a consultation, in the order they were stored."""
        t = schema.turns.c
        query = select(schema.turns).where(t.consultation_id == consultation_id).order_by(t.id)
        with self.engine.connect() as conn:
            return [
                Turn(**{**r, "created_at": aware(r["created_at"])})
                for r in conn.execute(query).mappings()
            ]

    def last_turn_id(self, consultation_id: str) -> int:
        t = schema.turns.c
        query = select(func.max(t.id)).where(t.consultation_id == consultation_id)
        with self.engine.connect() as conn:
            return int(conn.execute(query).scalar() or 0)


def _consultation(row: RowMapping) -> Consultation:
    values = {k: row[k] for k in Consultation.__dataclass_fields__}
    values["created_at"] = aware(values["created_at"])
    values["updated_at"] = aware(values["updated_at"])
    return Consultation(**values)
