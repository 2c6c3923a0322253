"""``/advise <description>``: store it, acknowledge, and leave the root message and its
thread to a job."""

from __future__ import annotations

import logging
from typing import Any

from slack_bolt import Ack, App

from bot.digest.command import DigestCommand
from bot.slack import wording
from bot.slack.intake import Intake
from bot.slack.listeners.text import is_help

COMMAND = "/advise"
log = logging.getLogger(__name__)


def register(app: App, intake: Intake) -> None:
    digests = DigestCommand(intake.store)

    @app.command(COMMAND)
    def advise(ack: Ack, command: dict[str, Any]) -> None:
        text = str(command.get("text") or "").strip()
        if is_help(text):
            ack(text=wording.USAGE)  # a command's direct answer is only shown to its user
            return
        if digests.handles(text):  # /advise digest ...: bot/digest/command.py
            team, channel = str(command.get("team_id", "")), str(command["channel_id"])
            ack(text=digests.answer(team, channel, text))
            return
        try:
            consultation = intake.store.create_consultation(
                team_id=str(command.get("team_id", "")),
                channel_id=str(command["channel_id"]),
                user_id=str(command["user_id"]),
                description=text,
                origin="command",
                opening=True,
            )
        except Exception as err:
            log.warning("could not store an /advise: %s", type(err).__name__)
            ack(text=wording.NOT_SAVED)
            return
        ack()  # after the description is stored: a crash now cannot lose it
        if consultation is not None:
            intake.open(consultation.id)
