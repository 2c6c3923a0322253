"""Who may steer a shared thread: anyone may add facts, and the update says who changed
what; skipping the questions and correcting the facts in the form are the asker's (anyone
else is told so, privately; Correct the facts: tests/slack/test_slack_correct_facts.py)."""

from __future__ import annotations

from harness import FakeSlack, SlackRequests
from harness.reading import event_type, in_thread, shown, start

TICKETS = "We want to classify support tickets into 12 categories"
FULL = (
    "We classify about 2,000 support tickets a day into 12 queues. "
    "We have about 800 examples, reviewed by our leads."
)


def test_someone_elses_skip_is_not_a_skip_and_they_are_told_privately(
    fake: FakeSlack, slack: SlackRequests, channel: str
) -> None:
    thread_ts, first = start(fake, slack, channel, TICKETS)
    assert event_type(first) == "advisor_questions"
    slack.message("just tell me", user="U2", channel=channel, thread_ts=thread_ts)
    note = fake.wait_for(
        "chat.postEphemeral",
        where=lambda c: c.args.get("channel") == channel and c.args.get("user") == "U2",
    )[0]
    assert "Only the person who asked for this advice can skip" in note.args["text"]
    again = in_thread(fake, channel, thread_ts, 2)[-1]
    assert event_type(again) == "advisor_questions", "still asking: the asker did not skip"
    slack.message("skip", channel=channel, thread_ts=thread_ts)
    advice = in_thread(fake, channel, thread_ts, 3)[-1]
    assert event_type(advice) == "advisor_recommendation", "the asker may"


def test_anyone_may_add_facts_in_the_thread_and_the_update_says_who(
    fake: FakeSlack, slack: SlackRequests, channel: str
) -> None:
    thread_ts, first = start(fake, slack, channel, FULL)
    if event_type(first) == "advisor_questions":
        slack.message("skip", channel=channel, thread_ts=thread_ts)
    assert event_type(in_thread(fake, channel, thread_ts, 2)[-1]) == "advisor_recommendation"
    slack.message("we actually have 3k examples", user="U2", channel=channel, thread_ts=thread_ts)
    updated = in_thread(fake, channel, thread_ts, 3)[-1]
    assert event_type(updated) == "advisor_recommendation"
    assert "Updated after <@U2> gave the labeled examples as 3,000" in shown(updated)
