"""Faults: the server killed (SIGKILL) mid-traffic and restarted; Slack answering 429 and
500 for a while. Every conversation continues and every message is posted exactly once."""

from __future__ import annotations

import threading
import time
import uuid
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor

import pytest

from bot.slack import wording
from harness import SIGNING_SECRET, Call, ServerProcess, SlackRequests
from harness.load import IndexedFakeSlack, Outcome, Script, check, event_type, play_many

pytestmark = pytest.mark.slow

StartServer = Callable[..., ServerProcess]

TICKETS = "We want to classify support tickets into 12 categories"
FACTS = "about 5k a day, 800 reviewed examples, legal"
CONVERSATIONS = 50
KILL_AFTER = 20
"""Replies answered 200 before the SIGKILL; the others are in flight or not sent yet."""
STORM_SECONDS = 2.5
"""Within the retry budget of the server under test (10 retries, back-off from 0.1 s)."""


def _facts(call: Call) -> dict[str, object]:
    return dict((call.args.get("metadata") or {}).get("event_payload", {}).get("facts", {}))


def _quiet(fake: IndexedFakeSlack, seconds: float, limit: float) -> None:
    """Wait until no call has been made for ``seconds`` (at most ``limit``)."""
    deadline = time.monotonic() + limit
    while time.monotonic() < deadline:
        calls = fake.calls
        if not calls or time.monotonic() - calls[-1].at >= seconds:
            return
        time.sleep(0.1)


@pytest.mark.timeout(180)
def test_a_server_killed_mid_conversations_and_restarted_continues_every_one(
    fake: IndexedFakeSlack, start_server: StartServer
) -> None:
    first = start_server("first")
    slack = SlackRequests(first.base_url, SIGNING_SECRET)
    opened = play_many(
        fake, lambda: slack, CONVERSATIONS, channels=CONVERSATIONS, workers=16,
        scripts=[Script(TICKETS)], prefix="CKILL",
    )  # fmt: skip
    assert check(fake, opened) == []

    # Each reply as Slack sends it: its own ts and event id, re-sent with the same ids
    # (X-Slack-Retry-Num) when the server did not answer 200.
    replies = {o.token: (slack.next_ts(), f"Ev{uuid.uuid4().hex[:12].upper()}") for o in opened}
    answered = threading.Semaphore(0)
    delivered: set[str] = set()

    def send(o: Outcome, to: SlackRequests, retry: int | None = None) -> None:
        ts, event_id = replies[o.token]
        try:
            _, response = to.message(
                FACTS, channel=o.channel, thread_ts=o.thread_ts, user=o.user,
                ts=ts, event_id=event_id, retry_num=retry,
            )  # fmt: skip
        except Exception:  # the server died under the request: Slack will retry it
            return
        if response.status == 200:
            delivered.add(o.token)
            answered.release()

    def kill_midway() -> None:
        for _ in range(KILL_AFTER):
            answered.acquire(timeout=30)
        first.kill()

    killer = threading.Thread(target=kill_midway)
    killer.start()
    with ThreadPoolExecutor(max_workers=8) as pool:
        list(pool.map(lambda o: send(o, slack), opened))
    killer.join()
    assert KILL_AFTER <= len(delivered) < CONVERSATIONS, "the kill came mid-traffic"

    second = start_server("second")
    again = SlackRequests(second.base_url, SIGNING_SECRET)
    lost_in_flight = [o for o in opened if o.token not in delivered]
    with ThreadPoolExecutor(max_workers=8) as pool:
        list(pool.map(lambda o: send(o, again, retry=1), lost_in_flight))
    assert len(delivered) == CONVERSATIONS

    skip_sent = time.monotonic()
    with ThreadPoolExecutor(max_workers=8) as pool:
        list(pool.map(lambda o: again.message("skip", channel=o.channel, thread_ts=o.thread_ts,
                                              user=o.user), opened))  # fmt: skip
    # A lease held by the killed worker expires after LEASE_SECONDS (20 s): allow for it.
    deadline = time.monotonic() + 90
    for o in opened:
        while not [c for c in fake.posts(o.channel, o.thread_ts) if c.at > skip_sent]:
            assert time.monotonic() < deadline, f"{o.channel}: no answer after the restart"
            time.sleep(0.1)
    _quiet(fake, seconds=1.5, limit=30)

    problems = []
    for o in opened:
        posts = fake.posts(o.channel, o.thread_ts)
        advice = [c for c in posts if event_type(c) == "advisor_recommendation"]
        if not advice:
            problems.append(f"{o.channel}: no recommendation")
        elif _facts(advice[-1]).get("labeled_examples") != 800:
            problems.append(f"{o.channel}: the reply before the kill was lost")
        if len(posts) > 3:
            problems.append(f"{o.channel}: {len(posts)} posts for 3 turns")
    assert problems == []
    assert fake.duplicates() == []


@pytest.mark.timeout(120)
def test_a_storm_of_429s_and_500s_ends_with_every_message_posted_exactly_once(
    fake: IndexedFakeSlack, start_server: StartServer
) -> None:
    server = start_server(SLACK_RETRY_COUNT="10", SLACK_RETRY_BACKOFF="0.1")
    slack = SlackRequests(server.base_url, SIGNING_SECRET)
    fake.storm("chat.postMessage", STORM_SECONDS, statuses=(429, 500), retry_after=1)

    outcomes = play_many(fake, lambda: slack, 30, channels=10, workers=16, timeout=60)

    assert check(fake, outcomes) == [], "every command acknowledged, every answer posted once"
    assert "didn't call ack()" not in server.log_path.read_text(), (
        "every ack within Slack's 3 seconds"
    )
    failed = {c.status for c in fake.calls_to("chat.postMessage") if c.status != 200}
    assert failed == {429, 500}, "the storm happened"
    assert wording.ERROR not in " ".join(c.text() for c in fake.calls_to("chat.postMessage"))


@pytest.mark.timeout(120)
def test_slash_commands_are_acknowledged_in_time_while_slack_rate_limits_the_bot(
    fake: IndexedFakeSlack, start_server: StartServer
) -> None:
    """Regression: bolt's default listener pool (5 threads) filled with posts sleeping on
    Retry-After, so a new /advise waited for a thread past Slack's 3 seconds."""
    server = start_server(SLACK_RETRY_COUNT="10")
    slack = SlackRequests(server.base_url, SIGNING_SECRET)
    fake.storm("chat.postMessage", 4.0, statuses=(429,), retry_after=2)

    outcomes = play_many(
        fake, lambda: slack, 12, channels=12, workers=12, scripts=[Script(TICKETS)], timeout=60
    )

    assert check(fake, outcomes) == []
    assert "didn't call ack()" not in server.log_path.read_text()
