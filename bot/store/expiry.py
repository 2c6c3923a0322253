"""Retention: the user's words of a consultation are kept ``ADVISOR_RETENTION_DAYS`` days.

:func:`run_retention` purges every consultation started before the cutoff, once per hour
whichever processes run it (``advisor serve``'s job, ``advisor purge --due`` from cron),
with the protocol of the digests (bot/digest/job.py):

1. **Claim** the hour by inserting its ``retention_runs`` row (unique ``period_start``):
   of any number of processes, one insert wins; the others report the hour busy or done.
2. **Purge** (:meth:`Expiry.expire`), in batches of :data:`BATCH` consultations, each one
   transaction: the description, the saved state and the stored copies of the bot's
   messages are emptied, each reply's text becomes ``""``, each recommendation keeps only
   its strategy (:func:`bot.store.redaction.strategy_only`; its path, technique and
   confidence stay in their columns), and the consultation ends ``expired``. What stays is
   what digests and counts need: ids, who asked, the channel, the dates, the strategies.
   A consultation is purged once: the purge only takes consultations not ended yet.
3. **Finish**: the run records how many it purged; on SQLite the write-ahead log is then
   emptied (bot/store/engine.py ``checkpoint``).

A claim never finished (a crash) is taken over once :data:`LEASE` has passed, and a failed
run at once, as a digest's is; since the purge takes only what is not purged yet, a run
taken over purges what the crashed one left, and nothing twice.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import Engine, and_, or_, select, update
from sqlalchemy.exc import IntegrityError

from bot.clock import aware, utc, utc_now
from bot.store import redaction, schema
from bot.store.engine import checkpoint, write_transaction
from bot.store.records import ENDED, EXPIRED

BATCH = 200
LEASE = timedelta(minutes=10)
CLAIMED, DONE, FAILED = "claimed", "done", "failed"


@dataclass(frozen=True)
class RetentionOutcome:
    """What became of this hour's run: ``purged`` (``count`` consultations, started before
    ``cutoff``), ``done`` (another process did it; ``count`` is what it purged) or ``busy``
    (another process is on it)."""

    result: str
    cutoff: datetime
    count: int = 0


class Expiry:
    """The retention part of :class:`bot.store.Store`."""

    engine: Engine

    def expire(self, cutoff: datetime) -> int:
        """Purge the words of every consultation started before ``cutoff`` and not ended
        (see the module docstring); how many."""
        purged = 0
        while True:
            done = self._expire_batch(cutoff)
            purged += done
            if done < BATCH:
                return purged

    def _expire_batch(self, cutoff: datetime) -> int:
        c = schema.consultations.c
        now = utc_now()
        with write_transaction(self.engine) as conn:
            ids = [
                str(row[0])
                for row in conn.execute(
                    select(c.id)
                    .where(c.created_at < utc(cutoff), c.status.not_in(sorted(ENDED)))
                    .order_by(c.created_at)
                    .limit(BATCH)
                    .with_for_update()
                )
            ]
            if not ids:
                return 0
            conn.execute(
                update(schema.consultations)
                .where(c.id.in_(ids))
                .values(
                    description="",
                    state_json=None,
                    state_version=None,
                    status=EXPIRED,
                    ended_at=now,
                    revision=c.revision + 1,
                    updated_at=now,
                )
            )
            t, m, r = schema.turns, schema.messages, schema.recommendations
            conn.execute(update(t).where(t.c.consultation_id.in_(ids)).values(text=""))
            conn.execute(update(m).where(m.c.consultation_id.in_(ids)).values(content_json=None))
            given = conn.execute(
                select(r.c.id, r.c.advice_json).where(r.c.consultation_id.in_(ids))
            ).all()
            for row in given:
                conn.execute(
                    update(r)
                    .where(r.c.id == row.id)
                    .values(advice_json=redaction.strategy_only(row.advice_json))
                )
            return len(ids)

    def run_retention(
        self,
        now: datetime,
        days: int,
        *,
        owner: str | None = None,
        lease: timedelta = LEASE,
    ) -> RetentionOutcome:
        """This hour's retention run, once across processes (see the module docstring)."""
        owner = owner or uuid.uuid4().hex
        cutoff = utc(now) - timedelta(days=days)
        period = utc(now).replace(minute=0, second=0, microsecond=0)
        run_id = self._claim(period, cutoff, owner, utc(now), lease)
        if run_id is None:
            return self._elsewhere(period, cutoff)
        runs = schema.retention_runs
        try:
            purged = self.expire(cutoff)
        except BaseException:
            with self.engine.begin() as conn:
                conn.execute(
                    update(runs)
                    .where(runs.c.id == run_id, runs.c.claimed_by == owner)
                    .values(status=FAILED)
                )
            raise
        with self.engine.begin() as conn:
            conn.execute(
                update(runs)
                .where(runs.c.id == run_id, runs.c.claimed_by == owner)
                .values(status=DONE, purged=purged, finished_at=utc_now())
            )
        checkpoint(self.engine)
        return RetentionOutcome("purged", cutoff, purged)

    def _claim(
        self, period: datetime, cutoff: datetime, owner: str, now: datetime, lease: timedelta
    ) -> int | None:
        """Own this hour's run: insert its row, or take over a failed run or a claim older
        than ``lease``; None if another process owns it or it is done."""
        runs = schema.retention_runs
        values = {"cutoff": cutoff, "claimed_by": owner, "claimed_at": now, "status": CLAIMED}
        try:
            with self.engine.begin() as conn:
                result = conn.execute(
                    runs.insert().values(period_start=period, attempts=1, **values)
                )
                key = result.inserted_primary_key
                assert key is not None
                return int(key[0])
        except IntegrityError:
            pass
        r = runs.c
        stale = and_(r.status == CLAIMED, r.claimed_at < now - lease)
        with self.engine.begin() as conn:
            query = select(r.id, r.claimed_by).where(r.period_start == period)
            before = conn.execute(query).first()
            if before is None:
                return None
            taken = conn.execute(
                update(runs)
                .where(r.id == before.id, r.claimed_by == before.claimed_by)
                .where(or_(r.status == FAILED, stale))
                .values(attempts=r.attempts + 1, **values)
            )
        return int(before.id) if taken.rowcount == 1 else None

    def _elsewhere(self, period: datetime, cutoff: datetime) -> RetentionOutcome:
        r = schema.retention_runs.c
        query = select(r.status, r.purged, r.cutoff).where(r.period_start == period)
        with self.engine.connect() as conn:
            found = conn.execute(query).first()
        if found is not None and found.status == DONE:
            return RetentionOutcome("done", aware(found.cutoff), int(found.purged or 0))
        return RetentionOutcome("busy", cutoff)
