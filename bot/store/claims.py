"""Who may work on a consultation now: its lease (answering) and its claim (opening)."""

from __future__ import annotations

import time

from sqlalchemy import Engine, or_, select, update

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
        with self.engine.begin() as conn:
            result = conn.execute(
                update(schema.consultations)
                .where(c.id == consultation_id, free)
                .values(lock_owner=owner, lock_until=now + lease_seconds)
            )
        return result.rowcount == 1

    def renew(self, consultation_id: str, owner: str, lease_seconds: float) -> bool:
        """Extend ``owner``'s lease (compare-and-set); False if it is no longer theirs."""
        c = schema.consultations.c
        with self.engine.begin() as conn:
            result = conn.execute(
                update(schema.consultations)
                .where(c.id == consultation_id, c.lock_owner == owner)
                .values(lock_until=time.time() + lease_seconds)
            )
        return result.rowcount == 1

    def lease_owner(self, consultation_id: str) -> str | None:
        """Who holds the consultation's lease, if anyone."""
        query = select(schema.consultations.c.lock_owner).where(
            schema.consultations.c.id == consultation_id
        )
        with self.engine.connect() as conn:
            owner = conn.execute(query).scalar()
        return str(owner) if owner else None

    def release(self, consultation_id: str, owner: str) -> None:
        c = schema.consultations.c
        with self.engine.begin() as conn:
            conn.execute(
                update(schema.consultations)
                .where(c.id == consultation_id, c.lock_owner == owner)
                .values(lock_owner=None, lock_until=None)
            )

    def claim_pending(self, consultation_id: str) -> bool:
        """Move a pending consultation to ``opening``; False if someone else did first."""
        return self._move(consultation_id, "pending", "opening")

    def unclaim(self, consultation_id: str) -> None:
        """Back to ``pending`` (the bot still cannot post there)."""
        self._move(consultation_id, "opening", "pending")

    def _move(self, consultation_id: str, before: str, after: str) -> bool:
        c = schema.consultations.c
        with self.engine.begin() as conn:
            result = conn.execute(
                update(schema.consultations)
                .where(c.id == consultation_id, c.status == before)
                .values(status=after, updated_at=utc_now())
            )
        return result.rowcount == 1
