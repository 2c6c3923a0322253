"""The export for audits holds everything stored about a workspace's consultations, and only
that workspace's (on SQLite and on PostgreSQL)."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta
from unittest import mock

from lifecycle_helpers import SECRET, given_consultation

from bot.store import Store
from bot.store import export as export_module
from bot.store.export import export_records

NOW = datetime(2026, 11, 20, 10, 30, tzinfo=UTC)


def test_an_export_holds_every_stored_word_of_the_workspace(store: Store) -> None:
    given = given_consultation(store, created=NOW - timedelta(days=3))
    given_consultation(store, team="T2", channel="C2", thread_ts="2.2")

    (record,) = export_records(store.engine, "T1")

    assert record["consultation_id"] == given.consultation_id
    assert (record["team_id"], record["channel_id"], record["user_id"]) == ("T1", "C1", "U1")
    assert record["created_at"] == (NOW - timedelta(days=3)).isoformat()
    assert record["description"] == "Classify" and record["status"] == "advised"
    assert [r["text"] for r in record["replies"]] == [f"we have 800 examples from {SECRET}"]
    assert record["state"]["turns"] == ["Classify", f"we have 800 examples from {SECRET}"]
    (given_advice,) = record["recommendations"]
    assert given_advice["strategy"] == "rag" and given_advice["advice"]["turns"][1].endswith(SECRET)
    assert [m["kind"] for m in record["bot_messages"]] == ["questions"]
    json.dumps(record)  # JSON-ready as it is


def test_an_export_picks_a_channel_and_a_start(store: Store) -> None:
    given_consultation(store, created=NOW - timedelta(days=10), thread_ts="1.1")
    recent = given_consultation(store, created=NOW - timedelta(days=1), thread_ts="1.2")
    other = given_consultation(store, channel="C9", created=NOW, thread_ts="1.3")

    since = [
        r["consultation_id"]
        for r in export_records(store.engine, "T1", since=NOW - timedelta(days=2))
    ]
    in_c9 = [r["consultation_id"] for r in export_records(store.engine, "T1", channel_id="C9")]

    assert since == [recent.consultation_id, other.consultation_id]
    assert in_c9 == [other.consultation_id]


def test_an_export_reads_page_by_page_in_order(store: Store) -> None:
    made = [
        given_consultation(store, created=NOW + timedelta(minutes=i), thread_ts=f"4.{i}")
        for i in range(5)
    ]
    with mock.patch.object(export_module, "PAGE", 2):
        found = [r["consultation_id"] for r in export_records(store.engine, "T1")]
    assert found == [g.consultation_id for g in made]
