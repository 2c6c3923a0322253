"""Where a user's words go when they change: edited and deleted replies and descriptions,
forgotten consultations, workspaces that removed the app. Each test reads every text
column of every table for the words that must be gone (on SQLite and on PostgreSQL)."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta

from lifecycle_helpers import SECRET, advice_json, given_consultation
from sqlalchemy import MetaData, func, select

from bot.digest.schedule import Frequency
from bot.digest.store import DigestStore
from bot.store import PostedMessage, Store, lease, schema
from bot.store.redaction import is_redacted
from harness.database import columns_holding


def test_an_edited_reply_replaces_its_words_everywhere_and_drops_the_saved_state(
    store: Store,
) -> None:
    given = given_consultation(store)
    before = store.get(given.consultation_id)
    assert before is not None and columns_holding(store.engine, SECRET)

    changed = store.edit_turn(given.reply_source, "we have 3k examples")

    after = store.get(given.consultation_id)
    assert changed == given.consultation_id and after is not None
    assert [t.text for t in store.turns(given.consultation_id)] == ["we have 3k examples"]
    assert after.state_json is None and after.revision == before.revision + 1
    assert columns_holding(store.engine, SECRET) == []
    (kept,) = store.recommendations(given.consultation_id)
    readings = json.loads(kept.advice_json)
    assert readings["redacted"] is True and readings["turns"] == []
    assert readings["facts"] == {"labeled_examples": {"low": 800, "high": 800}}
    assert readings["recommendation"]["strategy"] == "rag"


def test_an_edit_that_changes_nothing_changes_nothing(store: Store) -> None:
    given = given_consultation(store)
    text = store.turns(given.consultation_id)[0].text
    assert store.edit_turn(given.reply_source, text) is None
    assert store.edit_turn("msg:C1:no-such-reply", "words") is None
    found = store.get(given.consultation_id)
    assert found is not None and found.revision == 0 and found.state_json is not None


def test_a_deleted_reply_leaves_no_word_in_any_table(store: Store) -> None:
    given = given_consultation(store)

    assert store.delete_turn(given.reply_source) == given.consultation_id
    assert store.delete_turn(given.reply_source) is None, "a second deletion finds nothing"

    assert store.turns(given.consultation_id) == []
    assert columns_holding(store.engine, SECRET) == []
    found = store.get(given.consultation_id)
    assert found is not None and found.status == "advised" and not found.ended


def test_a_deleted_reply_empties_the_bots_messages_that_may_quote_it(store: Store) -> None:
    """A confirmation quotes the user's words ("You wrote “...”"): the stored copies of the
    bot's messages posted since a reply no longer hold them once it is deleted."""
    given = given_consultation(store)
    quoting = json.dumps({"text": f"You wrote “800 examples from {SECRET}”: yes?", "blocks": []})
    store.record_message(
        PostedMessage(
            channel_id="C1",
            ts="9.1",
            thread_ts="1.0",
            kind="questions",
            consultation_id=given.consultation_id,
            content_json=quoting,
        )
    )
    assert "messages.content_json" in columns_holding(store.engine, SECRET)

    assert store.delete_turn(given.reply_source) == given.consultation_id

    message = store.message_at("C1", "9.1")
    assert message is not None and message.content_json is None
    assert columns_holding(store.engine, SECRET) == []


def test_an_edited_description_redacts_every_recommendation(store: Store) -> None:
    given = given_consultation(store, secret_in="description")
    assert store.edit_description(given.consultation_id, "Classify support tickets")
    assert not store.edit_description(given.consultation_id, "Classify support tickets")
    assert columns_holding(store.engine, SECRET) == []
    assert all(is_redacted(r.advice_json) for r in store.recommendations(given.consultation_id))


def test_only_recommendations_given_since_the_changed_reply_are_redacted(store: Store) -> None:
    given = given_consultation(store, secret_in="description")
    later = store.add_turn(
        given.consultation_id, user_id="U1", text="3k a day", source_id="msg:C1:later"
    )
    assert later is not None
    store.add_recommendation(
        given.consultation_id,
        strategy="fine_tuning",
        path=["fine_tuning"],
        technique="lora",
        confidence="medium",
        advice_json=advice_json(["Classify", "800 examples", "3k a day"]),
    )

    store.delete_turn("msg:C1:later")

    first, second = store.recommendations(given.consultation_id)
    assert not is_redacted(first.advice_json), "given before the reply: it never read it"
    assert is_redacted(second.advice_json)
    assert "3k a day" not in second.advice_json


