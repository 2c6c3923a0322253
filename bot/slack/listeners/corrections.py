"""Correct the facts: the button under a recommendation opens the form (the asker's only),
and the form's submission is checked and stored before the acknowledgement
(bot/slack/corrections.py); the updated recommendation is a job."""

from __future__ import annotations

from typing import Any

from slack_bolt import Ack, App, BoltContext

from bot.slack.correct_button import CORRECT_FACTS_ACTION
from bot.slack.correction_modal import CALLBACK_ID
from bot.slack.corrections import Corrections


def register(app: App, corrections: Corrections) -> None:
    """Attach the button's and the form's listeners; before the catch-alls."""

    @app.action(CORRECT_FACTS_ACTION)
    def clicked(ack: Ack, body: dict[str, Any], action: dict[str, Any]) -> None:
        try:
            corrections.clicked(body, action)  # views.open at once: its trigger id expires
        finally:
            ack()

    @app.view(CALLBACK_ID)
    def submitted(
        ack: Ack, body: dict[str, Any], view: dict[str, Any], context: BoltContext
    ) -> None:
        submission = corrections.read(body, view)
        if submission is None or not submission.corrections:
            ack()
            return
        if submission.errors:
            ack(response_action="errors", errors=submission.errors)  # shown in the form
            return
        last = corrections.store(submission)
        context["saved"] = True
        ack()  # after the corrections are stored: closing the form cannot lose them
        if last is not None:
            corrections.intake.answer(submission.consultation.id, last)
