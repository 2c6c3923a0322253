"""Posting to Slack and remembering what was posted."""

from __future__ import annotations

import json
import logging

from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError
from slack_sdk.models.metadata import Metadata

from bot.slack import wording
from bot.slack.blocks import Message
from bot.slackkit.errors import slack_error
from bot.slackkit.post import post_message
from bot.store import PostedMessage, Store

log = logging.getLogger(__name__)

KEEP_CONTENT = frozenset({"questions"})
"""Kinds of message whose text and blocks are stored: a click rebuilds them from there."""


class Poster:
    """Posts messages in threads (with metadata) and records each one in the store."""

    def __init__(self, client: WebClient, store: Store) -> None:
        self.client = client
        self.store = store

    def post(
        self,
        message: Message,
        *,
        channel: str,
        thread_ts: str | None,
        kind: str,
        metadata: Metadata | None = None,
        consultation_id: str | None = None,
    ) -> str:
        """Post ``message`` (its snippet too, if any); the posted message's ts."""
        blocks = message.block_dicts()  # once: posted, and kept for questions
        ts = post_message(
            self.client,
            channel=channel,
            thread_ts=thread_ts,
            text=message.text,
            blocks=blocks,
            metadata=metadata,
        )
        content = None
        if kind in KEEP_CONTENT:
            content = json.dumps({"text": message.text, "blocks": blocks})
        self.store.record_message(
            PostedMessage(
                channel_id=channel,
                ts=ts,
                thread_ts=thread_ts,
                kind=kind,
                consultation_id=consultation_id,
                event_type=metadata.event_type if metadata else None,
                content_json=content,
            )
        )
        if message.snippet is not None:
            self.client.files_upload_v2(
                channel=channel,
                thread_ts=thread_ts or ts,
                content=message.snippet,
                filename="suggested_prompt.txt",
                title=wording.PROMPT_SNIPPET_TITLE,
            )
        return ts

    def ephemeral(
        self, text: str, *, channel: str, user: str, thread_ts: str | None = None
    ) -> None:
        """A message only ``user`` sees; logged, never raised, if Slack refuses it."""
        try:
            self.client.chat_postEphemeral(
                channel=channel, user=user, text=text, thread_ts=thread_ts
            )
        except SlackApiError as err:
            log.warning("chat.postEphemeral failed in %s: %s", channel, slack_error(err))

    def update(self, *, channel: str, ts: str, text: str, blocks: list[dict[str, object]]) -> None:
        """Replace a posted message's blocks (e.g. answered buttons)."""
        self.client.chat_update(channel=channel, ts=ts, text=text, blocks=blocks)
