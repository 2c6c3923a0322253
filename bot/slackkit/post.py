"""Posting a message the way the bot always does: blocks with their fallback text, its
metadata, and no link or media previews (a use case's links would unfurl in the thread)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TypedDict

from slack_sdk import WebClient
from slack_sdk.models.blocks import Block
from slack_sdk.models.metadata import Metadata


class Previews(TypedDict):
    unfurl_links: bool
    unfurl_media: bool


NO_PREVIEWS = Previews(unfurl_links=False, unfurl_media=False)
"""A use case's links would otherwise unfurl in the thread."""


def post_message(
    client: WebClient,
    *,
    channel: str,
    text: str,
    blocks: Sequence[Block | dict[str, object]],
    thread_ts: str | None = None,
    metadata: Metadata | None = None,
) -> str:
    """``chat.postMessage``; the posted message's ts."""
    answer = client.chat_postMessage(
        channel=channel,
        thread_ts=thread_ts,
        text=text,
        blocks=blocks,
        metadata=metadata,
        **NO_PREVIEWS,
    )
    return str(answer["ts"])
