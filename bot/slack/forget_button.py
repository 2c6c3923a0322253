"""The Forget this consultation button on the root message of a ``/advise`` consultation
(its clicks: bot/slack/listeners/forget.py). Slack asks the clicker to confirm first."""

from __future__ import annotations

import json

from slack_sdk.models.blocks import ActionsBlock, ButtonElement, ConfirmObject, PlainTextObject

from bot.slack import wording

FORGET_ACTION = "forget_consultation"
FORGET_BLOCK = "forget"


def forget_block(consultation_id: str) -> ActionsBlock:
    """The button; its value names the consultation (checked on click against the store:
    the root message of that consultation, clicked by its asker)."""
    return ActionsBlock(
        block_id=FORGET_BLOCK,
        elements=[
            ButtonElement(
                text=PlainTextObject(text=wording.FORGET_BUTTON),
                action_id=FORGET_ACTION,
                value=json.dumps({"c": consultation_id}),
                confirm=ConfirmObject(
                    title=wording.FORGET_CONFIRM_TITLE,
                    text=wording.FORGET_CONFIRM_TEXT,
                    confirm=wording.FORGET_CONFIRM,
                    deny=wording.FORGET_DENY,
                    style="danger",
                ),
            )
        ],
    )
