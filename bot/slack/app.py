"""The Bolt app, built by a factory from settings, a store, the jobs that answer, and a
client. Its listeners store what arrives and acknowledge; the answers are jobs."""

from __future__ import annotations

import logging
import uuid
from collections.abc import Callable, Sequence
from concurrent.futures import ThreadPoolExecutor
from typing import Any

from slack_bolt import App, BoltContext, BoltResponse
from slack_sdk import WebClient

from bot.interface import CorrectorLike, default_corrector
from bot.settings import Settings
from bot.slack import listeners, wording
from bot.slack.corrections import Corrections
from bot.slack.decision_records import DecisionRecords
from bot.slack.intake import Intake
from bot.slack.jobs import Jobs
from bot.slack.listeners import corrections, records
from bot.slack.listeners.commands import Subcommand
from bot.slack.metadata import notice_metadata
from bot.slack.poster import Poster
from bot.slackkit.client import make_client
from bot.store import Store

log = logging.getLogger(__name__)

LISTENER_THREADS = 64
"""Bolt's pool for listeners run after the response (bolt's default is 5). The advisor's
listeners only store and hand a job over, so they run before the response, on the
gateway's thread, one thread hop fewer for every acknowledgement; the bench's bare app
(which posts to Slack in its listeners) uses this pool."""


def create_app(
    settings: Settings,
    store: Store,
    jobs: Jobs,
    client: WebClient | None = None,
    *,
    subcommands: Sequence[Subcommand],
    make_corrector: Callable[[], CorrectorLike] = default_corrector,
) -> App:
    """The advisor as a Bolt app: it stores, acknowledges, and hands the answer to ``jobs``.
    ``subcommands``: the other ``/advise <word>`` commands (bot/server.py passes them).
    ``make_corrector``: what checks a corrected fact in the form (loaded on first use).

    Over HTTP it only ever sees requests the gateway verified (bot/gateway/asgi.py)."""
    client = client or make_client(settings)
    app = App(
        name="advisor",
        client=client,
        signing_secret=settings.slack_signing_secret,
        request_verification_enabled=False,  # done on the raw bytes by bot/gateway first
        process_before_response=True,  # listeners are quick: store, hand a job over
        listener_executor=ThreadPoolExecutor(LISTENER_THREADS, thread_name_prefix="listener"),
    )
    poster = Poster(client, store)
    records.register(app, DecisionRecords(store, client, settings.timezone))  # before catch-alls
    intake = Intake(store, poster, jobs)
    corrections.register(app, Corrections(intake, make_corrector))
    listeners.register(app, intake, subcommands)

    @app.error
    def on_error(error: Exception, body: dict[str, Any], context: BoltContext) -> BoltResponse:
        request_id = _request_id(body)
        log.error("request %s failed", request_id, exc_info=error)
        _tell_user(poster, body, saved=bool(context.get("saved")))
        return BoltResponse(status=200, body="")  # the user was told; Slack need not retry

    return app


def _request_id(body: dict[str, Any]) -> str:
    for key in ("event_id", "trigger_id"):
        if body.get(key):
            return str(body[key])
    return uuid.uuid4().hex


def _tell_user(poster: Poster, body: dict[str, Any], *, saved: bool) -> None:
    """A short apology where the user was, saying "saved" only if what they sent was;
    never raises. (The body is verified: the gateway let nothing else through.)"""
    event = body.get("event") or {}
    container = body.get("container") or {}
    channel = event.get("channel") or container.get("channel_id") or body.get("channel_id")
    thread = event.get("thread_ts") or event.get("ts") or container.get("thread_ts")
    thread = thread or container.get("message_ts")
    user = event.get("user") or (body.get("user") or {}).get("id") or body.get("user_id")
    try:
        if saved and channel and thread:
            poster.client.chat_postMessage(
                channel=channel,
                thread_ts=thread,
                text=wording.ERROR,
                metadata=notice_metadata("", "error"),
            )
        elif channel and user:
            text = wording.ERROR if saved else wording.NOT_SAVED
            poster.ephemeral(text, channel=channel, user=user, thread_ts=thread)
    except Exception:
        log.exception("could not tell the user about the error")
