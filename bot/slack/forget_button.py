"""The Forget this consultation button on the root message of a ``/advise`` consultation
(its clicks: bot/slack/listeners/forget.py). Slack asks the clicker to confirm first."""

from __future__ import annotations

from slack_sdk.models.blocks import ActionsBlock, ConfirmObject

from bot.slack import wording
from bot.slack.buttons import consultation_button

FORGET_ACTION = "forget_consultation"
FORGET_BLOCK = "forget"


def forget_block(consultation_id: str) -> ActionsBlock:
    """The button; its value names the consultation (checked on click against the store:
    the root message of that consultation, clicked by its asker)."""
    return consultation_button(
        FORGET_BLOCK,
        FORGET_ACTION,
        wording.FORGET_BUTTON,
        consultation_id,
        confirm=ConfirmObject(
            title=wording.FORGET_CONFIRM_TITLE,
            text=wording.FORGET_CONFIRM_TEXT,
            confirm=wording.FORGET_CONFIRM,
            deny=wording.FORGET_DENY,
            style="danger",
        ),
    )
