"""The Save as decision record button under every recommendation
(:mod:`bot.slack.decision_records` handles its clicks)."""

from __future__ import annotations

from slack_sdk.models.blocks import ActionsBlock

from bot.slack import wording
from bot.slack.buttons import consultation_button

SAVE_RECORD_ACTION = "save_record"
SAVE_RECORD_BLOCK = "decision_record"


def save_record_block(consultation_id: str) -> ActionsBlock:
    """The button under a recommendation; its value names the consultation (checked on
    click against what the bot posted)."""
    return consultation_button(
        SAVE_RECORD_BLOCK, SAVE_RECORD_ACTION, wording.SAVE_RECORD, consultation_id
    )
