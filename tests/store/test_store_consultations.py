"""The store keeps consultations, turns, recommendations and handled events."""

from __future__ import annotations

import threading
import time
from datetime import UTC, datetime, timedelta

from bot.store import PostedMessage, Store, lease


def _new(store: Store, thread_ts: str | None = "1700000000.000100", channel: str = "C1") -> str:
    found = store.create_consultation(
        team_id="T1",
        channel_id=channel,
        user_id="U1",
        description="classify tickets",
        origin="command",
        thread_ts=thread_ts,
    )
    assert found is not None
    return found.id


def test_a_consultation_is_found_by_its_thread(store: Store) -> None:
    cid = _new(store, thread_ts=None)
    store.set_thread(cid, thread_ts="1.000001", root_ts="1.000001")
    found = store.find_by_thread("C1", "1.000001")
    assert found is not None and found.id == cid and found.status == "asking"
    assert store.find_by_thread("C1", "2.000001") is None


def test_one_thread_holds_one_consultation(store: Store) -> None:
    _new(store, thread_ts="5.5")
    assert _new_or_none(store, "5.5") is None


def _new_or_none(store: Store, thread_ts: str) -> object:
    return store.create_consultation(
        team_id="T1",
        channel_id="C1",
        user_id="U1",
        description="x",
        origin="mention",
        thread_ts=thread_ts,
    )


def test_a_redelivered_event_is_marked_once(store: Store) -> None:
    assert store.mark_event("Ev1") is True
    assert store.mark_event("Ev1") is False
    assert store.mark_event("Ev2") is True
    assert store.forget_events(before=datetime.now(UTC) - timedelta(hours=1)) == 0
    assert store.forget_events(before=datetime.now(UTC) + timedelta(seconds=1)) == 2
    assert store.mark_event("Ev1") is True, "a forgotten id counts as new"


def test_turns_keep_their_order_and_a_repeated_source_is_stored_once(store: Store) -> None:
    cid = _new(store)
    first = store.add_turn(cid, user_id="U1", text="5k a day", source_id="msg:C1:1")
    second = store.add_turn(cid, user_id="U2", text="800 examples", source_id="msg:C1:2")
    again = store.add_turn(cid, user_id="U1", text="5k a day", source_id="msg:C1:1")
    assert again == first < second
    assert [t.text for t in store.turns(cid)] == ["5k a day", "800 examples"]
    assert store.last_turn_id(cid) == second


