"""Slack mrkdwn: escaping user text so it is shown, never parsed, and clipping to limits."""

from __future__ import annotations

import re

ELLIPSIS = "…"
_ESCAPES = (("&", "&amp;"), ("<", "&lt;"), (">", "&gt;"))
_PARTIAL_ENTITY = re.compile(r"&[a-z]{0,4}$")


def escape(text: str) -> str:
    """Escape ``&``, ``<`` and ``>``: ``<!channel>`` or ``<@U123>`` then pings nobody."""
    for raw, entity in _ESCAPES:
        text = text.replace(raw, entity)
    return text


def clip(text: str, limit: int) -> str:
    """``text`` cut to at most ``limit`` characters, ending in an ellipsis when cut; never
    cuts an escaped entity (``&lt;``) in half."""
    if len(text) <= limit:
        return text
    cut = _PARTIAL_ENTITY.sub("", text[: max(limit - len(ELLIPSIS), 0)])
    return cut + ELLIPSIS


def code_block(text: str) -> str:
    """User-derived text as a mrkdwn code block (escaped; no early end of the block)."""
    return "```" + escape(text).replace("```", "`\u200b``") + "```"


def one_line(text: str, limit: int) -> str:
    """Whitespace collapsed to single spaces, clipped: a restatement for a root message."""
    return clip(" ".join(text.split()), limit)
