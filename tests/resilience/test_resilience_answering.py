"""Answering under trouble, against the running server: Slack rate-limiting an answer past
its lease, a database locked by another process, and long threads (the answer continues
from the saved state, and a consultation has a size limit)."""

from __future__ import annotations

import sqlite3
import time
import urllib.request
from collections.abc import Callable
from pathlib import Path

import pytest
from sqlalchemy import update

from bot.slack import wording
from bot.store import schema
from harness import SIGNING_SECRET, ServerProcess, SlackRequests
from harness.database import open_store
from harness.load import IndexedFakeSlack, event_type
from harness.reading import in_thread, payload, start

pytestmark = pytest.mark.slow

StartServer = Callable[..., ServerProcess]
TICKETS = "We want to classify support tickets into 12 categories"


def _database(tmp_path: Path) -> str:
    return f"sqlite:///{tmp_path / 'advisor.db'}"


def _quiet(fake: IndexedFakeSlack, seconds: float) -> None:
    """Wait until the bot has made no call for ``seconds``."""
    while True:
        calls = fake.calls
        if not calls or time.monotonic() - calls[-1].at >= seconds:
            return
        time.sleep(0.1)


@pytest.mark.timeout(120)
def test_an_answer_rate_limited_past_its_lease_never_posts_after_the_next_answer(
    fake: IndexedFakeSlack, start_server: StartServer, any_database: str
) -> None:
    server = start_server(database_url=any_database)
    slack = SlackRequests(server.base_url, SIGNING_SECRET)
    thread_ts, _ = start(fake, slack, "CLEASE", TICKETS)
    fake.fail_next("chat.postMessage", times=2, status=429, retry_after=12)
    sent = time.monotonic()
    slack.message("about 5k a day, 800 reviewed examples", channel="CLEASE", thread_ts=thread_ts)
    time.sleep(21)  # past the 20 s lease of the answer that Slack is holding back
    slack.message("skip", channel="CLEASE", thread_ts=thread_ts)
    fake.wait_for(
        "chat.postMessage",
        where=lambda c: (
            c.args.get("thread_ts") == thread_ts and event_type(c) == "advisor_recommendation"
        ),
        timeout=40,
    )
    time.sleep(max(0.0, sent + 30 - time.monotonic()))  # past two full Retry-After sleeps
    _quiet(fake, 2.0)
    kinds = [event_type(c) for c in fake.posts("CLEASE", thread_ts)]
    assert kinds[-1] == "advisor_recommendation", kinds
    assert kinds.count("advisor_recommendation") == 1
    stored = open_store(any_database).find_by_thread("CLEASE", thread_ts)
    assert stored is not None and stored.status == "advised"


@pytest.mark.timeout(120)
def test_a_locked_database_loses_nothing_silently_and_says_saved_only_when_it_was(
    fake: IndexedFakeSlack, start_server: StartServer, tmp_path: Path
) -> None:
    server = start_server()
    slack = SlackRequests(server.base_url, SIGNING_SECRET)
    thread_ts, _ = start(fake, slack, "CLOCK", TICKETS)
    _quiet(fake, 1.0)  # the first answer saved its state
    marker = "LOCKED-DESCRIPTION-MARKER"
    lock = sqlite3.connect(tmp_path / "advisor.db", timeout=30, isolation_level=None)
    lock.execute("BEGIN EXCLUSIVE")  # another process holds the write lock
    try:
        with urllib.request.urlopen(server.base_url + "/healthz", timeout=10) as answer:
            healthy = answer.status
    except urllib.error.HTTPError as err:
        healthy = err.code
    try:
        command = slack.command(f"{TICKETS} {marker}", channel="CLOCK2")
        replies = [
            slack.message(f"reply {n}", channel="CLOCK", thread_ts=thread_ts)[1] for n in range(3)
        ]
    finally:
        lock.execute("ROLLBACK")
        lock.close()
    assert healthy == 503, "the health check proves a write"
    assert command.status == 200 and command.body == wording.NOT_SAVED
    assert [r.status for r in replies] == [200, 200, 200]
    _quiet(fake, 2.0)
    store = open_store(_database(tmp_path))
    consultation = store.find_by_thread("CLOCK", thread_ts)
    assert consultation is not None

    def accounted() -> tuple[int, list[str]]:
        """The replies saved, and what the bot said in Slack."""
        texts = [str(c.args.get("text")) for c in fake.calls_to("chat.postMessage")]
        texts += [str(c.args.get("text")) for c in fake.calls_to("chat.postEphemeral")]
        return len(store.turns(consultation.id)), texts

    deadline = time.monotonic() + 30  # a reply waits out the lock before it is told
    saved, texts = accounted()
    while saved + texts.count(wording.REPLY_NOT_SAVED) < 3 and time.monotonic() < deadline:
        time.sleep(0.1)
        saved, texts = accounted()
    assert texts.count(wording.ERROR) <= saved, "'your message is saved' only when it was"
    assert texts.count(wording.REPLY_NOT_SAVED) == 3 - saved, "each lost reply is told"
    assert marker not in server.log_path.read_text(), "no user text in the log"

    slack.message("skip", channel="CLOCK", thread_ts=thread_ts)
    advice = fake.wait_for(
        "chat.postMessage",
        where=lambda c: (
            c.args.get("thread_ts") == thread_ts and event_type(c) == "advisor_recommendation"
        ),
    )
    assert advice


