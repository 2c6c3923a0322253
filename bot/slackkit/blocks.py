"""Block Kit building blocks within Slack's limits: a :class:`Message` (blocks and its
plain-text fallback), sections, headers and context lines that are never empty or too long.
Texts given to them are already escaped mrkdwn (:mod:`bot.slackkit.mrkdwn`)."""

from __future__ import annotations

from dataclasses import dataclass, field

from slack_sdk.models.blocks import (
    Block,
    ContextBlock,
    HeaderBlock,
    MarkdownTextObject,
    PlainTextObject,
    SectionBlock,
)

from bot.slackkit.mrkdwn import ELLIPSIS, clip

MAX_BLOCKS = 50
MAX_SECTION_TEXT = 3000
MAX_HEADER_TEXT = 150
MAX_BUTTON_TEXT = 75
MAX_BUTTON_VALUE = 2000
MAX_MESSAGE_TEXT = 40000
MAX_FALLBACK_TEXT = 3000
MAX_ID = 255


@dataclass
class Message:
    """What ``chat.postMessage`` takes: a fallback text and the blocks."""

    text: str
    blocks: list[Block] = field(default_factory=list)
    snippet: str | None = None
    """Text too long for a block, to attach as a snippet in the thread."""

    def block_dicts(self) -> list[dict[str, object]]:
        return [block.to_dict() for block in self.blocks]


def filled(text: str, limit: int) -> str:
    """``text`` clipped to ``limit``; never empty (Slack refuses empty texts)."""
    return clip(text, limit) if text.strip() else ELLIPSIS


def section(text: str) -> SectionBlock:
    """A mrkdwn section; ``text`` is already escaped mrkdwn."""
    return SectionBlock(text=MarkdownTextObject(text=filled(text, MAX_SECTION_TEXT)))


def header(text: str) -> HeaderBlock:
    return HeaderBlock(text=PlainTextObject(text=filled(text, MAX_HEADER_TEXT)))


def context(text: str) -> ContextBlock:
    return ContextBlock(elements=[MarkdownTextObject(text=filled(text, MAX_SECTION_TEXT))])


def fallback(*parts: str) -> str:
    """The notification / screen-reader text: plain, escaped, clipped."""
    return clip("\n".join(p for p in parts if p), MAX_FALLBACK_TEXT)
