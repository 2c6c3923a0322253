"""The Correct the facts button under a recommendation's What I understood
(bot/slack/listeners/corrections.py handles its clicks: the asker gets the form)."""

from __future__ import annotations

import json

from slack_sdk.models.blocks import ActionsBlock, ButtonElement, PlainTextObject

from bot.slack import wording

CORRECT_FACTS_ACTION = "correct_facts"
CORRECT_FACTS_BLOCK = "correct_facts"


def correct_facts_block(consultation_id: str) -> ActionsBlock:
    """The button; its value names the consultation (checked on click against the store)."""
    return ActionsBlock(
        block_id=CORRECT_FACTS_BLOCK,
        elements=[
            ButtonElement(
                text=PlainTextObject(text=wording.CORRECT_FACTS),
                action_id=CORRECT_FACTS_ACTION,
                value=json.dumps({"c": consultation_id}),
            )
        ],
    )
