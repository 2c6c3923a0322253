"""The Save as decision record button under every recommendation
(:mod:`bot.slack.decision_records` handles its clicks)."""

from __future__ import annotations

import json

from slack_sdk.models.blocks import ActionsBlock, ButtonElement, PlainTextObject

from bot.slack import wording

SAVE_RECORD_ACTION = "save_record"
SAVE_RECORD_BLOCK = "decision_record"


def save_record_block(consultation_id: str) -> ActionsBlock:
    """The button under a recommendation; its value names the consultation (checked on
    click against what the bot posted)."""
    return ActionsBlock(
        block_id=SAVE_RECORD_BLOCK,
        elements=[
            ButtonElement(
                text=PlainTextObject(text=wording.SAVE_RECORD),
                action_id=SAVE_RECORD_ACTION,
                value=json.dumps({"c": consultation_id}),
            )
        ],
    )
