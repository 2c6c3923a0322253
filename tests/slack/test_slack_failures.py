"""Slack API failures: retried, or turned into a short private hint; nothing is lost."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

from bot.slack import wording
from bot.store import Store
from bot.store.lease import LEASE_SECONDS
from harness import SLACK_ONLY, FakeSlack, ServerProcess, SlackRequests
from harness.fake_slack import BOT_USER_ID
from harness.reading import event_type, in_thread, shown, start

TICKETS = "We want to classify support tickets into 12 categories"


def _posts_in(fake: FakeSlack, channel: str) -> list[int]:
    return [c.status for c in fake.calls_to("chat.postMessage") if c.args.get("channel") == channel]


def test_a_rate_limited_post_is_retried_after_retry_after(
    fake: FakeSlack, slack: SlackRequests, channel: str
) -> None:
    fake.fail_next("chat.postMessage", status=429, retry_after=0)
    _, first = start(fake, slack, channel, TICKETS)
    assert event_type(first) == "advisor_questions"
    assert _posts_in(fake, channel) == [429, 200, 200]


def test_server_errors_are_retried(fake: FakeSlack, slack: SlackRequests, channel: str) -> None:
    fake.fail_next("chat.postMessage", times=2, status=500)
    _, first = start(fake, slack, channel, TICKETS)
    assert event_type(first) == "advisor_questions"
    assert _posts_in(fake, channel) == [500, 500, 200, 200]


def test_a_channel_without_the_bot_gets_a_private_invite_hint_and_keeps_the_description(
    fake: FakeSlack, slack: SlackRequests, channel: str, workdir: Path
) -> None:
    fake.fail_next("chat.postMessage", error="not_in_channel")
    assert slack.command(TICKETS, channel=channel).status == 200
    hint = fake.wait_for("chat.postEphemeral", where=lambda c: c.args.get("channel") == channel)
    assert hint[0].args["user"] == "U1"
    assert "/invite @advisor" in hint[0].args["text"] and "classify support" in hint[0].args["text"]
    store = Store.open(f"sqlite:///{workdir / 'advisor.db'}")
    now = datetime.now(UTC)
    kept = store.consultations_in("T1", channel, now - timedelta(hours=1), now)
    assert [(c.description, c.status) for c in kept] == [(TICKETS, "pending")]


def test_inviting_the_bot_starts_the_advise_that_waited_for_it(
    fake: FakeSlack, slack: SlackRequests, channel: str
) -> None:
    fake.fail_next("chat.postMessage", error="not_in_channel")
    slack.command(TICKETS, channel=channel)
    fake.wait_for("chat.postEphemeral", where=lambda c: c.args.get("channel") == channel)
    joined = {
        "type": "member_joined_channel",
        "user": BOT_USER_ID,
        "channel": channel,
        "channel_type": "C",
        "team": "T1",
    }
    slack.event(joined)
    slack.event(joined)  # a second join (or a re-delivery) starts nothing more
    root = fake.wait_for(
        "chat.postMessage",
        where=lambda c: c.response.get("ok") is True and c.args.get("channel") == channel,
    )[0]
    assert "classify support tickets" in root.args["text"] and not root.args.get("thread_ts")
    assert event_type(in_thread(fake, channel, root.ts, 1)[0]) == "advisor_questions"
    slack.message("skip", channel=channel, thread_ts=root.ts)
    in_thread(fake, channel, root.ts, 2)
    roots = [
        c
        for c in fake.calls_to("chat.postMessage")
        if c.response.get("ok") and c.args["channel"] == channel and not c.args.get("thread_ts")
    ]
    assert len(roots) == 1


def test_a_restart_mid_conversation_loses_nothing(fake: FakeSlack, tmp_path: Path) -> None:
    from harness import SIGNING_SECRET, server_env

    env = server_env(fake.base_url, f"sqlite:///{tmp_path / 'advisor.db'}")
    first = ServerProcess(env, tmp_path / "first.log", extra_args=SLACK_ONLY).start()
    slack = SlackRequests(first.base_url, SIGNING_SECRET)
    thread_ts, _ = start(fake, slack, "CRESTART", TICKETS)
    slack.message("about 5k a day, 800 reviewed examples", channel="CRESTART", thread_ts=thread_ts)
    in_thread(fake, "CRESTART", thread_ts, 2)
    first.kill()

    second = ServerProcess(env, tmp_path / "second.log", extra_args=SLACK_ONLY).start()
    try:
        again = SlackRequests(second.base_url, SIGNING_SECRET)
        again.message("skip", channel="CRESTART", thread_ts=thread_ts)
        # killed between posting and saving, the first server's lease holds the thread
        # until it expires: allow for it
        advice = in_thread(fake, "CRESTART", thread_ts, 3, timeout=LEASE_SECONDS + 15)[-1]
    finally:
        second.kill()  # at once after the recommendation went out
    assert event_type(advice) == "advisor_recommendation"
    facts = advice.args["metadata"]["event_payload"]["facts"]
    assert facts["requests_per_day"] == 5000 and facts["labeled_examples"] == 800

    third = ServerProcess(env, tmp_path / "third.log", extra_args=SLACK_ONLY).start()
    try:
        SlackRequests(third.base_url, SIGNING_SECRET).message(
            "we actually have 3k examples", channel="CRESTART", thread_ts=thread_ts
        )
        updated = in_thread(fake, "CRESTART", thread_ts, 4, timeout=LEASE_SECONDS + 15)[-1]
    finally:
        third.stop()
    assert "Updated recommendation" in shown(updated)
    assert "labeled examples 800 → 3,000" in shown(updated)


def test_a_reply_slack_would_not_take_is_saved_and_counts_on_the_next_one(
    fake: FakeSlack, slack: SlackRequests, channel: str
) -> None:
    thread_ts, _ = start(fake, slack, channel, TICKETS)
    fake.fail_next("chat.postMessage", times=3, status=500)  # beyond the 2 retries
    slack.message("about 5k a day", channel=channel, thread_ts=thread_ts)
    sorry = in_thread(fake, channel, thread_ts, 2)[-1]
    assert sorry.args["text"] == wording.ERROR
    slack.message("skip", channel=channel, thread_ts=thread_ts)
    advice = in_thread(fake, channel, thread_ts, 3)[-1]
    assert event_type(advice) == "advisor_recommendation"
    assert advice.args["metadata"]["event_payload"]["facts"]["requests_per_day"] == 5000