def test_concurrent_turns_are_all_stored(store: Store) -> None:
    cid = _new(store)

    def add(i: int) -> None:
        store.add_turn(cid, user_id="U1", text=f"reply {i}", source_id=f"msg:C1:{i}")

    threads = [threading.Thread(target=add, args=(i,)) for i in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert sorted(t.text for t in store.turns(cid)) == sorted(f"reply {i}" for i in range(8))


def test_the_lease_is_held_by_one_owner_until_released_or_expired(store: Store) -> None:
    cid = _new(store)
    assert store.acquire(cid, "a", lease_seconds=30)
    assert not store.acquire(cid, "b", lease_seconds=30)
    store.release(cid, "a")
    assert store.acquire(cid, "b", lease_seconds=-1)
    assert store.acquire(cid, "c", lease_seconds=30), "an expired lease is free"


def test_state_and_recommendations_are_kept(store: Store) -> None:
    cid = _new(store)
    owner = lease.try_acquire(store, cid, 60)
    assert owner is not None
    saved = store.save_state(
        cid, owner=owner, state_json="{}", state_version=1, state_turns=2, status="advised",
        answered_through=3, question_rounds=1,
    )  # fmt: skip
    assert saved
    assert not store.save_state(
        cid, owner="someone else", state_json="{}", state_version=1, state_turns=2,
        status="asking", answered_through=3, question_rounds=1,
    ), "only the lease holder saves"  # fmt: skip
    store.add_recommendation(
        cid,
        strategy="rag",
        path=["prompt_engineering", "rag"],
        technique=None,
        confidence="high",
        advice_json='{"x": 1}',
        message_ts="9.9",
    )
    got = store.get(cid)
    assert got is not None and (got.status, got.answered_through) == ("advised", 3)
    assert (got.state_version, got.state_turns) == (1, 2)
    latest = store.latest_recommendation(cid)
    assert latest is not None and latest.path == ["prompt_engineering", "rag"]
    unposted = store.add_recommendation(
        cid, strategy="rag", path=["rag"], technique=None, confidence="low", advice_json="{}"
    )
    store.forget_recommendation(unposted)
    posted = store.add_recommendation(
        cid, strategy="rag", path=["rag"], technique=None, confidence="low", advice_json="{}"
    )
    store.set_recommendation_message(posted, "10.1")
    assert [(r.id, r.message_ts) for r in store.recommendations(cid)][1:] == [(posted, "10.1")]


def test_a_lease_is_renewed_only_by_its_holder(store: Store) -> None:
    cid = _new(store)
    owner = lease.try_acquire(store, cid, 0.01)
    assert owner is not None
    time.sleep(0.05)
    taker = lease.try_acquire(store, cid, 60)
    assert taker is not None, "an expired lease is free"
    assert not lease.renew(store, cid, owner), "its old holder cannot renew it"
    assert lease.renew(store, cid, taker)


def test_turn_totals_count_replies_and_characters_up_to_a_turn(store: Store) -> None:
    cid = _new(store)
    first = store.add_turn(cid, user_id="U1", text="abc", source_id="s1")
    store.add_turn(cid, user_id="U1", text="defgh", source_id="s2")
    assert store.turn_totals(cid, first) == (1, 3)
    assert store.turn_totals(cid, store.last_turn_id(cid)) == (2, 8)
    assert [t.text for t in store.turns_after(cid, first)] == ["defgh"]


def test_the_health_check_proves_a_write(store: Store) -> None:
    assert store.prove_write()


def test_consultations_in_a_channel_and_window_are_listed_for_a_digest(store: Store) -> None:
    inside = _new(store, thread_ts="1.1")
    _new(store, thread_ts="1.2", channel="C2")
    now = datetime.now(UTC)
    found = store.consultations_in("T1", "C1", now - timedelta(hours=1), now + timedelta(hours=1))
    assert [c.id for c in found] == [inside]
    assert found[0].created_at.tzinfo is not None
    assert (
        store.consultations_in("T1", "C1", now + timedelta(hours=1), now + timedelta(hours=2)) == []
    )


def test_posted_messages_are_recorded(store: Store) -> None:
    cid = _new(store)
    store.record_message(
        PostedMessage(
            channel_id="C1",
            ts="2.2",
            thread_ts="1.1",
            kind="questions",
            consultation_id=cid,
            event_type="advisor_questions",
        )
    )
    assert [m.kind for m in store.messages(cid)] == ["questions"]
    assert store.ping()


def test_a_lease_held_by_a_killed_process_is_taken_over_at_once(store: Store) -> None:
    import socket
    import subprocess
    import sys

    from bot.store import lease

    cid = _new(store)
    dead = subprocess.run(
        [sys.executable, "-c", "import os; print(os.getpid())"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout.strip()
    assert store.acquire(cid, f"{socket.gethostname()}:{dead}:x", lease_seconds=60)
    owner = lease.try_acquire(store, cid, 60)
    assert owner is not None
    assert lease.try_acquire(store, cid, 60) is None, "a live holder keeps its lease"
    lease.release(store, cid, owner)
    assert store.lease_owner(cid) is None


def test_database_errors_never_carry_what_users_wrote(store: Store) -> None:
    cid = _new(store)
    store.add_turn(cid, user_id="U1", text="first", source_id="same")
    secret = "USER-TEXT-THAT-MUST-NOT-BE-LOGGED"
    from sqlalchemy import insert
    from sqlalchemy.exc import IntegrityError

    from bot.store import schema

    try:
        with store.engine.begin() as conn:
            conn.execute(
                insert(schema.turns).values(
                    consultation_id=cid, user_id="U1", text=secret, source_id="same",
                    created_at=datetime.now(UTC),
                )
            )  # fmt: skip
    except IntegrityError as err:
        assert secret not in str(err)
    else:
        raise AssertionError("the duplicate source id was accepted")
