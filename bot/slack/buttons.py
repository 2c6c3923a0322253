"""A button in an actions block of its own, whose value names the consultation it acts on
(checked on click against the store, never trusted): Correct the facts, Forget this
consultation, Save as decision record."""

from __future__ import annotations

import json

from slack_sdk.models.blocks import ActionsBlock, ButtonElement, ConfirmObject, PlainTextObject


def consultation_button(
    block_id: str,
    action_id: str,
    text: str,
    consultation_id: str,
    *,
    confirm: ConfirmObject | None = None,
) -> ActionsBlock:
    return ActionsBlock(
        block_id=block_id,
        elements=[
            ButtonElement(
                text=PlainTextObject(text=text),
                action_id=action_id,
                value=json.dumps({"c": consultation_id}),
                confirm=confirm,
            )
        ],
    )
