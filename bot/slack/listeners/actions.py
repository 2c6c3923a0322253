"""Quick-answer buttons: a click is a reply by the clicking user."""

from __future__ import annotations

import json
import logging
import re
from typing import Any

from slack_bolt import Ack, App
from slack_sdk.errors import SlackApiError

from bot.slack import wording
from bot.slack.blocks import ANSWER_ACTION_PREFIX, answered_blocks
from bot.slack.conversation import Conversations
from bot.slackkit.mrkdwn import escape
from bot.store import Consultation

log = logging.getLogger(__name__)


def register(app: App, conversations: Conversations) -> None:
    @app.action(re.compile(f"^{re.escape(ANSWER_ACTION_PREFIX)}"))
    def answer(ack: Ack, body: dict[str, Any], action: dict[str, Any]) -> None:
        try:
            stored = _store_click(conversations, body, action)
        finally:
            ack()  # after the click is stored: a crash now cannot lose it
        if stored is None:
            return
        consultation, turn, label = stored
        user = body["user"]["id"]
        container = body.get("container", {})
        channel = container.get("channel_id") or consultation.channel_id
        message_ts = container.get("message_ts", "")
        message = body.get("message")
        if message and message_ts:
            done = wording.ANSWERED.format(label=escape(label), user=user)
            blocks = answered_blocks(
                list(message.get("blocks", [])), action.get("block_id", ""), done
            )
            try:
                conversations.poster.update(
                    channel=channel, ts=message_ts, text=str(message.get("text", "")), blocks=blocks
                )
            except SlackApiError as err:
                log.warning("could not mark the answered question: %s", err)
        conversations.answer(consultation.id, turn)


def _store_click(
    conversations: Conversations, body: dict[str, Any], action: dict[str, Any]
) -> tuple[Consultation, int, str] | None:
    """Store a quick answer as a reply by the clicking user; once per question message
    and question, so a double click counts once."""
    value = json.loads(action["value"])
    consultation = conversations.store.get(str(value["c"]))
    if consultation is None:
        return None
    container = body.get("container", {})
    channel = container.get("channel_id") or consultation.channel_id
    source = f"click:{channel}:{container.get('message_ts', '')}:{action.get('block_id', '')}"
    turn = conversations.add_reply(
        consultation.id,
        user_id=body["user"]["id"],
        text=str(value["r"]),
        source_id=source,
        about=str(value["f"]) if value.get("f") else None,
    )
    return consultation, turn, str(value.get("l", ""))