def test_an_answer_computed_before_an_edit_saves_neither_its_state_nor_its_advice(
    store: Store,
) -> None:
    given = given_consultation(store)
    read = store.get(given.consultation_id)
    assert read is not None
    owner = lease.try_acquire(store, given.consultation_id, 20.0)
    assert owner is not None

    store.edit_turn(given.reply_source, "we have 3k examples")  # while it was answering

    stale = advice_json(["Classify", f"we have 800 examples from {SECRET}"])
    assert (
        store.add_recommendation(
            given.consultation_id,
            strategy="rag",
            path=["rag"],
            technique=None,
            confidence="high",
            advice_json=stale,
            revision=read.revision,
        )
        is None
    )
    assert not store.save_state(
        given.consultation_id,
        owner=owner,
        state_json=json.dumps({"turns": [SECRET]}),
        state_version=1,
        state_turns=1,
        status="advised",
        answered_through=1,
        question_rounds=1,
        revision=read.revision,
    )
    assert columns_holding(store.engine, SECRET) == []


def test_forgetting_removes_every_word_and_keeps_only_ids_and_dates(store: Store) -> None:
    given = given_consultation(store, secret_in="description")

    assert store.withdraw(given.consultation_id, "forgotten")
    assert not store.withdraw(given.consultation_id, "forgotten")

    found = store.get(given.consultation_id)
    assert found is not None and found.status == "forgotten" and found.ended
    assert found.ended_at is not None and found.description == "" and found.state_json is None
    assert store.turns(given.consultation_id) == []
    assert store.recommendations(given.consultation_id) == []
    assert [m.content_json for m in store.messages(given.consultation_id)] == [None]
    assert columns_holding(store.engine, SECRET) == []


def test_a_forgotten_consultation_takes_no_more_replies_and_no_digest_counts_it(
    store: Store,
) -> None:
    given = given_consultation(store)
    store.withdraw(given.consultation_id, "forgotten")

    assert store.add_turn(given.consultation_id, user_id="U1", text=SECRET, source_id="s9") is None
    now = datetime.now(UTC)
    assert store.consultations_in("T1", "C1", now - timedelta(days=1), now + timedelta(1)) == []


def test_uninstalling_purges_every_row_of_the_workspace_and_no_other(store: Store) -> None:
    ours = given_consultation(store, team="T1", channel="C1", secret_in="description")
    theirs = given_consultation(store, team="T2", channel="C2", thread_ts="1700000000.000200")
    digests = DigestStore(store.engine)
    now = datetime.now(UTC)
    for team, channel in (("T1", "C1"), ("T2", "C2")):
        digests.subscribe(team, channel, Frequency.DAILY, now)
    store.record_message(  # a digest the bot posted in the workspace's channel
        PostedMessage(channel_id="C1", ts="1.1", thread_ts=None, kind="digest")
    )

    store.mark_removed("T1", "app_uninstalled")
    assert store.removals_pending() == ["T1"]
    purged = store.purge_workspace("T1")

    assert purged.consultations == 1 and store.removals_pending() == []
    assert store.get(ours.consultation_id) is None
    assert store.get(theirs.consultation_id) is not None
    assert digests.subscription("T1", "C1") is None
    assert digests.subscription("T2", "C2") is not None
    assert _rows_naming(store, "T1") == {"removed_workspaces": 1}
    assert store.message_at("C1", "1.1") is None
    assert sorted(columns_holding(store.engine, SECRET)) == [  # T2's reply, untouched
        "consultations.state_json",
        "recommendations.advice_json",
        "turns.text",
    ]


def _rows_naming(store: Store, team_id: str) -> dict[str, int]:
    """Rows per table whose ``team_id`` is ``team_id``."""
    found: dict[str, int] = {}
    meta = MetaData()
    meta.reflect(store.engine)
    with store.engine.connect() as conn:
        for table in meta.tables.values():
            if "team_id" in table.c:
                count = conn.execute(
                    select(func.count()).select_from(table).where(table.c.team_id == team_id)
                ).scalar()
                if count:
                    found[table.name] = int(count)
    return found


def test_a_workspace_removed_again_after_a_reinstall_is_purged_again(store: Store) -> None:
    store.mark_removed("T1", "app_uninstalled")
    store.purge_workspace("T1")
    given = given_consultation(store)  # installed again, used again
    store.mark_removed("T1", "tokens_revoked")
    assert store.removals_pending() == ["T1"]
    store.purge_workspace("T1")
    assert store.get(given.consultation_id) is None
    with store.engine.connect() as conn:
        reason = conn.execute(select(schema.removed_workspaces.c.reason)).scalar()
    assert reason == "tokens_revoked"


def test_a_deleted_message_takes_the_reports_of_the_files_it_shared(store: Store) -> None:
    given = given_consultation(store)
    report = json.dumps({"file": f"{SECRET}.jsonl", "rows": 12})
    store.add_turn(given.consultation_id, user_id="U1", text=report,
                   source_id="file:C1:1.5:F1", about="data_file")  # fmt: skip
    store.add_turn(given.consultation_id, user_id="U1", text="we have 2k a day",
                   source_id="msg:C1:1.6")  # fmt: skip

    deleted = store.delete_turn("msg:C1:1.5", prefixed="file:C1:1.5:")  # a file, no words

    assert deleted == given.consultation_id
    texts = [t.text for t in store.turns(given.consultation_id)]
    assert texts == [f"we have 800 examples from {SECRET}", "we have 2k a day"]
