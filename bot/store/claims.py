"""Who may work on a consultation now: its lease (answering) and its claim (opening)."""

from __future__ import annotations

import time
from typing import Any

from sqlalchemy import ColumnElement, Engine, or_, select, update

from bot.clock import utc_now
from bot.store import schema


class Claims:
    """The lease and claim part of :class:`bot.store.Store`."""

    engine: Engine

    def acquire(
        self,
        consultation_id: str,
        owner: str,
        lease_seconds: float,
        steal_from: str | None = None,
    ) -> bool:
        """Take the consultation's lease if it is free, expired, or held by ``steal_from``
        (a crashed owner); True if ``owner`` holds it now."""
        now = time.time()
        c = schema.consultations.c
        free = or_(c.lock_owner.is_(None), c.lock_until < now, c.lock_owner == owner)
        if steal_from is not None:
            free = or_(free, c.lock_owner == steal_from)
        return self._set_if(consultation_id, free, lock_owner=owner, lock_until=now + lease_seconds)

    def renew(self, consultation_id: str, owner: str, lease_seconds: float) -> bool:
        """Extend ``owner``'s lease (compare-and-set); False if it is no longer theirs."""
        mine = schema.consultations.c.lock_owner == owner
        return self._set_if(consultation_id, mine, lock_until=time.time() + lease_seconds)

    def lease_owner(self, consultation_id: str) -> str | None:
        """Who holds the consultation's lease, if anyone."""
        query = select(schema.consultations.c.lock_owner).where(
            schema.consultations.c.id == consultation_id
        )
        with self.engine.connect() as conn:
            owner = conn.execute(query).scalar()
        return str(owner) if owner else None

    def release(self, consultation_id: str, owner: str) -> None:
        mine = schema.consultations.c.lock_owner == owner
        self._set_if(consultation_id, mine, lock_owner=None, lock_until=None)

    def claim_pending(self, consultation_id: str) -> bool:
        """Move a pending consultation to ``opening``; False if someone else did first."""
        return self._move(consultation_id, "pending", "opening")

    def unclaim(self, consultation_id: str) -> None:
        """Back to ``pending`` (the bot still cannot post there)."""
        self._move(consultation_id, "opening", "pending")

    def _move(self, consultation_id: str, before: str, after: str) -> bool:
        was = schema.consultations.c.status == before
        return self._set_if(consultation_id, was, status=after, updated_at=utc_now())

    def _set_if(self, consultation_id: str, condition: ColumnElement[bool], **values: Any) -> bool:
        """Set ``values`` on the consultation if ``condition`` holds, in one UPDATE (a
        compare-and-set); True if it did."""
        with self.engine.begin() as conn:
            result = conn.execute(
                update(schema.consultations)
                .where(schema.consultations.c.id == consultation_id, condition)
                .values(**values)
            )
        return result.rowcount == 1
