"""Mentions, direct messages and thread replies (message events)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from slack_bolt import App, BoltContext

from bot.slack import wording
from bot.slack.blocks import plain
from bot.slack.conversation import Conversations
from bot.slack.listeners.text import is_help, without_mention
from bot.slack.metadata import notice_metadata

READ_SUBTYPES = frozenset({None, "thread_broadcast", "file_share"})


def is_from_a_person(event: dict[str, Any], bot_user_id: str | None) -> bool:
    """A new message typed by a person: not a bot, not the bot, not an edit or a deletion."""
    return (
        event.get("subtype") in READ_SUBTYPES
        and not event.get("bot_id")
        and bool(event.get("user"))
        and event.get("user") != bot_user_id
    )


def store_reply(
    conversations: Conversations, event: dict[str, Any], bot_user_id: str | None
) -> tuple[str, int] | None:
    """Store a message that replies in a consultation's thread (once, whoever calls);
    the consultation id and the turn id, or None if the message is no such reply."""
    thread = event.get("thread_ts")
    if event.get("type") != "message" or not thread or not is_from_a_person(event, bot_user_id):
        return None
    channel, ts = event["channel"], event["ts"]
    found = conversations.store.find_by_thread(channel, thread)
    if found is None or found.root_ts == ts:
        return None
    text = without_mention(str(event.get("text", "")), bot_user_id)
    turn = conversations.add_reply(
        found.id, user_id=event["user"], text=text, source_id=f"msg:{channel}:{ts}"
    )
    return found.id, turn


def register(app: App, conversations: Conversations) -> None:
    store = conversations.store

    @app.middleware
    def replies_are_stored_before_the_ack(
        body: dict[str, Any], context: BoltContext, next_: Callable[[], None]
    ) -> None:
        """A reply is in the database before Slack hears 200: a crash cannot lose it, and
        replies count in the order Slack delivered them."""
        if body.get("type") == "event_callback" and isinstance(body.get("event"), dict):
            store_reply(conversations, body["event"], context.bot_user_id)
        next_()

    @app.event("app_mention")
    def mention(body: dict[str, Any], event: dict[str, Any], context: BoltContext) -> None:
        if not is_from_a_person(event, context.bot_user_id):
            return
        if not store.mark_event(str(body["event_id"])):
            return
        channel, ts, thread = event["channel"], event["ts"], event.get("thread_ts")
        if thread and store.find_by_thread(channel, thread):
            return  # a reply in a consultation: its message event carries it
        text = without_mention(str(event.get("text", "")), context.bot_user_id)
        if is_help(text):
            conversations.poster.ephemeral(
                wording.USAGE, channel=channel, user=event["user"], thread_ts=thread
            )
            return
        _start(conversations, body, event, text, origin="mention", thread_ts=thread or ts)

    @app.event("message")
    def message(body: dict[str, Any], event: dict[str, Any], context: BoltContext) -> None:
        if not is_from_a_person(event, context.bot_user_id):
            return
        if not store.mark_event(str(body["event_id"])):
            return
        channel, ts, thread = event["channel"], event["ts"], event.get("thread_ts")
        text = without_mention(str(event.get("text", "")), context.bot_user_id)
        if thread:
            stored = store_reply(conversations, event, context.bot_user_id)
            if stored is not None:
                conversations.answer(*stored)
        elif event.get("channel_type") == "im":
            if is_help(text):
                conversations.poster.post(
                    plain(wording.USAGE),
                    channel=channel,
                    thread_ts=None,
                    kind="usage",
                    metadata=notice_metadata("", "usage"),
                )
                return
            _start(conversations, body, event, text, origin="dm", thread_ts=ts)


def _start(
    conversations: Conversations,
    body: dict[str, Any],
    event: dict[str, Any],
    text: str,
    *,
    origin: str,
    thread_ts: str,
) -> None:
    consultation = conversations.open_in_thread(
        team_id=str(body.get("team_id") or event.get("team", "")),
        channel_id=event["channel"],
        user_id=event["user"],
        description=text,
        origin=origin,
        thread_ts=thread_ts,
        message_ts=event["ts"],
    )
    if consultation is not None:
        conversations.answer(consultation.id)
