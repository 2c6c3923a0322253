"""The bot joins a channel: consultations that were waiting for it there start now."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

from slack_bolt import App, BoltContext

from bot.slack.intake import Intake

RESUME_WITHIN = timedelta(days=1)
"""A /advise older than this, left pending, is not started on a later invite."""


def register(app: App, intake: Intake) -> None:
    store = intake.store

    @app.event("member_joined_channel")
    def joined(body: dict[str, Any], event: dict[str, Any], context: BoltContext) -> None:
        if event.get("user") != context.bot_user_id:
            return
        if not store.mark_event(str(body["event_id"])):
            return
        since = datetime.now(UTC) - RESUME_WITHIN
        for consultation in store.pending_in(str(event["channel"]), since=since):
            if store.claim_pending(consultation.id):
                intake.open(consultation.id)
