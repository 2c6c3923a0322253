"""Edits, deletions and forgetting, driven over HTTP as Slack drives them (signed requests,
the real server, the fake Slack): what the user then sees in Slack, and what every text
column of every table still holds."""

from __future__ import annotations

from datetime import UTC, datetime, time, timedelta
from pathlib import Path
from typing import Any

from privacy_helpers import SECRET, told, wait_until
from sqlalchemy import update

from bot.digest.job import run_due
from bot.digest.schedule import Frequency
from bot.digest.store import DigestStore
from bot.slack import wording
from bot.slack.forget_button import FORGET_ACTION, FORGET_BLOCK
from bot.slack.record_button import SAVE_RECORD_ACTION, SAVE_RECORD_BLOCK
from bot.store import Store, schema
from harness import Call, FakeSlack, ServerProcess, SlackRequests
from harness.database import columns_holding, files_holding
from harness.reading import as_message, event_type, in_thread, payload, shown, start
from harness.requests import Response

TICKETS = "We want to classify support tickets into 12 categories"
REPLY = f"about 5k a day, 800 reviewed examples from {SECRET}"


def _advised(fake: FakeSlack, slack: SlackRequests, channel: str) -> tuple[str, str, Call]:
    """An /advise answered and advised: its thread, the reply naming the secret (its ts),
    and the recommendation."""
    thread_ts, _ = start(fake, slack, channel, TICKETS)
    reply_ts, _ = slack.message(REPLY, channel=channel, thread_ts=thread_ts)
    in_thread(fake, channel, thread_ts, 2)
    slack.message("skip", channel=channel, thread_ts=thread_ts)
    advice = _latest_advice(fake, channel, thread_ts, 1)
    assert payload(advice)["facts"]["labeled_examples"] == 800
    return thread_ts, reply_ts, advice


def _latest_advice(fake: FakeSlack, channel: str, thread_ts: str, count: int) -> Call:
    return fake.wait_for(
        "chat.postMessage",
        count,
        where=lambda c: (
            c.args.get("channel") == channel
            and c.args.get("thread_ts") == thread_ts
            and event_type(c) == "advisor_recommendation"
        ),
    )[-1]


def _forget_button(root: Call) -> dict[str, Any]:
    (block,) = [b for b in root.args["blocks"] if b.get("block_id") == FORGET_BLOCK]
    return dict(block["elements"][0])


def _click_forget(slack: SlackRequests, root: Call, channel: str, user: str) -> Response:
    """``user`` clicks Forget on the root message ``root``: Slack's HTTP answer."""
    return slack.click(action_id=FORGET_ACTION, value=_forget_button(root)["value"],
                       block_id=FORGET_BLOCK, message=as_message(root), channel=channel,
                       user=user)  # fmt: skip


def _consultation_id(store: Store, channel: str, thread_ts: str) -> str:
    found = store.find_by_thread(channel, thread_ts)
    assert found is not None
    return found.id


def test_an_edited_reply_changes_the_advice_which_says_what_changed(
    fake: FakeSlack, slack: SlackRequests, channel: str, store: Store
) -> None:
    thread_ts, reply_ts, _ = _advised(fake, slack, channel)
    assert "turns.text" in columns_holding(store.engine, SECRET)

    edited = slack.edit(reply_ts, "about 5k a day, 3k reviewed examples", channel=channel,
                        thread_ts=thread_ts)  # fmt: skip

    assert edited.status == 200
    updated = _latest_advice(fake, channel, thread_ts, 2)
    assert "Updated recommendation" in shown(updated)
    assert "labeled examples 800 → 3,000" in shown(updated)
    assert payload(updated)["facts"]["labeled_examples"] == 3000
    cid = _consultation_id(store, channel, thread_ts)
    assert "about 5k a day, 3k reviewed examples" in [t.text for t in store.turns(cid)]
    assert columns_holding(store.engine, SECRET) == []


