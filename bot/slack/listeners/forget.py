"""Forget this consultation: the button on an ``/advise`` root message, or the reply
``forget`` in a consultation's thread (a slash command carries no thread, so it is no
command). Only its asker may: anyone else is told so, privately.

The store forgets at once, before the acknowledgement (bot/store/lifecycle.py ``withdraw``);
a job then deletes the bot's messages in the thread and tells the asker, privately
(bot/slack/forgetting.py).
"""

from __future__ import annotations

import logging
from typing import Any

from slack_bolt import Ack, App, BoltContext

from bot.slack.clicks import clicked_consultation, once_recorded
from bot.slack.forget_button import FORGET_ACTION
from bot.slack.intake import Intake
from bot.slack.jobs import Job
from bot.slack.listeners.messages import is_from_a_person
from bot.slack.listeners.text import is_forget, without_mention
from bot.store import Consultation
from bot.store.records import FORGOTTEN, WITHDRAWN

log = logging.getLogger(__name__)


def asks_to_forget(event: dict[str, Any], context: BoltContext) -> bool:
    """A person's message (or mention) that says ``forget``: a listener matcher."""
    text = without_mention(str(event.get("text", "")), context.bot_user_id)
    return is_from_a_person(event, context.bot_user_id) and is_forget(text)


def register(app: App, intake: Intake) -> None:
    """Attach the button's and the reply's listeners; before bot/slack/listeners/messages.py,
    whose listeners would read ``forget`` as a reply or a new use case."""
    store = intake.store

    @app.action(FORGET_ACTION)
    def clicked(ack: Ack, body: dict[str, Any], action: dict[str, Any]) -> None:
        try:
            found = _clicked_root(intake, body, action)
            if found is None:
                log.warning("ignored a forget click on no root message of ours")
                return
            container = body["container"]
            _forget(intake, found, str(body["user"]["id"]), container.get("thread_ts"))
        finally:
            ack()  # after the consultation is forgotten: a crash now cannot undo it

    @app.event("message", matchers=[asks_to_forget])
    def replied(body: dict[str, Any], event: dict[str, Any]) -> None:
        channel, thread = str(event["channel"]), event.get("thread_ts")
        found = store.find_by_thread(channel, thread) if thread else None
        if found is None or found.root_ts == event["ts"]:
            if not thread and event.get("channel_type") == "im":
                intake.tell("FORGET_WHERE", channel=channel, user=event["user"], thread_ts=None)
            return  # people may say "forget" anywhere else: none of the bot's business
        if store.mark_event(str(body["event_id"])):
            _forget(intake, found, str(event["user"]), thread)

    @app.event("app_mention", matchers=[asks_to_forget])
    def mentioned(event: dict[str, Any]) -> None:
        channel, thread = str(event["channel"]), event.get("thread_ts")
        if thread and store.find_by_thread(channel, thread):
            return  # in a consultation's thread: its message event carries it (above)
        intake.tell("FORGET_WHERE", channel=channel, user=event["user"], thread_ts=thread)


def _clicked_root(
    intake: Intake, body: dict[str, Any], action: dict[str, Any]
) -> Consultation | None:
    """The consultation whose root message was clicked (value, team, channel and message
    all agree with the store), or None for a click on anything else. A click may come a
    moment before the root's ts is recorded: it waits for it (:func:`once_recorded`)."""
    found = clicked_consultation(intake.store, body, action)
    message_ts = (body.get("container") or {}).get("message_ts")
    if found is None or not (body.get("user") or {}).get("id") or not message_ts:
        return None

    def rooted() -> Consultation | None:
        current = intake.store.get(found.id)
        return current if current is not None and current.root_ts == message_ts else None

    return found if found.root_ts == message_ts else once_recorded(rooted)


def _forget(intake: Intake, found: Consultation, user: str, thread: str | None) -> None:
    """Forget ``found`` if ``user`` asked for it; else tell them privately why not."""
    channel = found.channel_id
    if user != found.user_id:
        intake.tell("FORGET_NOT_YOURS", channel=channel, user=user, thread_ts=thread)
    elif found.status in WITHDRAWN or not intake.store.withdraw(found.id, FORGOTTEN):
        intake.tell("ALREADY_FORGOTTEN", channel=channel, user=user, thread_ts=thread)
    else:
        intake.jobs.submit(Job("forget", found.id, channel_id=channel, user_id=user))