def _saved_state(tmp_path: Path, thread_ts: str, channel: str, **values: object) -> None:
    store = open_store(_database(tmp_path))
    found = store.find_by_thread(channel, thread_ts)
    assert found is not None
    with store.engine.begin() as conn:
        conn.execute(
            update(schema.consultations)
            .where(schema.consultations.c.id == found.id)
            .values(**values)
        )


@pytest.mark.timeout(120)
def test_a_reply_continues_from_the_saved_state_rather_than_rereading_every_turn(
    fake: IndexedFakeSlack, start_server: StartServer, tmp_path: Path
) -> None:
    server = start_server()
    slack = SlackRequests(server.base_url, SIGNING_SECRET)
    thread_ts, _ = start(fake, slack, "CSTATE", TICKETS)
    store = open_store(_database(tmp_path))
    deadline = time.monotonic() + 15
    while (found := store.find_by_thread("CSTATE", thread_ts)) is None or not found.state_json:
        assert time.monotonic() < deadline, "the first answer's state was never saved"
        time.sleep(0.05)
    # A fact no turn says, put in the saved state: only a continuation can know it.
    tampered = found.state_json.replace('"labeled_examples":null', '"labeled_examples":4321')
    assert tampered != found.state_json
    _saved_state(tmp_path, thread_ts, "CSTATE", state_json=tampered)
    slack.message("skip", channel="CSTATE", thread_ts=thread_ts)
    advice = in_thread(fake, "CSTATE", thread_ts, 2)[-1]
    assert payload(advice)["facts"].get("labeled_examples") == 4321


@pytest.mark.timeout(120)
def test_a_saved_state_that_cannot_be_loaded_is_rebuilt_from_the_turns(
    fake: IndexedFakeSlack, start_server: StartServer, tmp_path: Path
) -> None:
    server = start_server()
    slack = SlackRequests(server.base_url, SIGNING_SECRET)
    thread_ts, _ = start(fake, slack, "CREPLAY", TICKETS)
    slack.message("about 5k a day", channel="CREPLAY", thread_ts=thread_ts)
    in_thread(fake, "CREPLAY", thread_ts, 2)
    _quiet(fake, 1.0)  # its state saved
    _saved_state(tmp_path, thread_ts, "CREPLAY", state_json='{"a state": "from a future version"}')
    slack.message("skip", channel="CREPLAY", thread_ts=thread_ts)
    advice = in_thread(fake, "CREPLAY", thread_ts, 3)[-1]
    assert event_type(advice) == "advisor_recommendation"
    assert payload(advice)["facts"].get("requests_per_day") == 5000
    _quiet(fake, 1.0)
    _saved_state(tmp_path, thread_ts, "CREPLAY", state_version=99)  # another version's
    slack.message("we actually have 3k examples", channel="CREPLAY", thread_ts=thread_ts)
    updated = in_thread(fake, "CREPLAY", thread_ts, 4)[-1]
    assert payload(updated)["facts"].get("requests_per_day") == 5000
    assert payload(updated)["facts"].get("labeled_examples") == 3000


def _limit_notices(fake: IndexedFakeSlack, channel: str) -> int:
    return sum(
        wording.LIMIT_REACHED in str(c.args.get("text"))
        for c in fake.calls_to("chat.postEphemeral")
        if c.args.get("channel") == channel
    )


@pytest.mark.timeout(180)
def test_a_consultation_past_its_size_limit_tells_the_author_instead_of_reading_more(
    fake: IndexedFakeSlack, start_server: StartServer
) -> None:
    server = start_server()
    slack = SlackRequests(server.base_url, SIGNING_SECRET)
    thread_ts, _ = start(fake, slack, "CLIMIT", TICKETS)
    long_reply = "we label tickets by hand and it is slow. " * 200  # 8,200 characters
    for sent in range(1, 13):
        slack.message(long_reply, channel="CLIMIT", thread_ts=thread_ts)
        deadline = time.monotonic() + 30
        while len(fake.posts("CLIMIT", thread_ts)) < 1 + sent and not _limit_notices(
            fake, "CLIMIT"
        ):
            assert time.monotonic() < deadline, "the reply got no answer"
            time.sleep(0.05)
        if _limit_notices(fake, "CLIMIT"):
            break
    else:
        pytest.fail("twelve replies of 8,200 characters were all read")
    posted = len(fake.posts("CLIMIT", thread_ts))
    slack.message("skip", channel="CLIMIT", thread_ts=thread_ts)
    deadline = time.monotonic() + 30
    while _limit_notices(fake, "CLIMIT") < 2:
        assert time.monotonic() < deadline, "a reply past the limit got no word"
        time.sleep(0.05)
    _quiet(fake, 1.0)
    assert len(fake.posts("CLIMIT", thread_ts)) == posted, "nothing more read or answered"
