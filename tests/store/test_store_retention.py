"""Retention: the words of consultations older than the retention are purged, once per hour
across processes, keeping what digests and counts need (on SQLite and on PostgreSQL)."""

from __future__ import annotations

import json
import threading
from datetime import UTC, datetime, timedelta
from pathlib import Path

from lifecycle_helpers import SECRET, given_consultation
from sqlalchemy import select

from bot.store import Store, schema
from bot.store.expiry import RetentionOutcome
from harness.database import columns_holding

NOW = datetime(2026, 11, 20, 10, 30, tzinfo=UTC)


def test_retention_purges_the_words_of_old_consultations_and_keeps_what_digests_count(
    store: Store,
) -> None:
    old = given_consultation(store, created=NOW - timedelta(days=91), secret_in="description")
    recent = given_consultation(store, created=NOW - timedelta(days=89), thread_ts="2.2")

    outcome = store.run_retention(NOW, 90)

    assert outcome == RetentionOutcome("purged", NOW - timedelta(days=90), 1)
    expired = store.get(old.consultation_id)
    assert expired is not None and expired.status == "expired" and expired.description == ""
    assert expired.state_json is None
    assert (expired.user_id, expired.channel_id) == ("U1", "C1")
    assert expired.created_at == NOW - timedelta(days=91)
    assert [t.text for t in store.turns(old.consultation_id)] == [""]
    (kept,) = store.recommendations(old.consultation_id)
    assert (kept.strategy, kept.path, kept.confidence) == ("rag", ["rag"], "high")
    assert json.loads(kept.advice_json) == {"redacted": True, "recommendation": {"strategy": "rag"}}
    assert [m.content_json for m in store.messages(old.consultation_id)] == [None]
    untouched = store.get(recent.consultation_id)
    assert untouched is not None and untouched.status == "advised"
    assert sorted(columns_holding(store.engine, SECRET)) == [  # the recent one's reply
        "consultations.state_json",
        "recommendations.advice_json",
        "turns.text",
    ]
    in_period = store.consultations_in("T1", "C1", NOW - timedelta(days=92), NOW)
    assert [c.id for c in in_period] == [old.consultation_id, recent.consultation_id]


def test_retention_runs_once_an_hour(store: Store) -> None:
    given_consultation(store, created=NOW - timedelta(days=91))
    first = store.run_retention(NOW, 90)
    later = store.run_retention(NOW + timedelta(minutes=20), 90)
    next_hour = store.run_retention(NOW + timedelta(hours=1), 90)
    assert (first.result, first.count) == ("purged", 1)
    assert (later.result, later.count) == ("done", 1)
    assert (next_hour.result, next_hour.count) == ("purged", 0), "nothing purged twice"


def test_a_crashed_retention_run_is_taken_over_once_its_lease_has_passed(store: Store) -> None:
    given_consultation(store, created=NOW - timedelta(days=91))
    crashed = store._claim(  # claimed, then the process died
        NOW.replace(minute=0), NOW - timedelta(days=90), "crashed", NOW, timedelta(minutes=10)
    )
    assert crashed is not None

    assert store.run_retention(NOW + timedelta(minutes=5), 90).result == "busy"
    taken = store.run_retention(NOW + timedelta(minutes=11), 90)

    assert (taken.result, taken.count) == ("purged", 1)
    with store.engine.connect() as conn:
        attempts = conn.execute(select(schema.retention_runs.c.attempts)).scalar()
    assert attempts == 2


def test_two_processes_running_retention_at_once_purge_each_consultation_once(
    store: Store,
) -> None:
    for i in range(12):
        given_consultation(store, created=NOW - timedelta(days=100 + i), thread_ts=f"3.{i}")
    url = store.engine.url.render_as_string(hide_password=False)
    start = threading.Barrier(2)
    outcomes: list[RetentionOutcome] = []

    def process() -> None:
        own = Store.open(url)  # its own engine and connections, like another process
        try:
            start.wait()
            outcomes.append(own.run_retention(NOW, 90))
        finally:
            own.close()

    workers = [threading.Thread(target=process) for _ in range(2)]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join(30)

    assert sorted(o.result for o in outcomes) in (["busy", "purged"], ["done", "purged"])
    assert sum(o.count for o in outcomes if o.result == "purged") == 12
    with store.engine.connect() as conn:
        runs = conn.execute(select(schema.retention_runs.c.purged)).all()
    assert [r.purged for r in runs] == [12]
    assert columns_holding(store.engine, SECRET) == []


def test_a_database_of_the_previous_version_keeps_its_consultations(tmp_path: Path) -> None:
    """Migration 0003 gives existing consultations revision 0 and no end, and keeps them."""
    from alembic import command
    from sqlalchemy import text

    from bot.store.engine import make_engine, transactional
    from bot.store.migrate import _config, upgrade

    engine = make_engine(f"sqlite:///{tmp_path / 'old.db'}")
    with transactional(engine).begin() as conn:
        command.upgrade(_config(conn), "0002")
        conn.execute(
            text(
                "INSERT INTO consultations (id, team_id, channel_id, user_id, origin,"
                " description, status, question_rounds, answered_through, created_at,"
                " updated_at) VALUES ('c1', 'T1', 'C1', 'U1', 'command', 'classify tickets',"
                " 'advised', 1, 3, :now, :now)"
            ),
            {"now": NOW},
        )
    upgrade(engine)
    kept = Store(engine).get("c1")
    assert kept is not None and kept.revision == 0 and kept.ended_at is None
    assert kept.description == "classify tickets" and kept.status == "advised"
