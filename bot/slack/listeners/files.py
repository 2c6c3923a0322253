"""Files shared in a consultation's thread: each becomes a ``file`` job, which measures it
off the request path (bot/slack/data_files.py). Only the file's id is taken from the
event, never a URL.

Slack says it twice: a ``message`` with subtype ``file_share`` (in the thread: the
consultation is known at once) and a ``file_shared`` event (the thread is known only from
``files.info``, in the job). The job handles each share once, whichever comes first.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

from slack_bolt import App, BoltContext, BoltResponse

from bot.slack.intake import Intake
from bot.slack.jobs import Job
from bot.slack.listeners.messages import is_from_a_person

MAX_FILES_PER_MESSAGE = 10
"""Slack attaches at most 10 files to a message; more are not looked at."""
log = logging.getLogger(__name__)


def shared_file_jobs(intake: Intake, event: dict[str, Any], bot_user_id: str | None) -> list[Job]:
    """A job per file of a ``file_share`` reply in a consultation's thread (none for any
    other message)."""
    thread = event.get("thread_ts")
    if (
        event.get("type") != "message"
        or event.get("subtype") != "file_share"
        or not thread
        or not is_from_a_person(event, bot_user_id)
    ):
        return []
    channel, ts = str(event["channel"]), str(event["ts"])
    found = intake.store.find_by_thread(channel, thread)
    if found is None or found.root_ts == ts or found.ended:
        return []
    ids = [str(f["id"]) for f in event.get("files") or [] if isinstance(f, dict) and f.get("id")]
    return [
        Job(
            "file",
            found.id,
            channel_id=channel,
            ts=ts,
            user_id=str(event["user"]),
            file_id=file_id,
        )
        for file_id in ids[:MAX_FILES_PER_MESSAGE]
    ]


def register(app: App, intake: Intake) -> None:
    """The middleware (after the one that stores replies) and the ``file_shared`` listener."""

    @app.middleware
    def shared_files_are_measured(
        body: dict[str, Any], context: BoltContext, next_: Callable[[], BoltResponse]
    ) -> BoltResponse:
        """A file shared in a consultation's thread is handed to a job; the words shared
        with it are then answered by that job, with the file (bot/slack/listeners/messages.py
        leaves them to it)."""
        event = body.get("event")
        if body.get("type") == "event_callback" and isinstance(event, dict):
            jobs = shared_file_jobs(intake, event, context.bot_user_id)
            for job in jobs:
                intake.jobs.submit(job)
            context["files_shared"] = bool(jobs)
        return next_()

    @app.event("file_shared")
    def file_shared(body: dict[str, Any], event: dict[str, Any], context: BoltContext) -> None:
        user, file_id = str(event.get("user_id") or ""), str(event.get("file_id") or "")
        channel = str(event.get("channel_id") or "")
        if not (user and file_id and channel) or user == context.bot_user_id:
            return  # the bot's own uploads (decision records, prompt snippets) included
        if not intake.store.mark_event(str(body["event_id"])):
            return
        intake.jobs.submit(Job("file", channel_id=channel, user_id=user, file_id=file_id))
