"""The Correct the facts button under a recommendation's What I understood
(bot/slack/listeners/corrections.py handles its clicks: the asker gets the form)."""

from __future__ import annotations

from slack_sdk.models.blocks import ActionsBlock

from bot.slack import wording
from bot.slack.buttons import consultation_button

CORRECT_FACTS_ACTION = "correct_facts"
CORRECT_FACTS_BLOCK = "correct_facts"


def correct_facts_block(consultation_id: str) -> ActionsBlock:
    """The button; its value names the consultation (checked on click against the store)."""
    return consultation_button(
        CORRECT_FACTS_BLOCK, CORRECT_FACTS_ACTION, wording.CORRECT_FACTS, consultation_id
    )
