"""Save as decision record: a click on the button under a recommendation
(:mod:`bot.slack.record_button`) uploads that advice, as a Markdown decision record
(:mod:`bot.records`), into the thread as a file (files upload v2).

The record is numbered by its recommendation's place in the thread; a later one says which
record it supersedes, and one saved after a newer recommendation says it was superseded.
It is dated by the day the recommendation was given (``ADVISOR_TIMEZONE``), so saving the
same recommendation twice uploads the same bytes. A click counts only on a recommendation
message the bot posted in that consultation's channel, for that team; the file goes to the
consultation's own thread, never to one named in the payload. A recommendation whose words
were since edited, deleted or expired is no longer kept (bot/store/redaction.py): the
clicker is told so, privately.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import date, datetime, tzinfo
from typing import Any

from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError

from bot.advice import Advice
from bot.records import Superseded, decision_record, record_filename, strategy_label
from bot.slack import wording
from bot.slack.clicks import clicked_consultation, once_recorded
from bot.store import Consultation, Store, StoredRecommendation
from bot.store.redaction import is_redacted

log = logging.getLogger(__name__)

AFTER_ACK_WAIT_SECONDS = 5.0
"""How long a click waits for its recommendation to be recorded (see
:func:`~bot.slack.clicks.once_recorded`): this click is acknowledged first, so it may wait
longer than the clicks that answer before Slack's 3 s."""


@dataclass(frozen=True)
class RecordClick:
    """A click on Save as decision record, checked against the store: the consultation and
    which of its recommendations (``index`` in ``given``) was clicked."""

    consultation: Consultation
    given: list[StoredRecommendation]
    index: int

    @property
    def number(self) -> int:
        """The record's number: the recommendation's place in the thread, from 1."""
        return self.index + 1

    @property
    def supersedes(self) -> int | None:
        """The number of the record this one supersedes (the previous recommendation's)."""
        return self.index if self.index > 0 else None


class DecisionRecords:
    """Writes a recommendation up as a decision record and uploads it into its thread."""

    def __init__(self, store: Store, client: WebClient, tz: tzinfo) -> None:
        self.store = store
        self.client = client
        self.tz = tz

    def read_click(self, body: dict[str, Any], action: dict[str, Any]) -> RecordClick | None:
        """The recommendation clicked on, or None for a click on anything else (another
        team's consultation, another channel, a message that is not its recommendation)."""
        consultation = clicked_consultation(self.store, body, action)
        if consultation is None:
            return None
        message_ts = (body.get("container") or {}).get("message_ts")
        if not message_ts:
            return None

        def clicked() -> RecordClick | None:
            given = self.store.recommendations(consultation.id)
            posted = [r.message_ts for r in given]
            if message_ts not in posted:
                return None
            return RecordClick(consultation, given, posted.index(message_ts))

        return once_recorded(clicked, AFTER_ACK_WAIT_SECONDS)

    def record(self, click: RecordClick) -> str:
        """The Markdown record of the clicked recommendation."""
        stored = click.given[click.index]
        supersedes = None
        if click.supersedes is not None:
            earlier = click.given[click.index - 1]
            supersedes = Superseded(
                click.supersedes, self._day(earlier.created_at), earlier.strategy
            )
        later = click.number + 1 if click.number < len(click.given) else None
        return decision_record(
            Advice.model_validate_json(stored.advice_json),
            decided=self._day(stored.created_at),
            number=click.number,
            supersedes=supersedes,
            superseded_by=later,
        )

    def save(self, body: dict[str, Any], action: dict[str, Any]) -> bool:
        """Upload the record of the recommendation clicked on into its thread; False for a
        click on anything else (logged), or when it failed (logged, and the user told)."""
        try:
            click = self.read_click(body, action)
            if click is None:
                log.warning("ignored a Save as decision record click on no recommendation of ours")
                return False
            if is_redacted(click.given[click.index].advice_json):
                self._tell(body, wording.RECORD_REDACTED)  # its words were edited or expired
                return False
            self._upload(click)
        except Exception:
            log.exception("could not save a decision record")
            self._apologize(body)
            return False
        return True

    def _upload(self, click: RecordClick) -> None:
        c = click.consultation
        stored = click.given[click.index]
        self.client.files_upload_v2(
            channel=c.channel_id,
            thread_ts=c.thread_ts,
            content=self.record(click),
            filename=record_filename(click.number),
            title=wording.RECORD_TITLE.format(
                number=click.number, label=strategy_label(stored.strategy)
            ),
            initial_comment=wording.record_saved(click.number, click.supersedes),
        )

    def _apologize(self, body: dict[str, Any]) -> None:
        """Tell the user who clicked, only them, that no record was saved; never raises."""
        self._tell(body, wording.RECORD_NOT_SAVED)

    def _tell(self, body: dict[str, Any], text: str) -> None:
        """Tell the user who clicked, only them; never raises."""
        container = body.get("container") or {}
        user = (body.get("user") or {}).get("id")
        if not (container.get("channel_id") and user):
            return
        try:
            self.client.chat_postEphemeral(
                channel=container["channel_id"],
                user=user,
                text=text,
                thread_ts=container.get("thread_ts"),
            )
        except SlackApiError as err:
            log.warning("could not tell %s that no record was saved: %s", user, err)

    def _day(self, moment: datetime) -> date:
        return moment.astimezone(self.tz).date()