def test_an_edit_delivered_twice_updates_the_advice_once(
    fake: FakeSlack, slack: SlackRequests, channel: str
) -> None:
    thread_ts, reply_ts, _ = _advised(fake, slack, channel)
    for retry in (None, 1):
        answer = slack.edit(
            reply_ts,
            "about 5k a day, 3k reviewed examples",
            channel=channel,
            thread_ts=thread_ts,
            event_id="EvEDITONCE" + channel,
            retry_num=retry,
        )
        assert answer.status == 200
    _latest_advice(fake, channel, thread_ts, 2)
    slack.message("thanks!", channel=channel, thread_ts=thread_ts)  # something to wait on
    last = in_thread(fake, channel, thread_ts, 5)[-1]
    assert "Nothing in that changes the advice" in shown(last)
    updates = [c for c in in_thread(fake, channel, thread_ts, 5) if "Updated" in shown(c)]
    assert len(updates) == 1


def test_a_deleted_reply_leaves_the_tables_and_no_longer_counts(
    fake: FakeSlack, slack: SlackRequests, channel: str, store: Store
) -> None:
    thread_ts, reply_ts, _ = _advised(fake, slack, channel)

    assert slack.delete(reply_ts, channel=channel, thread_ts=thread_ts).status == 200

    updated = _latest_advice(fake, channel, thread_ts, 2)
    assert "labeled examples 800 → unknown" in shown(updated)
    assert "labeled_examples" not in payload(updated)["facts"]
    cid = _consultation_id(store, channel, thread_ts)
    assert [t.text for t in store.turns(cid)] == ["skip"]
    assert columns_holding(store.engine, SECRET) == []


def test_a_deleted_description_ends_the_consultation_and_leaves_the_next_digest(
    fake: FakeSlack, slack: SlackRequests, channel: str, store: Store, server: ServerProcess
) -> None:
    kept_ts, _ = slack.mention("<@UBOT> Classify support tickets", channel=channel)
    gone_ts, _ = slack.mention(f"<@UBOT> Answer questions about {SECRET}", channel=channel)
    in_thread(fake, channel, kept_ts, 1)
    in_thread(fake, channel, gone_ts, 1)
    yesterday = datetime.combine(datetime.now(UTC).date() - timedelta(days=1), time(12), UTC)
    for ts in (kept_ts, gone_ts):  # both asked yesterday, in the digest's period
        with store.engine.begin() as conn:
            conn.execute(
                update(schema.consultations)
                .where(schema.consultations.c.thread_ts == ts)
                .values(created_at=yesterday)
            )

    assert slack.delete(gone_ts, channel=channel).status == 200

    wait_until(lambda: fake.in_thread(channel, gone_ts) == [])  # the bot's answer deleted
    assert fake.in_thread(channel, kept_ts) != []
    assert columns_holding(store.engine, SECRET) == []
    gone = store.find_by_root(channel, gone_ts)
    assert gone is not None and gone.status == "deleted"
    digests = DigestStore(store.engine)
    digests.subscribe("T1", channel, Frequency.DAILY, yesterday - timedelta(hours=2))
    report = run_due(yesterday + timedelta(hours=21, minutes=5), store, digests, fake.client(), UTC)
    assert [o.result for o in report.outcomes] == ["posted"]
    (digest,) = [c for c in fake.calls_to("chat.postMessage") if event_type(c) == "advisor_digest"]
    assert payload(digest)["consultations"] == 1
    assert "Classify support tickets" in shown(digest) and SECRET not in shown(digest)


def test_the_asker_forgets_with_the_button_and_anyone_else_is_told_privately(
    fake: FakeSlack, slack: SlackRequests, channel: str, store: Store, database: Path
) -> None:
    thread_ts, first = start(fake, slack, channel, f"{TICKETS} for {SECRET}")
    root = next(c for c in fake.calls_to("chat.postMessage") if c.ts == thread_ts)
    button = _forget_button(root)
    assert button["action_id"] == FORGET_ACTION and button["confirm"]["style"] == "danger"

    def click(user: str) -> None:
        assert _click_forget(slack, root, channel, user).status == 200

    click("U2")
    told(fake, "U2", wording.FORGET_NOT_YOURS)
    assert len(fake.in_thread(channel, thread_ts)) == 2, "root and questions still there"
    assert columns_holding(store.engine, SECRET) != []

    click("U1")

    told(fake, "U1", wording.FORGOTTEN)
    assert fake.in_thread(channel, thread_ts) == []
    deleted = {c.args["ts"] for c in fake.calls_to("chat.delete")}
    assert deleted == {root.ts, first.ts}
    assert columns_holding(store.engine, SECRET) == []
    assert files_holding(database, SECRET) == []
    cid = _consultation_id(store, channel, thread_ts)
    forgotten = store.get(cid)
    assert forgotten is not None and forgotten.status == "forgotten"
    assert store.messages(cid) == []


