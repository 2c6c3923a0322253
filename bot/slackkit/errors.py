"""What a failed Web API call says: its ``error`` code, and the codes that mean the bot
cannot post in a channel."""

from __future__ import annotations

from slack_sdk.errors import SlackApiError

NOT_IN_CHANNEL = frozenset({"not_in_channel", "channel_not_found", "is_archived"})


def slack_error(err: SlackApiError) -> str:
    """The ``error`` code of a failed Web API call."""
    data = getattr(err.response, "data", None)
    return str(data.get("error", "")) if isinstance(data, dict) else ""
