"""Digest subscriptions and runs, in the consultation store's database; the tables are in
:mod:`bot.digest.tables`, the protocol that uses the runs in :mod:`bot.digest.job`."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import (
    Engine,
    RowMapping,
    and_,
    func,
    insert,
    or_,
    select,
    update,
)
from sqlalchemy.exc import IntegrityError

from bot.clock import aware, utc
from bot.digest.schedule import Frequency, Period
from bot.digest.tables import (
    CLAIMED,
    DONE,
    FAILED,
    POSTED,
    SKIPPED_EMPTY,
    runs,
    subscriptions,
)

__all__ = [
    "CLAIMED",
    "FAILED",
    "POSTED",
    "SKIPPED_EMPTY",
    "Claim",
    "DigestStore",
    "Run",
    "Subscription",
]


@dataclass(frozen=True)
class Subscription:
    team_id: str
    channel_id: str
    frequency: Frequency
    include_empty: bool
    active: bool
    active_since: datetime


@dataclass(frozen=True)
class Run:
    id: int
    team_id: str
    channel_id: str
    frequency: Frequency
    period_start: datetime
    period_end: datetime
    status: str
    claimed_by: str
    claimed_at: datetime
    attempts: int
    message_ts: str | None
    posted_at: datetime | None


@dataclass(frozen=True)
class Claim:
    """A digest this process now owns. ``taken_over`` holds the run as it was when a
    crashed or failed attempt was taken over (None for a fresh claim)."""

    run_id: int
    owner: str
    taken_over: Run | None = None


class DigestStore:
    """Subscriptions and runs over an engine (tables made by bot/store/migrate.py)."""

    def __init__(self, engine: Engine) -> None:
        self.engine = engine

    # --- subscriptions ------------------------------------------------------------------

    def subscribe(
        self, team_id: str, channel_id: str, frequency: Frequency, now: datetime
    ) -> Subscription:
        """Daily or weekly digests for a channel; a new or re-activated subscription (or a
        new frequency) starts at ``now``."""
        now = utc(now)
        current = self.subscription(team_id, channel_id)
        if current is None:
            try:
                with self.engine.begin() as conn:
                    conn.execute(
                        insert(subscriptions).values(
                            team_id=team_id,
                            channel_id=channel_id,
                            frequency=frequency.value,
                            include_empty=False,
                            active=True,
                            active_since=now,
                            created_at=now,
                            updated_at=now,
                        )
                    )
            except IntegrityError:
                return self.subscribe(team_id, channel_id, frequency, now)
        elif not current.active or current.frequency is not frequency:
            self._update(
                team_id, channel_id, now, frequency=frequency.value, active=True, active_since=now
            )
        found = self.subscription(team_id, channel_id)
        assert found is not None
        return found

    def unsubscribe(self, team_id: str, channel_id: str, now: datetime) -> bool:
        """No more digests; False if the channel had none."""
        return self._update(team_id, channel_id, utc(now), active=False, only_active=True)

    def set_include_empty(
        self, team_id: str, channel_id: str, include_empty: bool, now: datetime
    ) -> bool:
        """Post (or not) digests of periods without consultations; False if unsubscribed."""
        return self._update(
            team_id, channel_id, utc(now), include_empty=include_empty, only_active=True
        )

    def subscription(self, team_id: str, channel_id: str) -> Subscription | None:
        s = subscriptions.c
        query = select(subscriptions).where(s.team_id == team_id, s.channel_id == channel_id)
        with self.engine.connect() as conn:
            row = conn.execute(query).mappings().first()
        return _subscription(row) if row else None

    def active_subscriptions(self) -> list[Subscription]:
        s = subscriptions.c
        query = select(subscriptions).where(s.active.is_(True)).order_by(s.team_id, s.channel_id)
        with self.engine.connect() as conn:
            return [_subscription(r) for r in conn.execute(query).mappings()]

    def _update(
        self, team_id: str, channel_id: str, now: datetime, *, only_active: bool = False,
        **values: object,
    ) -> bool:  # fmt: skip
        s = subscriptions.c
        query = update(subscriptions).where(s.team_id == team_id, s.channel_id == channel_id)
        if only_active:
            query = query.where(s.active.is_(True))
        with self.engine.begin() as conn:
            return conn.execute(query.values(updated_at=now, **values)).rowcount == 1

    # --- runs ---------------------------------------------------------------------------

    def last_done_end(self, team_id: str, channel_id: str, frequency: Frequency) -> datetime | None:
        """The end of the latest period posted or skipped for this channel and frequency."""
        r = runs.c
        query = select(func.max(r.period_end)).where(
            r.team_id == team_id,
            r.channel_id == channel_id,
            r.frequency == frequency.value,
            r.status.in_(DONE),
        )
        with self.engine.connect() as conn:
            found = conn.execute(query).scalar()
        return aware(found) if found else None

    def claim(
        self,
        sub: Subscription,
        period: Period,
        owner: str,
        now: datetime,
        lease: timedelta,
    ) -> Claim | None:
        """Own the digest of ``period``: insert its run, or take over a failed run or a
        claim older than ``lease`` that was never posted. None if another process owns it
        or it is done."""
        now = utc(now)
        try:
            with self.engine.begin() as conn:
                result = conn.execute(
                    insert(runs).values(
                        team_id=sub.team_id,
                        channel_id=sub.channel_id,
                        frequency=sub.frequency.value,
                        period_start=utc(period.start),
                        period_end=utc(period.end),
                        status=CLAIMED,
                        claimed_by=owner,
                        claimed_at=now,
                        attempts=1,
                    )
                )
                key = result.inserted_primary_key
                assert key is not None
                return Claim(int(key[0]), owner)
        except IntegrityError:
            pass
        before = self.run_for(sub, period)
        if before is None or before.status in DONE:
            return None
        r = runs.c
        stale = and_(r.status == CLAIMED, r.message_ts.is_(None), r.claimed_at < now - lease)
        with self.engine.begin() as conn:
            taken = conn.execute(
                update(runs)
                .where(r.id == before.id, r.claimed_by == before.claimed_by)
                .where(or_(r.status == FAILED, stale))
                .values(status=CLAIMED, claimed_by=owner, claimed_at=now, attempts=r.attempts + 1)
            )
        return Claim(before.id, owner, taken_over=before) if taken.rowcount == 1 else None

    def renew(self, claim: Claim, now: datetime) -> bool:
        """Refresh the lease just before posting; False if the claim was lost."""
        r = runs.c
        with self.engine.begin() as conn:
            result = conn.execute(
                update(runs)
                .where(r.id == claim.run_id, r.claimed_by == claim.owner, r.status == CLAIMED)
                .values(claimed_at=utc(now))
            )
        return result.rowcount == 1

    def finish(
        self, claim: Claim, status: str, now: datetime, message_ts: str | None = None
    ) -> bool:
        """Record how a claimed digest ended (posted with its ts, skipped, failed)."""
        r = runs.c
        values: dict[str, object] = {"status": status}
        if message_ts is not None:
            values.update(message_ts=message_ts, posted_at=utc(now))
        with self.engine.begin() as conn:
            result = conn.execute(
                update(runs)
                .where(r.id == claim.run_id, r.claimed_by == claim.owner, r.status == CLAIMED)
                .values(**values)
            )
        return result.rowcount == 1

    def run_for(self, sub: Subscription, period: Period) -> Run | None:
        r = runs.c
        query = select(runs).where(
            r.team_id == sub.team_id,
            r.channel_id == sub.channel_id,
            r.frequency == sub.frequency.value,
            r.period_start == utc(period.start),
        )
        with self.engine.connect() as conn:
            row = conn.execute(query).mappings().first()
        return _run(row) if row else None

    def runs(self, team_id: str, channel_id: str) -> list[Run]:
        """Every digest run of a channel, oldest period first."""
        r = runs.c
        query = (
            select(runs)
            .where(r.team_id == team_id, r.channel_id == channel_id)
            .order_by(r.period_start, r.frequency)
        )
        with self.engine.connect() as conn:
            return [_run(row) for row in conn.execute(query).mappings()]


def _subscription(row: RowMapping) -> Subscription:
    return Subscription(
        team_id=row["team_id"],
        channel_id=row["channel_id"],
        frequency=Frequency(row["frequency"]),
        include_empty=bool(row["include_empty"]),
        active=bool(row["active"]),
        active_since=aware(row["active_since"]),
    )


def _run(row: RowMapping) -> Run:
    return Run(
        id=int(row["id"]),
        team_id=row["team_id"],
        channel_id=row["channel_id"],
        frequency=Frequency(row["frequency"]),
        period_start=aware(row["period_start"]),
        period_end=aware(row["period_end"]),
        status=row["status"],
        claimed_by=row["claimed_by"],
        claimed_at=aware(row["claimed_at"]),
        attempts=int(row["attempts"]),
        message_ts=row["message_ts"],
        posted_at=aware(row["posted_at"]) if row["posted_at"] else None,
    )