def test_a_forget_click_that_comes_before_the_bot_has_recorded_its_root_still_forgets(
    fake: FakeSlack, slack: SlackRequests, channel: str, store: Store
) -> None:
    """Slack shows the root message, and its button, a moment before the bot has the
    message's ts: a click in between must forget, not be ignored without a word."""
    fake.slow_next("chat.postMessage", 0.6, times=1)  # the thread's root
    assert slack.command(TICKETS, channel=channel).status == 200
    root = fake.wait_for(
        "chat.postMessage",
        where=lambda c: c.args.get("channel") == channel and not c.args.get("thread_ts"),
    )[0]
    assert _click_forget(slack, root, channel, "U1").status == 200

    told(fake, "U1", wording.FORGOTTEN)
    forgotten = store.get(_consultation_id(store, channel, root.ts))
    assert forgotten is not None and forgotten.status == "forgotten"


def test_the_asker_forgets_by_replying_forget_and_the_bot_deletes_its_files_too(
    fake: FakeSlack, slack: SlackRequests, channel: str, store: Store
) -> None:
    thread_ts, _ = slack.mention(f"<@UBOT> Classify tickets for {SECRET}", channel=channel)
    in_thread(fake, channel, thread_ts, 1)
    slack.message("skip", channel=channel, thread_ts=thread_ts)
    advice = _latest_advice(fake, channel, thread_ts, 1)
    (save,) = [b for b in advice.args["blocks"] if b.get("block_id") == SAVE_RECORD_BLOCK]
    value = save["elements"][0]["value"]
    slack.click(action_id=SAVE_RECORD_ACTION, value=value, block_id=SAVE_RECORD_BLOCK,
                message=as_message(advice), channel=channel)  # fmt: skip
    wait_until(lambda: any(m.get("files") for m in fake.in_thread(channel, thread_ts)))

    slack.message("forget", channel=channel, thread_ts=thread_ts, user="U2")
    told(fake, "U2", wording.FORGET_NOT_YOURS)
    slack.message("<@UBOT> Forget.", channel=channel, thread_ts=thread_ts)

    told(fake, "U1", wording.FORGOTTEN)
    assert fake.in_thread(channel, thread_ts) == []
    assert fake.calls_to("files.delete"), "the decision record went with its message"
    assert columns_holding(store.engine, SECRET) == []
    cid = _consultation_id(store, channel, thread_ts)
    assert store.turns(cid) == [], "'forget' is no reply to read"

    slack.message("hello again", channel=channel, thread_ts=thread_ts)
    slack.message("forget", channel=channel, thread_ts=thread_ts)
    told(fake, "U1", wording.ALREADY_FORGOTTEN)
    assert store.turns(cid) == [] and fake.in_thread(channel, thread_ts) == []


def test_forget_outside_a_consultation_says_where_to_say_it(
    fake: FakeSlack, slack: SlackRequests, channel: str, store: Store
) -> None:
    slack.message("forget", channel="D" + channel, channel_type="im")
    told(fake, "U1", wording.FORGET_WHERE)
    slack.mention("<@UBOT> forget", channel=channel)
    assert len(fake.wait_for("chat.postEphemeral", 2)) == 2
    assert fake.calls_to("chat.postMessage") == [], "no consultation about 'forget'"


def test_the_server_log_holds_none_of_the_words_users_typed(server: ServerProcess) -> None:
    """Run last: every test above typed the secret into Slack."""
    log = server.log_path.read_text(errors="replace")
    assert "forgotten: 0 message(s) left to delete" in log
    assert SECRET not in log and "reviewed examples" not in log
