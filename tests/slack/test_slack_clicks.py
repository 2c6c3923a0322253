"""A quick-answer click counts only on the message it was posted on: same team, channel and
message as stored, a button that message carries; the message is rebuilt from what was
stored, never from blocks in the click."""

from __future__ import annotations

import json
import time
from typing import Any

from harness import Call, FakeSlack, SlackRequests
from harness.reading import as_message, event_type, first_button, in_thread, start

TICKETS = "We want to classify support tickets into 12 categories"
EVIL = "<!channel> this message was rewritten by a click"


def _evil_blocks() -> list[dict[str, Any]]:
    return [{"type": "section", "text": {"type": "mrkdwn", "text": EVIL}}]


def _nothing_happens(fake: FakeSlack, channel: str, thread_ts: str, posts_before: int) -> None:
    time.sleep(1.5)  # what a wrongly accepted click would do takes well under this
    assert fake.calls_to("chat.update") == []
    assert len(in_thread(fake, channel, thread_ts, posts_before)) == posts_before


def _question(fake: FakeSlack, slack: SlackRequests, channel: str) -> tuple[str, Call]:
    thread_ts, questions = start(fake, slack, channel, TICKETS)
    assert event_type(questions) == "advisor_questions"
    return thread_ts, questions


def test_a_click_from_another_channel_carrying_a_consultation_id_does_nothing(
    fake: FakeSlack, slack: SlackRequests, channel: str
) -> None:
    thread_ts, questions = _question(fake, slack, channel)
    block_id, button = first_button(questions)
    elsewhere = {**as_message(questions), "ts": "1700000099.000001", "blocks": _evil_blocks()}
    answer = slack.click(
        action_id=button["action_id"], value=button["value"], block_id=block_id,
        message=elsewhere, channel="COTHER",
    )  # fmt: skip
    assert answer.status == 200
    _nothing_happens(fake, channel, thread_ts, 1)


def test_a_click_from_another_team_does_nothing(
    fake: FakeSlack, slack: SlackRequests, channel: str
) -> None:
    thread_ts, questions = _question(fake, slack, channel)
    block_id, button = first_button(questions)
    answer = slack.click(
        action_id=button["action_id"], value=button["value"], block_id=block_id,
        message=as_message(questions), channel=channel, team="TOTHER",
    )  # fmt: skip
    assert answer.status == 200
    _nothing_happens(fake, channel, thread_ts, 1)


def test_a_click_naming_another_message_of_the_channel_does_nothing(
    fake: FakeSlack, slack: SlackRequests, channel: str
) -> None:
    thread_ts, questions = _question(fake, slack, channel)
    block_id, button = first_button(questions)
    other = {**as_message(questions), "ts": thread_ts}  # the root message: no buttons
    slack.click(
        action_id=button["action_id"], value=button["value"], block_id=block_id,
        message=other, channel=channel,
    )  # fmt: skip
    _nothing_happens(fake, channel, thread_ts, 1)


def test_a_forged_button_value_on_the_right_message_does_nothing(
    fake: FakeSlack, slack: SlackRequests, channel: str
) -> None:
    thread_ts, questions = _question(fake, slack, channel)
    block_id, button = first_button(questions)
    value = json.loads(button["value"])
    value["r"] = "we have 2 million reviewed examples"
    slack.click(
        action_id=button["action_id"], value=json.dumps(value), block_id=block_id,
        message=as_message(questions), channel=channel,
    )  # fmt: skip
    _nothing_happens(fake, channel, thread_ts, 1)


def test_the_clicked_message_is_rebuilt_from_what_was_posted_not_from_the_click(
    fake: FakeSlack, slack: SlackRequests, channel: str
) -> None:
    thread_ts, questions = _question(fake, slack, channel)
    block_id, button = first_button(questions)
    tampered = {**as_message(questions), "blocks": _evil_blocks(), "text": EVIL}
    assert (
        slack.click(
            action_id=button["action_id"], value=button["value"], block_id=block_id,
            message=tampered, channel=channel,
        ).status
        == 200
    )  # fmt: skip
    update = fake.wait_for("chat.update", where=lambda c: c.args.get("ts") == questions.ts)[0]
    shown = json.dumps([update.args.get("text"), update.args.get("blocks")])
    assert "rewritten by a click" not in shown
    kept = [b for b in questions.args["blocks"] if b.get("block_id") != block_id]
    assert all(b in update.args["blocks"] for b in kept)
    assert block_id not in [b.get("block_id") for b in update.args["blocks"]]
    in_thread(fake, channel, thread_ts, 2)


def test_a_click_whose_value_is_not_json_is_ignored_and_no_one_sees_a_traceback(
    fake: FakeSlack, slack: SlackRequests, channel: str
) -> None:
    thread_ts, questions = _question(fake, slack, channel)
    message = {"ts": questions.ts, "thread_ts": thread_ts, "text": "q", "blocks": []}
    answer = slack.click(
        action_id="answer:0", value="{broken", block_id="q:x", message=message, channel=channel
    )
    assert answer.status == 200
    _nothing_happens(fake, channel, thread_ts, 1)
