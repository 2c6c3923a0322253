"""A consultation in a Slack thread: start it, store each reply, and answer.

Each reply is an append-only turn; the answer is recomputed by folding every turn through
the advisor (``start(description)`` then ``reply`` per turn), so replies arriving at the
same moment all count. Answering is serialized per consultation by a lease in the store.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Sequence
from typing import Protocol

from slack_sdk.errors import SlackApiError

from bot.advice import Advice, Question
from bot.case import CaseState
from bot.slack import blocks, wording
from bot.slack.changes import describe_changes
from bot.slack.metadata import notice_metadata, questions_metadata, recommendation_metadata
from bot.slack.mrkdwn import escape, one_line
from bot.slack.poster import NOT_IN_CHANNEL, Poster, slack_error
from bot.store import Consultation, Store, lease

log = logging.getLogger(__name__)

LEASE_SECONDS = 20.0
WAIT_STEP_SECONDS = 0.05
MAX_QUESTION_ROUNDS = 2
"""After this many question messages, the next answer is the recommendation."""


class AdvisorLike(Protocol):
    """What the Slack front end needs of :class:`bot.advisor.Advisor`."""

    def start(self, description: str) -> CaseState: ...
    def reply(self, state: CaseState, text: str, *, about: str | None = None) -> CaseState: ...
    def questions(self, state: CaseState) -> list[Question]: ...
    def advise(self, state: CaseState) -> Advice: ...


class Conversations:
    """Starts consultations, stores replies and posts the next question or advice."""

    def __init__(self, store: Store, advisor: AdvisorLike, poster: Poster) -> None:
        self.store = store
        self.advisor = advisor
        self.poster = poster

    def open_in_thread(
        self, *, team_id: str, channel_id: str, user_id: str, description: str, origin: str,
        thread_ts: str, message_ts: str,
    ) -> Consultation | None:  # fmt: skip
        """A consultation in an existing thread (mention, DM) started by the message at
        ``message_ts``; None if that thread already holds one (a re-delivery)."""
        return self.store.create_consultation(
            team_id=team_id, channel_id=channel_id, user_id=user_id, description=description,
            origin=origin, thread_ts=thread_ts, root_ts=message_ts,
        )  # fmt: skip

    def open_in_channel(self, consultation: Consultation) -> bool:
        """Post the root message of a ``/advise`` consultation and answer in its thread.

        False when the bot may not post there: the user gets a private hint to invite it,
        and the consultation stays ``pending`` until the bot joins the channel.
        """
        c = consultation
        try:
            ts = self.poster.post(
                blocks.root_message(c.description, c.user_id),
                channel=c.channel_id,
                thread_ts=None,
                kind="root",
                metadata=notice_metadata(c.id, "root"),
                consultation_id=c.id,
            )
        except SlackApiError as err:
            if slack_error(err) not in NOT_IN_CHANNEL:
                raise
            self.store.unclaim(c.id)  # still pending: the bot's join starts it
            hint = wording.INVITE_HINT.format(description=escape(one_line(c.description, 500)))
            self.poster.ephemeral(hint, channel=c.channel_id, user=c.user_id)
            return False
        self.store.set_thread(c.id, thread_ts=ts, root_ts=ts)
        self.answer(c.id)
        return True

    def add_reply(
        self,
        consultation_id: str,
        *,
        user_id: str,
        text: str,
        source_id: str,
        about: str | None = None,
    ) -> int:
        """Store a reply (once per ``source_id``); its turn id. ``about`` is the fact a
        clicked quick answer answers."""
        return self.store.add_turn(
            consultation_id, user_id=user_id, text=text, source_id=source_id, about=about
        )

    def answer(self, consultation_id: str, turn_id: int = 0) -> None:
        """Post what the consultation needs next, once every turn up to ``turn_id`` counts.

        Whoever holds the lease answers every stored turn; the others wait until their turn
        is answered or the lease is theirs.
        """
        deadline = time.monotonic() + 2 * LEASE_SECONDS
        while True:
            current = self.store.get(consultation_id)
            if current is None or _answered(current, turn_id):
                return
            owner = lease.try_acquire(self.store, consultation_id, LEASE_SECONDS)
            if owner is not None:
                try:
                    self._answer_locked(consultation_id)
                finally:
                    lease.release(self.store, consultation_id, owner)
                return
            if time.monotonic() > deadline:
                log.warning("gave up waiting to answer consultation %s", consultation_id)
                return
            time.sleep(WAIT_STEP_SECONDS)

    def _answer_locked(self, consultation_id: str) -> None:
        consultation = self.store.get(consultation_id)
        assert consultation is not None and consultation.thread_ts is not None
        turns = self.store.turns(consultation_id)
        last = turns[-1].id if turns else 0
        if consultation.state_json is not None and last <= consultation.answered_through:
            return
        state = self.advisor.start(consultation.description)
        for turn in turns:
            state = self.advisor.reply(state, turn.text, about=turn.about)
        previous = (
            CaseState.model_validate_json(consultation.state_json)
            if consultation.state_json
            else None
        )
        rounds = consultation.question_rounds
        advised = consultation.status == "advised"
        if not advised and self.store.latest_recommendation(consultation_id) is not None:
            advised = True  # the last answer was cut short after recording its advice
        if advised:
            self._post_update(consultation, state)
            status = "advised"
        else:
            asked = self.advisor.questions(state)[: blocks.MAX_QUESTIONS]
            if state.skipped or not asked or rounds >= MAX_QUESTION_ROUNDS:
                self._post_recommendation(consultation, self.advisor.advise(state))
                status = "advised"
            else:
                stuck = previous is not None and previous.facts == state.facts and bool(turns)
                self._post_questions(consultation, asked, stuck)
                status, rounds = "asking", rounds + 1
        self.store.save_state(
            consultation_id,
            state_json=state.model_dump_json(),
            status=status,
            answered_through=last,
            question_rounds=rounds,
        )

    def _post_questions(self, c: Consultation, asked: Sequence[Question], stuck: bool) -> None:
        intro = wording.QUESTIONS_AGAIN if stuck else wording.QUESTIONS_INTRO
        self.poster.post(
            blocks.questions_message(c.id, asked, intro),
            channel=c.channel_id,
            thread_ts=c.thread_ts,
            kind="questions",
            metadata=questions_metadata(c.id, asked),
            consultation_id=c.id,
        )

    def _post_recommendation(
        self, c: Consultation, advice: Advice, changes: Sequence[str] = ()
    ) -> None:
        rec = advice.recommendation
        recommendation_id = self.store.add_recommendation(
            c.id,
            strategy=rec.strategy.value,
            path=list(rec.path),
            technique=rec.technique.value if rec.technique else None,
            confidence=rec.confidence.value,
            advice_json=advice.model_dump_json(),
        )
        try:
            ts = self.poster.post(
                blocks.recommendation_message(advice, changes, consultation_id=c.id),
                channel=c.channel_id,
                thread_ts=c.thread_ts,
                kind="recommendation",
                metadata=recommendation_metadata(c.id, advice),
                consultation_id=c.id,
            )
        except Exception:
            self.store.forget_recommendation(recommendation_id)  # nobody saw it
            raise
        self.store.set_recommendation_message(recommendation_id, ts)

    def _post_update(self, c: Consultation, state: CaseState) -> None:
        advice = self.advisor.advise(state)
        latest = self.store.latest_recommendation(c.id)
        before = Advice.model_validate_json(latest.advice_json) if latest else None
        changes = describe_changes(before, advice) if before else ["new facts"]
        if changes:
            self._post_recommendation(c, advice, changes)
            return
        label = wording.STRATEGY_LABELS.get(advice.recommendation.strategy.value, "")
        self.poster.post(
            blocks.plain(wording.nothing_changed(label)),
            channel=c.channel_id,
            thread_ts=c.thread_ts,
            kind="notice",
            metadata=notice_metadata(c.id, "nothing_changed"),
            consultation_id=c.id,
        )


def _answered(consultation: Consultation, turn_id: int) -> bool:
    return consultation.state_json is not None and consultation.answered_through >= turn_id
