"""What the digest job reads from Slack: display names, thread links, and whether a
digest was already posted (the channel's history with metadata)."""

from __future__ import annotations

import logging
from datetime import datetime
from typing import Any

from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError

from bot.digest.blocks import EVENT_TYPE, archive_link
from bot.digest.schedule import Period
from bot.slackkit.errors import slack_error

log = logging.getLogger(__name__)

HISTORY_PAGES = 5
HISTORY_PAGE_SIZE = 200


def find_posted(client: WebClient, channel_id: str, period: Period) -> str | None:
    """The ts of a digest of ``period`` in the channel's history since the period ended
    (at most :data:`HISTORY_PAGES` pages); raises the Slack error if it cannot read it."""
    cursor = None
    for _ in range(HISTORY_PAGES):
        page = client.conversations_history(
            channel=channel_id,
            oldest=f"{period.end.timestamp():.6f}",
            include_all_metadata=True,
            limit=HISTORY_PAGE_SIZE,
            cursor=cursor,
        )
        for message in page.get("messages") or []:
            if is_digest_of(message, period):
                return str(message["ts"])
        cursor = (page.get("response_metadata") or {}).get("next_cursor")
        if not cursor:
            break
    return None


def is_digest_of(message: dict[str, Any], period: Period) -> bool:
    """A message carrying ``advisor_digest`` metadata for exactly this period."""
    metadata = message.get("metadata") or {}
    if metadata.get("event_type") != EVENT_TYPE:
        return False
    payload = metadata.get("event_payload") or {}
    try:
        start = datetime.fromisoformat(str(payload.get("period_start")))
        end = datetime.fromisoformat(str(payload.get("period_end")))
    except ValueError:
        return False
    return start == period.start and end == period.end


def display_name(client: WebClient, user_id: str) -> str:
    """The name people see (plain text, never a mention); the id if Slack will not say."""
    try:
        user = client.users_info(user=user_id).get("user") or {}
    except SlackApiError as err:
        log.info("users.info %s failed (%s): naming them by id", user_id, slack_error(err))
        return user_id
    profile = user.get("profile") or {}
    for name in (profile.get("display_name"), profile.get("real_name"), user.get("name")):
        if name:
            return str(name)
    return user_id


def permalink(client: WebClient, channel_id: str, ts: str) -> str:
    """``chat.getPermalink``, or the archive link if it fails."""
    try:
        link = client.chat_getPermalink(channel=channel_id, message_ts=ts).get("permalink")
    except SlackApiError as err:
        log.info("chat.getPermalink failed in %s (%s)", channel_id, slack_error(err))
        link = None
    return str(link) if link else archive_link(channel_id, ts)
