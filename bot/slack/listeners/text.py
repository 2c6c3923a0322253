"""Reading what users typed: help requests, forget requests, and the bot's own mention
taken out."""

from __future__ import annotations

import re

HELP_WORDS = frozenset({"", "help", "?", "usage"})
FORGET_WORDS = frozenset({"forget", "forget this", "forget this consultation"})


def is_help(text: str) -> bool:
    return text.strip().lower() in HELP_WORDS


def is_forget(text: str) -> bool:
    """The reply that asks the bot to forget the consultation (not a reply to read)."""
    return " ".join(text.lower().split()).rstrip(".!") in FORGET_WORDS


def without_mention(text: str, bot_user_id: str | None) -> str:
    """The text with the bot's mention(s) removed (others' mentions kept)."""
    if bot_user_id:
        text = re.sub(rf"<@{re.escape(bot_user_id)}(?:\|[^>]*)?>", "", text)
    return " ".join(text.split())
