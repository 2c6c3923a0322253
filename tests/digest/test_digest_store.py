"""Subscriptions and claimed runs, on SQLite and (with ADVISOR_TEST_DATABASE_URL) on
PostgreSQL: a claim is won by one process only; a crashed claim is taken over after its
lease, a posted run never."""

from __future__ import annotations

import os
import threading
import uuid
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from bot.digest.schedule import Frequency, Period
from bot.digest.store import Claim, DigestStore, Subscription
from bot.store.engine import make_engine
from bot.store.migrate import upgrade
from harness.database import reset

POSTGRES_URL = os.environ.get("ADVISOR_TEST_DATABASE_URL")
NOW = datetime(2026, 11, 20, 8, 0, 30, tzinfo=UTC)
LEASE = timedelta(minutes=10)
DAY = Period(datetime(2026, 11, 19, 8, tzinfo=UTC), datetime(2026, 11, 20, 8, tzinfo=UTC))


@pytest.fixture(params=["sqlite", "postgresql"])
def url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'advisor.db'}"
    if not POSTGRES_URL:
        pytest.skip("set ADVISOR_TEST_DATABASE_URL=postgresql+psycopg://... to run on PostgreSQL")
    return POSTGRES_URL


@pytest.fixture
def store(url: str) -> Iterator[DigestStore]:
    engine = make_engine(url)
    reset(engine)
    upgrade(engine)
    yield DigestStore(engine)
    engine.dispose()


@pytest.fixture
def sub(store: DigestStore) -> Subscription:
    return store.subscribe(
        "T1", "C" + uuid.uuid4().hex[:8], Frequency.DAILY, NOW - timedelta(days=1)
    )


def test_a_period_is_claimed_by_one_owner_only(store: DigestStore, sub: Subscription) -> None:
    first = store.claim(sub, DAY, "a", NOW, LEASE)
    assert first is not None and first.taken_over is None
    assert store.claim(sub, DAY, "b", NOW, LEASE) is None
    assert store.finish(first, "posted", NOW, message_ts="1.2")
    assert store.claim(sub, DAY, "b", NOW + 2 * LEASE, LEASE) is None  # posted: never again


def test_of_many_simultaneous_claims_one_wins(
    url: str, store: DigestStore, sub: Subscription
) -> None:
    start = threading.Barrier(8)
    won: list[Claim] = []

    def claim(owner: str) -> None:
        own = DigestStore(make_engine(url))
        start.wait()
        found = own.claim(sub, DAY, owner, NOW, LEASE)
        if found is not None:
            won.append(found)

    threads = [threading.Thread(target=claim, args=(f"p{i}",)) for i in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(30)
    assert len(won) == 1
    assert [r.claimed_by for r in store.runs(sub.team_id, sub.channel_id)] == [won[0].owner]


def test_a_crashed_claim_is_taken_over_after_its_lease_only(
    store: DigestStore, sub: Subscription
) -> None:
    crashed = store.claim(sub, DAY, "a", NOW, LEASE)
    assert crashed is not None
    assert store.claim(sub, DAY, "b", NOW + LEASE - timedelta(seconds=1), LEASE) is None
    taken = store.claim(sub, DAY, "b", NOW + LEASE + timedelta(seconds=1), LEASE)
    assert taken is not None and taken.taken_over is not None
    assert taken.taken_over.claimed_by == "a"
    assert not store.renew(crashed, NOW + LEASE)  # the old owner lost it: it never posts
    assert not store.finish(crashed, "posted", NOW + LEASE, message_ts="9.9")
    assert store.finish(taken, "posted", NOW + LEASE, message_ts="1.2")
    (run,) = store.runs(sub.team_id, sub.channel_id)
    assert (run.status, run.message_ts, run.attempts) == ("posted", "1.2", 2)


def test_a_failed_run_is_retried_at_once(store: DigestStore, sub: Subscription) -> None:
    first = store.claim(sub, DAY, "a", NOW, LEASE)
    assert first is not None and store.finish(first, "failed", NOW)
    again = store.claim(sub, DAY, "b", NOW, LEASE)
    assert again is not None and again.taken_over is not None
    assert again.taken_over.status == "failed"


def test_last_done_end_counts_posted_and_skipped_runs_only(
    store: DigestStore, sub: Subscription
) -> None:
    claim = store.claim(sub, DAY, "a", NOW, LEASE)
    assert claim is not None
    assert store.last_done_end(sub.team_id, sub.channel_id, Frequency.DAILY) is None
    store.finish(claim, "skipped_empty", NOW)
    assert store.last_done_end(sub.team_id, sub.channel_id, Frequency.DAILY) == DAY.end
    assert store.last_done_end(sub.team_id, sub.channel_id, Frequency.WEEKLY) is None


def test_subscribing_again_or_to_another_frequency_starts_a_new_subscription(
    store: DigestStore,
) -> None:
    first = store.subscribe("T1", "C1", Frequency.DAILY, NOW)
    same = store.subscribe("T1", "C1", Frequency.DAILY, NOW + timedelta(hours=1))
    assert same.active_since == first.active_since == NOW
    weekly = store.subscribe("T1", "C1", Frequency.WEEKLY, NOW + timedelta(hours=2))
    assert (weekly.frequency, weekly.active_since) == (Frequency.WEEKLY, NOW + timedelta(hours=2))
    assert store.unsubscribe("T1", "C1", NOW + timedelta(hours=3))
    assert not store.unsubscribe("T1", "C1", NOW + timedelta(hours=3))
    assert store.active_subscriptions() == []
    back = store.subscribe("T1", "C1", Frequency.WEEKLY, NOW + timedelta(hours=4))
    assert back.active and back.active_since == NOW + timedelta(hours=4)
