"""The Bolt app, built by a factory from settings, a store, an advisor and a client."""

from __future__ import annotations

import logging
import uuid
from concurrent.futures import ThreadPoolExecutor
from typing import Any

from slack_bolt import App
from slack_sdk import WebClient

from bot.settings import Settings
from bot.slack import listeners, wording
from bot.slack.client import make_client
from bot.slack.conversation import AdvisorLike, Conversations
from bot.slack.decision_records import DecisionRecords
from bot.slack.listeners import records
from bot.slack.metadata import notice_metadata
from bot.slack.poster import Poster
from bot.store import Store

log = logging.getLogger(__name__)

LISTENER_THREADS = 64
"""Bolt runs every listener, and so every /advise ack, on this pool (bolt's default is 5).
Listeners wait on Slack (Retry-After sleeps, retries), so a small pool fills up and a new
slash command waits for a thread past Slack's 3 seconds."""


def create_app(
    settings: Settings, store: Store, advisor: AdvisorLike, client: WebClient | None = None
) -> App:
    """The advisor as a Bolt app: it acknowledges at once and works on bolt's thread pool."""
    client = client or make_client(settings)
    app = App(
        name="advisor",
        client=client,
        signing_secret=settings.slack_signing_secret,
        process_before_response=False,
        listener_executor=ThreadPoolExecutor(LISTENER_THREADS, thread_name_prefix="listener"),
    )
    poster = Poster(client, store)
    conversations = Conversations(store, advisor, poster)
    records.register(app, DecisionRecords(store, client, settings.timezone))  # before catch-alls
    listeners.register(app, conversations)

    @app.error
    def on_error(error: Exception, body: dict[str, Any]) -> None:
        request_id = _request_id(body)
        log.error("request %s failed", request_id, exc_info=error)
        _tell_user(poster, body)

    return app


def _request_id(body: dict[str, Any]) -> str:
    for key in ("event_id", "trigger_id"):
        if body.get(key):
            return str(body[key])
    return uuid.uuid4().hex


def _tell_user(poster: Poster, body: dict[str, Any]) -> None:
    """A short apology where the user was; never raises."""
    event = body.get("event") or {}
    container = body.get("container") or {}
    channel = event.get("channel") or container.get("channel_id") or body.get("channel_id")
    thread = event.get("thread_ts") or event.get("ts") or container.get("thread_ts")
    thread = thread or container.get("message_ts")
    user = event.get("user") or (body.get("user") or {}).get("id") or body.get("user_id")
    try:
        if channel and thread:
            poster.client.chat_postMessage(
                channel=channel,
                thread_ts=thread,
                text=wording.ERROR,
                metadata=notice_metadata("", "error"),
            )
        elif channel and user:
            poster.ephemeral(wording.ERROR, channel=channel, user=user)
    except Exception:
        log.exception("could not tell the user about the error")
