"""A :class:`~bot.digest.content.Digest` as a Slack message: Block Kit, a plain-text
fallback and the ``advisor_digest`` metadata.

User text (use-case descriptions, display names) is escaped through
:mod:`bot.slackkit.mrkdwn`; people are named by display name, never ``<@U...>``, so nobody is
pinged. Long lists are cut with "… and N more" to stay within Slack's limits.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import datetime, tzinfo

from slack_sdk.models.blocks import Block
from slack_sdk.models.metadata import Metadata

from bot.digest import wording
from bot.digest.content import Digest, DigestLine
from bot.labels import STRATEGY_LABELS
from bot.slackkit.blocks import (
    MAX_BLOCKS,
    MAX_SECTION_TEXT,
    Message,
    context,
    fallback,
    header,
    section,
)
from bot.slackkit.mrkdwn import escape, one_line

EVENT_TYPE = "advisor_digest"
SUMMARY_CHARS = 90
MAX_LINES = 40
"""Consultation lines shown per list; the rest are counted ("… and N more")."""


def archive_link(channel_id: str, ts: str) -> str:
    """A thread's link without an API call: ``https://slack.com/archives/C…/p…``."""
    return f"https://slack.com/archives/{channel_id}/p{ts.replace('.', '')}"


def digest_metadata(digest: Digest) -> Metadata:
    """What workflows can read: the channel, the period (ISO, UTC offset kept) and counts."""
    return Metadata(
        event_type=EVENT_TYPE,
        event_payload={
            "channel": digest.channel_id,
            "period_start": digest.period.start.isoformat(),
            "period_end": digest.period.end.isoformat(),
            "consultations": digest.consultations,
            "by_strategy": digest.by_strategy,
        },
    )


def digest_message(
    digest: Digest,
    tz: tzinfo,
    *,
    names: Mapping[str, str] | None = None,
    links: Mapping[str, str] | None = None,
) -> Message:
    """The digest: title, counts, one line per consultation, the waiting ones and the
    warnings given most often. ``names`` maps user ids to display names (plain text);
    ``links`` maps consultation ids to thread links."""
    names = names or {}
    links = links or {}
    title = wording.TITLE[digest.frequency.value]
    zone = str(tz)
    summary = wording.summary(
        digest.consultations, _when(digest.period.start, tz), _when(digest.period.end, tz), zone
    )
    blocks: list[Block] = [header(title)]
    if digest.is_empty:
        blocks += [section(f"{summary}\n{wording.NO_CONSULTATIONS}"), context(wording.FOOTER)]
        return Message(text=fallback(title, summary, wording.NO_CONSULTATIONS), blocks=blocks)
    parts = [wording.strategy_count(_label(name), n) for name, n in digest.by_strategy.items()]
    if digest.waiting:
        parts.append(wording.strategy_count(wording.STILL_WAITING, len(digest.waiting)))
    counts = " · ".join(parts)
    blocks.append(section(summary + (f"\n{wording.BY_STRATEGY}{counts}" if counts else "")))
    asked = [
        wording.line(_summary(line, links), _label(line.strategy or ""), _person(line, names))
        for line in digest.advised
    ]
    waiting = [
        wording.waiting_line(_summary(line, links), _person(line, names)) for line in digest.waiting
    ]
    warnings = [
        wording.warning_line(w.rule, escape(one_line(w.text, 120)), w.count)
        for w in digest.top_warnings
    ]
    for heading, lines in (
        (wording.ASKED, asked),
        (wording.WAITING, waiting),
        (wording.WARNINGS, warnings),
    ):
        if lines:
            blocks += list_sections(heading, lines)
    blocks.append(context(wording.FOOTER))
    text = fallback(
        title, summary.replace("*", ""), f"{wording.BY_STRATEGY.replace('*', '')}{counts}"
    )
    return Message(text=text, blocks=blocks[:MAX_BLOCKS])


def list_sections(heading: str, lines: Sequence[str], limit: int = MAX_LINES) -> list[Block]:
    """``lines`` (escaped mrkdwn) under ``heading``, at most ``limit`` of them, in as few
    sections of at most 3000 characters as they fit; the rest counted."""
    shown = list(lines[:limit])
    if len(lines) > limit:
        shown.append(wording.MORE.format(count=len(lines) - limit))
    sections: list[Block] = []
    chunk = heading
    for line in shown:
        line = line[: MAX_SECTION_TEXT - 1]
        if len(chunk) + 1 + len(line) > MAX_SECTION_TEXT:
            sections.append(section(chunk))
            chunk = line
        else:
            chunk = f"{chunk}\n{line}"
    sections.append(section(chunk))
    return sections


def _summary(line: DigestLine, links: Mapping[str, str]) -> str:
    if not line.description.strip():  # its words expired (ADVISOR_RETENTION_DAYS)
        text = wording.WORDS_NOT_KEPT
    else:
        text = escape(one_line(line.description, SUMMARY_CHARS)).replace("|", "¦")
    url = links.get(line.consultation_id)
    return wording.link(url, text) if url else text


def _person(line: DigestLine, names: Mapping[str, str]) -> str:
    return escape(one_line(names.get(line.user_id) or line.user_id, 80))


def _label(strategy: str) -> str:
    return STRATEGY_LABELS.get(strategy) or escape(strategy)


def _when(moment: datetime, tz: tzinfo) -> str:
    return moment.astimezone(tz).strftime("%a %d %b %H:%M")
