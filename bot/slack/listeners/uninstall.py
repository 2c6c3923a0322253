"""The app uninstalled from a workspace (``app_uninstalled``), or its bot token revoked
(``tokens_revoked`` naming it): all work for that workspace stops and its data is purged.

The removal is recorded before the acknowledgement; a job then deletes every row of the
workspace (bot/store/workspaces.py), which also ends whatever was still to be done for it:
no consultation left to answer, no digest subscription left to post. A purge lost with its
process is resumed by the sweeper. A revocation of user tokens only (the app holds none)
changes nothing.
"""

from __future__ import annotations

import logging
from typing import Any

from slack_bolt import App

from bot.slack.intake import Intake
from bot.slack.jobs import Job

log = logging.getLogger(__name__)


def register(app: App, intake: Intake) -> None:
    @app.event("app_uninstalled")
    def uninstalled(body: dict[str, Any]) -> None:
        _removed(intake, body, "app_uninstalled")

    @app.event("tokens_revoked")
    def revoked(body: dict[str, Any], event: dict[str, Any]) -> None:
        if not (event.get("tokens") or {}).get("bot"):
            log.info("tokens_revoked for user tokens only: the app holds none")
            return
        _removed(intake, body, "tokens_revoked")


def _removed(intake: Intake, body: dict[str, Any], reason: str) -> None:
    team_id = str(body.get("team_id") or "")
    if not team_id:
        return
    intake.store.mark_removed(team_id, reason)  # before the ack: the purge cannot be lost
    if intake.store.mark_event(str(body.get("event_id") or "")):
        log.warning("workspace %s: %s; stopping its work and purging its data", team_id, reason)
        intake.jobs.submit(Job("purge_workspace", team_id=team_id))
