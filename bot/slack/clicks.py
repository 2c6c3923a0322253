"""Which stored question a quick-answer click answers, if any.

A click carries a button value naming a consultation, and the message it was on; both are
the clicker's to forge. A click counts only when the message is a questions message the bot
posted in that channel, for a consultation of that team and channel, and the button (block
and value) is one that message carried as stored. The clicked message is then rebuilt from
its stored text and blocks, never from the blocks in the click.
"""

from __future__ import annotations

import json
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any, TypeVar

from bot.slack import wording
from bot.slack.blocks import answered_blocks
from bot.slackkit.mrkdwn import escape
from bot.store import Consultation, PostedMessage, Store, Turn

SOURCE_PREFIX = "click"
RECORD_WAIT_SECONDS = 1.0
"""How long a click waits for its message to be recorded before it is acknowledged (Slack
wants the acknowledgement within 3 s, and Correct the facts opens its form first)."""

T = TypeVar("T")


@dataclass(frozen=True)
class Click:
    """A click on a stored button: the reply it stands for, and who gave it."""

    consultation: Consultation
    message: PostedMessage
    block_id: str
    reply: str
    fact: str | None
    user_id: str

    @property
    def source_id(self) -> str:
        """One per question message and question: a double click counts once."""
        return f"{source_prefix(self.message)}{self.block_id}"


def source_prefix(message: PostedMessage) -> str:
    return f"{SOURCE_PREFIX}:{message.channel_id}:{message.ts}:"


def read_click(store: Store, body: dict[str, Any], action: dict[str, Any]) -> Click | None:
    """The click as a stored question's answer, or None if it answers none."""
    container = body.get("container") or {}
    channel = str(container.get("channel_id") or "")
    message_ts = str(container.get("message_ts") or "")
    team = str((body.get("team") or {}).get("id") or "")
    user = str((body.get("user") or {}).get("id") or "")
    block_id, value = str(action.get("block_id") or ""), action.get("value")
    if not (channel and message_ts and user and isinstance(value, str)):
        return None
    posted = _posted(store, channel, message_ts)
    if posted is None or posted.kind != "questions" or not posted.consultation_id:
        return None
    consultation = store.get(posted.consultation_id)
    if consultation is None or consultation.channel_id != channel:
        return None
    if consultation.team_id and consultation.team_id != team:
        return None
    button = _button(_content(posted)["blocks"], block_id, value)
    if button is None:
        return None
    chosen = json.loads(button["value"])
    return Click(
        consultation=consultation,
        message=posted,
        block_id=block_id,
        reply=str(chosen.get("r", "")),
        fact=str(chosen["f"]) if chosen.get("f") else None,
        user_id=user,
    )


def _posted(store: Store, channel: str, ts: str) -> PostedMessage | None:
    return once_recorded(lambda: store.message_at(channel, ts))


def once_recorded(lookup: Callable[[], T | None], seconds: float = RECORD_WAIT_SECONDS) -> T | None:
    """What ``lookup`` finds, asking again for ``seconds`` at most while it finds nothing:
    the answering process records a message just after Slack took it, so a click that
    comes at once may be a moment ahead of the record."""
    deadline = time.monotonic() + seconds
    while (found := lookup()) is None and time.monotonic() < deadline:
        time.sleep(0.05)
    return found


def rebuilt(message: PostedMessage, turns: Iterable[Turn]) -> tuple[str, list[dict[str, Any]]]:
    """The text and blocks of a stored questions message, each question clicked so far
    (in ``turns``) shown as answered instead of its buttons."""
    content = _content(message)
    blocks: list[dict[str, Any]] = list(content["blocks"])
    prefix = source_prefix(message)
    for turn in turns:
        if not turn.source_id.startswith(prefix):
            continue
        block_id = turn.source_id.removeprefix(prefix)
        label = _label(blocks, block_id, turn.text) or turn.text
        done = wording.ANSWERED.format(label=escape(label), user=turn.user_id)
        blocks = answered_blocks(blocks, block_id, done)
    return str(content.get("text", "")), blocks


def _content(message: PostedMessage) -> dict[str, Any]:
    if not message.content_json:
        return {"text": "", "blocks": []}
    found = json.loads(message.content_json)
    return found if isinstance(found, dict) else {"text": "", "blocks": []}


def _buttons(blocks: list[dict[str, Any]], block_id: str) -> list[dict[str, Any]]:
    for block in blocks:
        if block.get("type") == "actions" and block.get("block_id") == block_id:
            return [e for e in block.get("elements", []) if e.get("type") == "button"]
    return []


def _button(blocks: list[dict[str, Any]], block_id: str, value: str) -> dict[str, Any] | None:
    return next((b for b in _buttons(blocks, block_id) if b.get("value") == value), None)


def _label(blocks: list[dict[str, Any]], block_id: str, reply: str) -> str | None:
    for button in _buttons(blocks, block_id):
        if json.loads(button.get("value", "{}")).get("r") == reply:
            return str(button.get("text", {}).get("text", ""))
    return None


def clicked_consultation(
    store: Store, body: dict[str, Any], action: dict[str, Any]
) -> Consultation | None:
    """The consultation a button's value names, if the click came from its team and its
    channel (both from Slack's signed body, never from the value); None for anything
    else. Each button checks the clicked message itself."""
    try:
        consultation_id = str(json.loads(action.get("value") or "")["c"])
    except (ValueError, KeyError, TypeError):
        return None
    found = store.get(consultation_id)
    container = body.get("container") or {}
    team = (body.get("team") or {}).get("id") or (body.get("user") or {}).get("team_id")
    if found is None or team != found.team_id or container.get("channel_id") != found.channel_id:
        return None
    return found
