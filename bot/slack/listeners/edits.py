"""Edited and deleted messages (``message_changed``, ``message_deleted``): the store takes
them before Slack hears 200, so the old words are gone from it by then.

- An edited reply, or an edited description (the mention or direct message that started a
  consultation), replaces the stored words; the consultation is read again and the advice
  updated, saying what changed, as for a correction.
- A deleted reply is removed, with the reports of the files it shared; the consultation is
  read again without them.
- A deleted root message (the description, or an ``/advise`` root message) ends the
  consultation as if its asker had forgotten it: its words leave the store, no digest
  counts it, and the bot's messages in its thread are deleted.

Each is handled once: applying one twice changes nothing the second time (the same words,
a reply already gone), and a re-delivered event id starts no second job. If the database
cannot take it now, Slack is answered 503 and delivers it again.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

from slack_bolt import App, BoltContext, BoltResponse

from bot.slack.data_files import share_key
from bot.slack.intake import Intake
from bot.slack.jobs import Job
from bot.slack.listeners.text import without_mention
from bot.store import Store
from bot.store.records import DELETED

log = logging.getLogger(__name__)

EDITED, REMOVED = "message_changed", "message_deleted"
TOMBSTONE = "tombstone"
"""What a deleted message that has replies becomes (Slack reports it as an edit)."""


def apply(store: Store, event: dict[str, Any], bot_user_id: str | None) -> Job | None:
    """Store what an edit or a deletion changes; the job that follows it, if any."""
    channel = str(event.get("channel") or "")
    if event.get("subtype") == EDITED:
        message = event.get("message") or {}
        ts = str(message.get("ts") or "")
        if message.get("subtype") == TOMBSTONE:
            return _deleted(store, channel, ts)
        author = message.get("user")
        if message.get("bot_id") or not author or author == bot_user_id:
            return None  # the bot's own messages (answered buttons) and other apps'
        return _edited(
            store, channel, ts, without_mention(str(message.get("text", "")), bot_user_id)
        )
    previous = event.get("previous_message") or {}
    return _deleted(store, channel, str(event.get("deleted_ts") or previous.get("ts") or ""))


def _edited(store: Store, channel: str, ts: str, text: str) -> Job | None:
    if not (channel and ts):
        return None
    root = store.find_by_root(channel, ts)
    if root is not None:
        if root.origin == "command" or root.description == text:
            return None  # an /advise root is the bot's; a reply count changed, not the words
        return Job("reread", root.id) if store.edit_description(root.id, text) else None
    changed = store.edit_turn(f"msg:{channel}:{ts}", text)
    return Job("reread", changed) if changed else None


def _deleted(store: Store, channel: str, ts: str) -> Job | None:
    if not (channel and ts):
        return None
    root = store.find_by_root(channel, ts)
    if root is not None:
        return Job("forget", root.id) if store.withdraw(root.id, DELETED) else None
    changed = store.delete_turn(f"msg:{channel}:{ts}", prefixed=share_key(channel, ts))
    return Job("reread", changed) if changed else None


def register(app: App, intake: Intake) -> None:
    @app.middleware
    def edits_and_deletions_are_stored_before_the_ack(
        body: dict[str, Any], context: BoltContext, next_: Callable[[], BoltResponse]
    ) -> BoltResponse:
        event = body.get("event")
        if (
            body.get("type") != "event_callback"
            or not isinstance(event, dict)
            or event.get("type") != "message"
            or event.get("subtype") not in (EDITED, REMOVED)
        ):
            return next_()
        try:
            job = apply(intake.store, event, context.bot_user_id)
        except Exception as err:
            log.warning(
                "could not store an edit or a deletion (%s): Slack will retry", type(err).__name__
            )
            return BoltResponse(status=503, body="")
        try:
            first = intake.store.mark_event(str(body.get("event_id") or ""))
        except Exception:
            first = True  # a second job for the same change does nothing
        if job is not None and first:
            intake.jobs.submit(job)
        return BoltResponse(status=200, body="")
