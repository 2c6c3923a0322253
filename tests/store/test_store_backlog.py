"""The sweeper's queries: work a vanished process left (an answer whose lease expired while
held, an /advise never opened, turns no answer covered), and nothing that is in hand."""

from __future__ import annotations

import time
from datetime import UTC, datetime, timedelta

from sqlalchemy import update

from bot.slack.jobs import Job
from bot.slack.sweeper import Sweeper
from bot.store import Store, lease, schema

LONG_AGO = datetime.now(UTC) - timedelta(minutes=5)


def _consultation(store: Store, *, thread: bool, opening: bool = False) -> str:
    found = store.create_consultation(
        team_id="T1", channel_id="C1", user_id="U1", description="classify tickets",
        origin="command", thread_ts=f"{time.time():.6f}" if thread else None, opening=opening,
    )  # fmt: skip
    assert found is not None
    return found.id


def _set(store: Store, consultation_id: str, **values: object) -> None:
    with store.engine.begin() as conn:
        conn.execute(
            update(schema.consultations)
            .where(schema.consultations.c.id == consultation_id)
            .values(**values)
        )


def test_an_answer_whose_holder_vanished_is_found_once_its_lease_expired(store: Store) -> None:
    cid = _consultation(store, thread=True)
    assert lease.try_acquire(store, cid, 60) is not None
    assert cid not in store.abandoned(), "a live lease is in hand"
    _set(store, cid, lock_until=time.time() - 1)
    assert store.abandoned() == [cid]


def test_an_advise_never_opened_is_found_once_settled(store: Store) -> None:
    cid = _consultation(store, thread=False, opening=True)
    assert store.stuck_opening(settled=timedelta(seconds=30)) == [], "its job may be queued"
    _set(store, cid, updated_at=LONG_AGO)
    assert store.stuck_opening(settled=timedelta(seconds=30)) == [cid]
    pending = _consultation(store, thread=False)
    _set(store, pending, updated_at=LONG_AGO)
    assert pending not in store.stuck_opening(settled=timedelta(seconds=30)), "waits for invite"


def test_turns_no_answer_covered_are_found_at_start(store: Store) -> None:
    answered = _consultation(store, thread=True)
    _set(store, answered, state_json="{}")
    waiting = _consultation(store, thread=True)
    _set(store, waiting, state_json="{}")
    store.add_turn(waiting, user_id="U1", text="about 5k a day", source_id="t1")
    never = _consultation(store, thread=True)
    since = datetime.now(UTC) - timedelta(minutes=30)
    assert sorted(store.unanswered(since=since)) == sorted([waiting, never])


def test_the_sweeper_hands_each_piece_of_lost_work_a_job(store: Store) -> None:
    stuck = _consultation(store, thread=False, opening=True)
    _set(store, stuck, updated_at=LONG_AGO)
    waiting = _consultation(store, thread=True)
    jobs: list[Job] = []
    assert Sweeper(store, jobs.append).sweep(at_start=True) == 2
    assert sorted((j.kind, j.consultation_id) for j in jobs) == sorted(
        [("open", stuck), ("answer", waiting)]
    )
