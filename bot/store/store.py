"""The consultation store: consultations, their turns and recommendations, posted messages
and the ids of Slack events already handled. Safe to share across threads and processes."""

from __future__ import annotations

import itertools
import time
import uuid
from datetime import UTC, datetime, timedelta
from typing import Any

from sqlalchemy import (
    ColumnElement,
    Engine,
    RowMapping,
    delete,
    func,
    insert,
    select,
    text,
    update,
)
from sqlalchemy.exc import IntegrityError

from bot.clock import aware, utc_now
from bot.store import schema
from bot.store.backlog import Backlog
from bot.store.claims import Claims
from bot.store.engine import BACKGROUND_TIMEOUT_SECONDS, make_engine
from bot.store.expiry import Expiry
from bot.store.history import History
from bot.store.lifecycle import Lifecycle
from bot.store.records import WITHDRAWN, Consultation
from bot.store.turns import Turns
from bot.store.workspaces import Workspaces

PRUNE_EVERY = 500
EVENT_MEMORY = timedelta(days=1)
"""Slack re-delivers a failed event within minutes; a day of ids is plenty."""


class Store(History, Claims, Backlog, Turns, Lifecycle, Expiry, Workspaces):
    """Every read and write of the Slack app, over one SQLAlchemy engine."""

    def __init__(self, engine: Engine) -> None:
        self.engine = engine
        self._marks = itertools.count(1)

    @classmethod
    def open(cls, url: str, *, timeout: float = BACKGROUND_TIMEOUT_SECONDS) -> Store:
        """A store on ``url`` (``sqlite:///file.db`` or ``postgresql+psycopg://...``), whose
        schema :mod:`bot.store.migrate` made."""
        return cls(make_engine(url, timeout=timeout))

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

    def prove_write(self) -> bool:
        """True when the database takes a write now (the health check's row)."""
        table = schema.health_checks
        try:
            with self.engine.begin() as conn:
                done = conn.execute(
                    update(table).where(table.c.id == 1).values(checked_at=time.time())
                ).rowcount
        except Exception:
            return False
        return done == 1

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
        opening: bool = False,
    ) -> Consultation | None:
        """A new consultation, ``pending`` until it has a thread (``opening`` at once when
        its root message is about to be posted); None if one already lives in that
        thread. ``root_ts``: the message it started from."""
        now = utc_now()
        row: dict[str, Any] = {
            "id": str(uuid.uuid4()),
            "team_id": team_id,
            "channel_id": channel_id,
            "user_id": user_id,
            "origin": origin,
            "thread_ts": thread_ts,
            "root_ts": root_ts,
            "description": description,
            "status": "asking" if thread_ts else "opening" if opening else "pending",
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
        return Consultation(state_json=None, **row)

    def get(self, consultation_id: str) -> Consultation | None:
        return self._find(schema.consultations.c.id == consultation_id)

    def progress(self, consultation_id: str) -> tuple[Consultation | None, int]:
        """The consultation and the id of its last stored turn (0: none), in one read."""
        t = schema.turns.c
        last = (
            select(func.coalesce(func.max(t.id), 0))
            .where(t.consultation_id == schema.consultations.c.id)
            .scalar_subquery()
        )
        query = select(schema.consultations, last.label("last_turn")).where(
            schema.consultations.c.id == consultation_id
        )
        with self.engine.connect() as conn:
            row = conn.execute(query).mappings().first()
        return (_consultation(row), int(row["last_turn"])) if row else (None, 0)

    def find_by_thread(self, channel_id: str, thread_ts: str) -> Consultation | None:
        """The consultation living in that thread, if any."""
        c = schema.consultations.c
        return self._find(c.channel_id == channel_id, c.thread_ts == thread_ts)

    def find_by_root(self, channel_id: str, root_ts: str) -> Consultation | None:
        """The consultation that started from the message at ``root_ts``, if any: a mention
        or a direct message (its description), or the root message of an ``/advise``."""
        c = schema.consultations.c
        return self._find(c.channel_id == channel_id, c.root_ts == root_ts)

    def _find(self, *conditions: ColumnElement[bool]) -> Consultation | None:
        """The consultation for which all ``conditions`` hold, if any."""
        query = select(schema.consultations).where(*conditions)
        with self.engine.connect() as conn:
            row = conn.execute(query).mappings().first()
        return _consultation(row) if row else None

    def consultations_in(
        self, team_id: str, channel_id: str, start: datetime, end: datetime
    ) -> list[Consultation]:
        """Consultations started in a channel in ``[start, end)``, oldest first (for digests);
        none its people withdrew (forgotten, or its root message deleted)."""
        c = schema.consultations.c
        query = (
            select(schema.consultations)
            .where(c.team_id == team_id, c.channel_id == channel_id)
            .where(c.status.not_in(sorted(WITHDRAWN)))
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
        owner: str,
        state_json: str,
        state_version: int,
        state_turns: int,
        status: str,
        answered_through: int,
        question_rounds: int,
        release: bool = False,
        revision: int | None = None,
    ) -> bool:
        """The state folded from the description and ``state_turns`` turns, every one up
        to ``answered_through``; saved only while ``owner`` holds the lease (False if not),
        and with ``release`` the lease released in the same write. With ``revision``, the
        consultation's revision it was computed at: saved only if its words have not been
        edited, deleted or purged since (False if they were; bot/store/lifecycle.py)."""
        freed = {"lock_owner": None, "lock_until": None} if release else {}
        return self._update(
            consultation_id,
            owner=owner,
            revision=revision,
            **freed,
            state_json=state_json,
            state_version=state_version,
            state_turns=state_turns,
            status=status,
            answered_through=answered_through,
            question_rounds=question_rounds,
        )

    def skip_through(self, consultation_id: str, *, owner: str, turn_id: int) -> bool:
        """Count the turns up to ``turn_id`` as handled without a saved state for them (an
        answer that failed): the next answer rebuilds the state from every turn."""
        return self._update(consultation_id, owner=owner, answered_through=turn_id)

    def _update(
        self,
        consultation_id: str,
        *,
        owner: str | None = None,
        revision: int | None = None,
        **values: Any,
    ) -> bool:
        c = schema.consultations.c
        query = update(schema.consultations).where(c.id == consultation_id)
        if owner is not None:
            query = query.where(c.lock_owner == owner)
        if revision is not None:
            query = query.where(c.revision == revision)
        with self.engine.begin() as conn:
            return conn.execute(query.values(updated_at=utc_now(), **values)).rowcount == 1


def _consultation(row: RowMapping) -> Consultation:
    values = {k: row[k] for k in Consultation.__dataclass_fields__}
    values["created_at"] = aware(values["created_at"])
    values["updated_at"] = aware(values["updated_at"])
    values["ended_at"] = aware(values["ended_at"]) if values["ended_at"] else None
    return Consultation(**values)
