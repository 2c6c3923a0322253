"""Mentions, direct messages and thread replies (message events)."""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

from slack_bolt import App, BoltContext, BoltResponse

from bot.slack import wording
from bot.slack.blocks import plain
from bot.slack.intake import Intake
from bot.slack.listeners.text import is_forget, is_help, without_mention
from bot.slack.metadata import notice_metadata
from bot.store.records import EXPIRED

READ_SUBTYPES = frozenset({None, "thread_broadcast", "file_share"})
log = logging.getLogger(__name__)


def is_from_a_person(event: dict[str, Any], bot_user_id: str | None) -> bool:
    """A new message typed by a person: not a bot, not the bot, not an edit or a deletion."""
    return (
        event.get("subtype") in READ_SUBTYPES
        and not event.get("bot_id")
        and bool(event.get("user"))
        and event.get("user") != bot_user_id
    )


def store_reply(
    intake: Intake, event: dict[str, Any], bot_user_id: str | None
) -> tuple[str, int] | None:
    """Store a message that replies in a consultation's thread (once, whoever calls);
    the consultation id and the turn id, or None if the message is no such reply."""
    thread = event.get("thread_ts")
    if event.get("type") != "message" or not thread or not is_from_a_person(event, bot_user_id):
        return None
    channel, ts = event["channel"], event["ts"]
    found = intake.store.find_by_thread(channel, thread)
    if found is None or found.root_ts == ts:
        return None
    text = without_mention(str(event.get("text", "")), bot_user_id)
    if is_forget(text):
        return None  # not a reply to read: bot/slack/listeners/forget.py
    if found.status == EXPIRED:  # a late reply: say why the bot no longer answers here
        intake.tell("CONSULTATION_ENDED", channel=channel, user=event["user"], thread_ts=thread)
    if found.ended:  # forgotten, deleted or expired: its words are no longer taken
        return None
    if not text and event.get("subtype") == "file_share":
        return None  # a file without words: its job answers it (bot/slack/data_files.py)
    turn = intake.store.add_turn(
        found.id, user_id=event["user"], text=text, source_id=f"msg:{channel}:{ts}"
    )
    return None if turn is None else (found.id, turn)


def register(app: App, intake: Intake) -> None:
    store = intake.store

    @app.middleware
    def replies_are_stored_before_the_ack(
        body: dict[str, Any], context: BoltContext, next_: Callable[[], BoltResponse]
    ) -> BoltResponse:
        """A reply is in the database before Slack hears 200: a crash cannot lose it, and
        replies count in the order Slack delivered them. If it cannot be stored (the
        database is locked), its author is told so, and nothing says it was saved."""
        event = body.get("event")
        if body.get("type") == "event_callback" and isinstance(event, dict):
            try:
                context["reply"] = store_reply(intake, event, context.bot_user_id)
            except Exception as err:
                log.warning("could not store a thread reply: %s", type(err).__name__)
                intake.tell(
                    "REPLY_NOT_SAVED",
                    channel=str(event.get("channel", "")),
                    user=str(event.get("user", "")),
                    thread_ts=event.get("thread_ts"),
                )
                return BoltResponse(status=200, body="")
            context["saved"] = context["reply"] is not None
        return next_()

    @app.event("app_mention")
    def mention(body: dict[str, Any], event: dict[str, Any], context: BoltContext) -> None:
        if not is_from_a_person(event, context.bot_user_id):
            return
        channel, ts, thread = event["channel"], event["ts"], event.get("thread_ts")
        if thread and store.find_by_thread(channel, thread):
            return  # a reply in a consultation: its message event carries it
        if not store.mark_event(str(body["event_id"])):
            return
        text = without_mention(str(event.get("text", "")), context.bot_user_id)
        if is_help(text):
            intake.tell("USAGE", channel=channel, user=event["user"], thread_ts=thread)
            return
        _start(intake, body, event, text, origin="mention", thread_ts=thread or ts, context=context)

    @app.event("message")
    def message(body: dict[str, Any], event: dict[str, Any], context: BoltContext) -> None:
        if not is_from_a_person(event, context.bot_user_id):
            return
        if event.get("thread_ts"):
            stored = context.get("reply")
            if stored is not None and not context.get("files_shared"):
                intake.answer(*stored)  # (words shared with a file: its job answers them)
            return
        if event.get("channel_type") != "im" or not store.mark_event(str(body["event_id"])):
            return
        text = without_mention(str(event.get("text", "")), context.bot_user_id)
        if is_help(text):
            intake.poster.post(
                plain(wording.USAGE),
                channel=event["channel"],
                thread_ts=None,
                kind="usage",
                metadata=notice_metadata("", "usage"),
            )
            return
        _start(intake, body, event, text, origin="dm", thread_ts=event["ts"], context=context)


def _start(
    intake: Intake,
    body: dict[str, Any],
    event: dict[str, Any],
    text: str,
    *,
    origin: str,
    thread_ts: str,
    context: BoltContext,
) -> None:
    consultation = intake.store.create_consultation(
        team_id=str(body.get("team_id") or event.get("team", "")),
        channel_id=event["channel"],
        user_id=event["user"],
        description=text,
        origin=origin,
        thread_ts=thread_ts,
        root_ts=event["ts"],
    )
    if consultation is not None:
        context["saved"] = True
        intake.answer(consultation.id)
