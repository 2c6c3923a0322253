"""Correct the facts, on the request path: the button opens the form for the consultation's
asker (anyone else is told, privately, to reply in the thread instead); a submission is
checked field by field (errors shown in the form), and its corrections stored as turns,
one per fact (``about`` ``correct:<fact>``, bot/slack/steering.py), before Slack hears
200. The answer job then posts the updated recommendation, saying who changed what.

A click counts only on a recommendation the bot posted in the consultation's channel, for
its team; a submission only for the consultation's asker, in its team. The form is filled
from the latest recommendation (the facts as they stand), never from the payload.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from slack_sdk.errors import SlackApiError

from bot.advice import Advice
from bot.interface import CorrectorLike
from bot.slack import correction_modal
from bot.slack.clicks import clicked_consultation, once_recorded
from bot.slack.intake import Intake
from bot.slack.steering import correction_about
from bot.slackkit.errors import slack_error
from bot.store import Consultation
from bot.store.redaction import is_redacted

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Submission:
    """What a submitted form asks: the consultation, who, and the corrections (fact ->
    words); ``errors`` (block id -> message) when some cannot stand."""

    consultation: Consultation
    user_id: str
    view_id: str
    corrections: dict[str, str]
    errors: dict[str, str]


class Corrections:
    """Opens the form and takes its submissions. What checks a figure (the vocabulary and
    the grammar, no model) is loaded on the first submission."""

    def __init__(self, intake: Intake, make_corrector: Callable[[], CorrectorLike]) -> None:
        self.intake = intake
        self.make_corrector = make_corrector
        self._corrector: CorrectorLike | None = None
        self._lock = threading.Lock()

    @property
    def corrector(self) -> CorrectorLike:
        with self._lock:
            if self._corrector is None:
                self._corrector = self.make_corrector()
            return self._corrector

    # --- the button -----------------------------------------------------------------------

    def clicked(self, body: dict[str, Any], action: dict[str, Any]) -> None:
        """Open the form for the asker; tell anyone else why not. Never raises for a click
        on something else (logged)."""
        consultation = self._clicked_consultation(body, action)
        if consultation is None:
            log.warning("ignored a Correct the facts click on no recommendation of ours")
            return
        user = str((body.get("user") or {}).get("id") or "")
        if user != consultation.user_id:
            self.intake.tell(
                "CORRECT_NOT_YOURS",
                channel=consultation.channel_id,
                user=user,
                thread_ts=consultation.thread_ts,
            )
            return
        advice = _latest_advice(self.intake, consultation.id)
        if advice is None:
            log.info("consultation %s: no advice kept to correct", consultation.id)
            return
        view = correction_modal.correction_view(consultation.id, advice.facts)
        try:
            self.intake.poster.client.views_open(trigger_id=str(body.get("trigger_id")), view=view)
        except SlackApiError as err:
            log.warning("could not open the Correct the facts form: %s", slack_error(err))

    def _clicked_consultation(
        self, body: dict[str, Any], action: dict[str, Any]
    ) -> Consultation | None:
        found = clicked_consultation(self.intake.store, body, action)
        if found is None or found.ended:
            return None
        container = body.get("container") or {}
        return found if self._is_recommendation(found.id, container.get("message_ts")) else None

    def _is_recommendation(self, consultation_id: str, ts: object) -> bool:
        """Whether ``ts`` is one of the consultation's recommendations (waiting a moment for
        it to be recorded: see :func:`once_recorded`)."""

        def recorded() -> bool | None:
            posted = {r.message_ts for r in self.intake.store.recommendations(consultation_id)}
            return True if ts in posted else None

        return bool(once_recorded(recorded))

    # --- the submission -------------------------------------------------------------------

    def read(self, body: dict[str, Any], view: dict[str, Any]) -> Submission | None:
        """The submission checked against the store; None when it is not the asker's form
        of a consultation still kept (logged)."""
        found = self.intake.store.get(str(view.get("private_metadata") or ""))
        user = (body.get("user") or {}).get("id")
        team = (body.get("team") or {}).get("id") or (body.get("user") or {}).get("team_id")
        if found is None or found.ended or user != found.user_id or team != found.team_id:
            log.warning("ignored a Correct the facts form that is not its asker's")
            return None
        advice = _latest_advice(self.intake, found.id)
        if advice is None:
            return None
        values = ((view.get("state") or {}).get("values")) or {}
        wanted = correction_modal.changed(advice.facts, values)
        errors = correction_modal.problems(wanted, self.corrector.corrected_value) if wanted else {}
        return Submission(found, str(user), str(view.get("id") or ""), wanted, errors)

    def store(self, submission: Submission) -> int | None:
        """Each correction as a turn of the asker's, in the form's order; the last turn's id
        (None when there was nothing to store, or the consultation ended)."""
        last = None
        for fact, words in submission.corrections.items():
            turn = self.intake.store.add_turn(
                submission.consultation.id,
                user_id=submission.user_id,
                text=words,
                source_id=f"form:{submission.view_id}:{fact}",
                about=correction_about(fact),
            )
            if turn is None:
                return None
            last = turn
        return last


def _latest_advice(intake: Intake, consultation_id: str) -> Advice | None:
    latest = intake.store.latest_recommendation(consultation_id)
    if latest is None or is_redacted(latest.advice_json):
        return None
    return Advice.model_validate_json(latest.advice_json)
