"""Quick-answer buttons: a click on a stored question is a reply by the clicking user."""

from __future__ import annotations

import logging
import re
from typing import Any

from slack_bolt import Ack, App, BoltContext

from bot.slack.blocks import ANSWER_ACTION_PREFIX
from bot.slack.clicks import read_click
from bot.slack.intake import Intake
from bot.slack.jobs import Job

log = logging.getLogger(__name__)


def register(app: App, intake: Intake) -> None:
    @app.action(re.compile(f"^{re.escape(ANSWER_ACTION_PREFIX)}"))
    def answer(
        ack: Ack, body: dict[str, Any], action: dict[str, Any], context: BoltContext
    ) -> None:
        try:
            click = read_click(intake.store, body, action)
            if click is None:
                log.warning("ignored a click that answers no question the bot posted there")
                return
            turn = intake.store.add_turn(
                click.consultation.id,
                user_id=click.user_id,
                text=click.reply,
                source_id=click.source_id,
                about=click.fact,
            )
            if turn is None:
                log.info("ignored a click in consultation %s, which ended", click.consultation.id)
                return
            context["saved"] = True
        finally:
            ack()  # after the click is stored: a crash now cannot lose it
        intake.jobs.submit(
            Job(
                "clicked",
                click.consultation.id,
                turn,
                channel_id=click.message.channel_id,
                ts=click.message.ts,
            )
        )
