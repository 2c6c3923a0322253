"""Quick-answer buttons: a click on a stored question is a reply by the clicking user."""

from __future__ import annotations

import logging
import re
from typing import Any

from slack_bolt import Ack, App

from bot.slack.blocks import ANSWER_ACTION_PREFIX
from bot.slack.clicks import Click, read_click
from bot.slack.conversation import Conversations

log = logging.getLogger(__name__)


def register(app: App, conversations: Conversations) -> None:
    @app.action(re.compile(f"^{re.escape(ANSWER_ACTION_PREFIX)}"))
    def answer(ack: Ack, body: dict[str, Any], action: dict[str, Any]) -> None:
        click: Click | None = None
        try:
            click = read_click(conversations.store, body, action)
            if click is None:
                log.warning("ignored a click that answers no question the bot posted there")
                return
            turn = conversations.add_reply(
                click.consultation.id,
                user_id=click.user_id,
                text=click.reply,
                source_id=click.source_id,
                about=click.fact,
            )
        finally:
            ack()  # after the click is stored: a crash now cannot lose it
        conversations.show_answered(click.message.channel_id, click.message.ts)
        conversations.answer(click.consultation.id, turn)
