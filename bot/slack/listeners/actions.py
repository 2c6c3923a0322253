"""Quick-answer buttons: a click is a reply by the clicking user."""

from __future__ import annotations

import json
import logging
import re
from typing import Any

from slack_bolt import Ack, App
from slack_sdk.errors import SlackApiError

from bot.slack import copy
from bot.slack.blocks import ANSWER_ACTION_PREFIX, answered_blocks
from bot.slack.conversation import Conversations
from bot.slack.mrkdwn import escape

log = logging.getLogger(__name__)


def register(app: App, conversations: Conversations) -> None:
    @app.action(re.compile(f"^{re.escape(ANSWER_ACTION_PREFIX)}"))
    def answer(ack: Ack, body: dict[str, Any], action: dict[str, Any]) -> None:
        ack()
        value = json.loads(action["value"])
        consultation = conversations.store.get(str(value["c"]))
        if consultation is None:
            return
        user = body["user"]["id"]
        container = body.get("container", {})
        channel = container.get("channel_id") or consultation.channel_id
        message_ts = container.get("message_ts", "")
        block_id = action.get("block_id", "")
        turn = conversations.add_reply(
            consultation.id,
            user_id=user,
            text=str(value["r"]),
            source_id=f"click:{channel}:{message_ts}:{block_id}",
        )
        message = body.get("message")
        if message and message_ts:
            done = copy.ANSWERED.format(label=escape(str(value.get("l", ""))), user=user)
            try:
                conversations.poster.update(
                    channel=channel,
                    ts=message_ts,
                    text=str(message.get("text", "")),
                    blocks=answered_blocks(list(message.get("blocks", [])), block_id, done),
                )
            except SlackApiError as err:
                log.warning("could not mark the answered question: %s", err)
        conversations.answer(consultation.id, turn)
