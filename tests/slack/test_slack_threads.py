"""Mentions, direct messages, re-delivered events, concurrent replies and ignored events."""

from __future__ import annotations

import threading

from harness import FakeSlack, SlackRequests
from harness.fake_slack import BOT_ID, BOT_USER_ID
from harness.reading import event_type, in_thread, payload, start

TICKETS = "We want to classify support tickets into 12 categories"


def test_a_mention_starts_the_conversation_in_the_mentions_thread(
    fake: FakeSlack, slack: SlackRequests, channel: str
) -> None:
    text = f"<@{BOT_USER_ID}> {TICKETS}"
    ts, answer = slack.mention(text, channel=channel)
    assert answer.status == 200
    slack.message(text, channel=channel, ts=ts)  # Slack also sends the plain message event
    first = in_thread(fake, channel, ts, 1)[0]
    assert event_type(first) == "advisor_questions"

    reply = f"<@{BOT_USER_ID}> about 5k a day, 800 reviewed examples"
    reply_ts = slack.next_ts()
    slack.message(reply, channel=channel, thread_ts=ts, ts=reply_ts)
    slack.event(
        {
            "type": "app_mention",
            "user": "U1",
            "text": reply,
            "channel": channel,
            "ts": reply_ts,
            "thread_ts": ts,
            "event_ts": reply_ts,
        }
    )
    second = in_thread(fake, channel, ts, 2)[-1]
    assert "requests_per_day" not in payload(second).get("facts", [])
    slack.message("skip", channel=channel, thread_ts=ts)
    posted = in_thread(fake, channel, ts, 3)
    assert event_type(posted[-1]) == "advisor_recommendation"
    assert payload(posted[-1])["facts"]["requests_per_day"] == 5000
    assert len(posted) == 3, "the mention and its message event count once"


def test_a_mention_without_a_description_shows_usage_only_to_its_author(
    fake: FakeSlack, slack: SlackRequests, channel: str
) -> None:
    slack.mention(f"<@{BOT_USER_ID}>", channel=channel)
    hint = fake.wait_for("chat.postEphemeral", where=lambda c: c.args.get("channel") == channel)
    assert hint[0].args["user"] == "U1" and "/advise" in hint[0].args["text"]


def test_a_direct_message_starts_a_conversation_in_its_thread(
    fake: FakeSlack, slack: SlackRequests, channel: str
) -> None:
    ts, _ = slack.message(TICKETS, channel=channel, channel_type="im")
    assert event_type(in_thread(fake, channel, ts, 1)[0]) == "advisor_questions"
    slack.message("just tell me", channel=channel, channel_type="im", thread_ts=ts)
    assert event_type(in_thread(fake, channel, ts, 2)[-1]) == "advisor_recommendation"


def test_a_redelivered_event_is_handled_once(
    fake: FakeSlack, slack: SlackRequests, channel: str
) -> None:
    thread_ts, _ = start(fake, slack, channel, TICKETS)
    ts, _ = slack.message("about 5k a day", channel=channel, thread_ts=thread_ts, event_id="EvA1")
    in_thread(fake, channel, thread_ts, 2)
    again = slack.message(
        "about 5k a day", channel=channel, thread_ts=thread_ts, event_id="EvA1", retry_num=1, ts=ts
    )[1]
    assert again.status == 200
    slack.message("about 5k a day", channel=channel, thread_ts=thread_ts, retry_num=2, ts=ts)
    slack.message("skip", channel=channel, thread_ts=thread_ts)
    posted = in_thread(fake, channel, thread_ts, 3)
    assert event_type(posted[-1]) == "advisor_recommendation"
    assert len(in_thread(fake, channel, thread_ts, 3)) == 3


def test_two_replies_at_the_same_moment_both_count(
    fake: FakeSlack, slack: SlackRequests, channel: str
) -> None:
    thread_ts, _ = start(fake, slack, channel, TICKETS)
    replies = ["about 5k a day", "800 examples reviewed by our agents"]
    barrier = threading.Barrier(len(replies))

    def send(text: str) -> None:
        barrier.wait()
        slack.message(text, channel=channel, thread_ts=thread_ts)

    senders = [threading.Thread(target=send, args=(text,)) for text in replies]
    for sender in senders:
        sender.start()
    for sender in senders:
        sender.join()
    slack.message("skip", channel=channel, thread_ts=thread_ts)
    advice = fake.wait_for(
        "chat.postMessage",
        where=lambda c: (
            c.args.get("thread_ts") == thread_ts and event_type(c) == "advisor_recommendation"
        ),
    )[-1]
    facts = payload(advice)["facts"]
    debug = [(c.args.get("text") or "")[:60] for c in in_thread(fake, channel, thread_ts, 1)]
    assert facts.get("requests_per_day") == 5000 and facts["labeled_examples"] == 800, debug


def test_events_the_bot_does_not_care_about_are_acknowledged_and_ignored(
    fake: FakeSlack, slack: SlackRequests, channel: str
) -> None:
    thread_ts, _ = start(fake, slack, channel, TICKETS)
    ignored = [
        slack.message("from a bot", channel=channel, thread_ts=thread_ts, bot_id="B9")[1],
        slack.message("me", channel=channel, thread_ts=thread_ts, user=BOT_USER_ID)[1],
        slack.message(
            "bot msg", channel=channel, thread_ts=thread_ts, subtype="bot_message", bot_id=BOT_ID
        )[1],
        slack.message("edited", channel=channel, thread_ts=thread_ts, subtype="message_changed")[1],
        slack.message("another thread", channel=channel, thread_ts=slack.next_ts())[1],
        slack.message("just chatting", channel=channel)[1],
        slack.event({"type": "reaction_added", "user": "U1", "reaction": "eyes"}),
        slack.event({"type": "member_joined_channel", "user": "U2", "channel": channel}),
    ]
    assert [r.status for r in ignored] == [200] * len(ignored)
    slack.message("about 5k a day", channel=channel, thread_ts=thread_ts)
    in_thread(fake, channel, thread_ts, 2)
    posted = [c for c in fake.calls_to("chat.postMessage") if c.args.get("channel") == channel]
    assert len(posted) == 3, "root, questions, and the answer to the one real reply"


def test_every_message_the_bot_posts_carries_metadata(
    fake: FakeSlack, slack: SlackRequests, channel: str
) -> None:
    dm = "D" + channel
    slack.message("help", channel=dm, channel_type="im")
    thread_ts, _ = start(fake, slack, channel, TICKETS)
    slack.message("skip", channel=channel, thread_ts=thread_ts)
    in_thread(fake, channel, thread_ts, 2)
    slack.message("thanks", channel=channel, thread_ts=thread_ts)
    in_thread(fake, channel, thread_ts, 3)
    fake.wait_for("chat.postMessage", where=lambda c: c.args.get("channel") == dm)
    posted = [c for c in fake.calls_to("chat.postMessage") if c.args["channel"] in (channel, dm)]
    assert len(posted) == 5
    assert all(event_type(c).startswith("advisor_") for c in posted)
