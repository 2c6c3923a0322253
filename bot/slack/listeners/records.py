"""The Save as decision record button: acknowledged at once, the record uploaded after."""

from __future__ import annotations

from typing import Any

from slack_bolt import Ack, App

from bot.slack.decision_records import DecisionRecords
from bot.slack.record_button import SAVE_RECORD_ACTION


def register(app: App, records: DecisionRecords) -> None:
    """Attach the button's listener; before the catch-all that ignores other actions."""

    def acknowledge(ack: Ack) -> None:
        ack()

    def save(body: dict[str, Any], action: dict[str, Any]) -> None:
        records.save(body, action)

    # a lazy listener runs on bolt's pool after the ack, however bolt answers requests
    app.action(SAVE_RECORD_ACTION)(ack=acknowledge, lazy=[save])
