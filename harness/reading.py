"""Reading what the bot posted on the fake Slack: threads, metadata, the text a user sees,
and the buttons to click. Shared by tests/slack and anyone driving the loopback harness."""

from __future__ import annotations

import json
from typing import Any

from harness.fake_slack import Call, FakeSlack
from harness.requests import SlackRequests


def in_thread(
    fake: FakeSlack, channel: str, thread_ts: str, count: int, timeout: float = 15.0
) -> list[Call]:
    """Wait for ``count`` messages posted in the thread; all of them, in order."""
    return fake.wait_for(
        "chat.postMessage",
        count,
        timeout=timeout,
        where=lambda c: (
            c.response.get("ok") is True
            and c.args.get("channel") == channel
            and c.args.get("thread_ts") == thread_ts
        ),
    )


def start(fake: FakeSlack, slack: SlackRequests, channel: str, text: str) -> tuple[str, Call]:
    """``/advise text``: the thread's ts (the root message) and the first thread message."""
    answer = slack.command(text, channel=channel)
    assert answer.status == 200, answer
    root = fake.wait_for(
        "chat.postMessage",
        where=lambda c: (
            c.response.get("ok") is True
            and c.args.get("channel") == channel
            and not c.args.get("thread_ts")
        ),
    )[0]
    return root.ts, in_thread(fake, channel, root.ts, 1)[0]


def event_type(call: Call) -> str:
    return str((call.args.get("metadata") or {}).get("event_type", ""))


def payload(call: Call) -> dict[str, Any]:
    return dict((call.args.get("metadata") or {}).get("event_payload", {}))


def shown(call: Call) -> str:
    """What the user reads (text and blocks) as one string."""
    return json.dumps(
        {"text": call.args.get("text"), "blocks": call.args.get("blocks")}, ensure_ascii=False
    )


def as_message(call: Call) -> dict[str, Any]:
    """A posted message as Slack would include it in a block_actions payload."""
    return {
        "ts": call.ts,
        "text": call.args.get("text"),
        "blocks": call.args.get("blocks"),
        "thread_ts": call.args.get("thread_ts"),
    }


def first_button(call: Call) -> tuple[str, dict[str, Any]]:
    """The block id and the first button of the first question in a questions message."""
    for block in call.args.get("blocks") or []:
        if block.get("type") == "actions":
            return block["block_id"], block["elements"][0]
    raise AssertionError(f"no buttons in {shown(call)}")
