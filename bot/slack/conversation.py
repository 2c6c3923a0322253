"""A consultation in a Slack thread, answered: post its root message, then what it needs
next (questions or advice) once every stored reply counts.

This runs off the request path (bot/slack/jobs.py). Answering a consultation is serialized
by a lease in the store, held while folding its turns (bot/slack/folding.py) and posting:
kept before every post (:class:`bot.store.lease.Holding`: renewed by compare-and-set once
half of it has passed), so an answer whose lease ran out (Slack holding its post back)
never posts after the next answer; its state is saved, and the lease released, in one
write that succeeds only while it still holds the lease. Whoever finds the lease taken
leaves: the holder looks for turns stored meanwhile when it is done.

An answer computed while the consultation's words changed (an edit, a deletion, forgetting:
bot/store/lifecycle.py) saves neither its state nor its recommendation (both are written
only at the revision it read), and answers again from the words as they are now; an ended
consultation (forgotten, deleted, expired) is not answered.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence

from slack_sdk.errors import SlackApiError

from bot.advice import Advice, Question
from bot.case import CaseState
from bot.conversation import Move
from bot.interface import AdvisorLike
from bot.report import known_facts, labeled_facts
from bot.slack import blocks, clicks, folding, measured, steering, wording
from bot.slack.metadata import notice_metadata, questions_metadata, recommendation_metadata
from bot.slack.poster import Poster
from bot.slackkit.errors import NOT_IN_CHANNEL, slack_error
from bot.slackkit.mrkdwn import escape, one_line
from bot.store import Consultation, Store, lease
from bot.store.lease import LEASE_SECONDS
from bot.store.redaction import is_redacted

log = logging.getLogger(__name__)

MAX_PASSES = 5
"""Answers in a row for turns that arrived while answering (then the next job goes on)."""


class Reread(Exception):
    """The consultation's words changed while answering: nothing was saved; answer again."""


class Conversations:
    """Opens consultations and posts the next question or advice, under the lease."""

    def __init__(self, store: Store, advisor: AdvisorLike, poster: Poster) -> None:
        self.store = store
        self.advisor = advisor
        self.poster = poster

    # --- opening ------------------------------------------------------------------------

    def open(self, consultation_id: str) -> None:
        """Post the root message of a ``/advise`` consultation being opened, then answer in
        its thread. If the bot may not post there, its author gets a private hint to invite
        it, and the consultation waits (``pending``) until the bot joins the channel."""
        for _ in range(MAX_PASSES):
            if not self._open_once(consultation_id):
                break
        self.answer(consultation_id)  # turns that came meanwhile

    def _open_once(self, consultation_id: str) -> bool:
        """One try at opening; True when the bot was invited while this try waited for it:
        the join's job found the lease held and left the opening to this one."""
        owner = lease.try_acquire(self.store, consultation_id, LEASE_SECONDS)
        if owner is None:
            return False  # being opened by another job
        held = lease.Holding(self.store, consultation_id, owner)
        waiting = False
        try:
            found = self.store.get(consultation_id)
            if found is None or found.status != "opening" or found.thread_ts:
                return False
            if self._post_root(found, held):  # on an error it stays ``opening``: swept again
                self._answer_held(consultation_id, held)  # its first answer, same lease
            else:
                waiting = True
        except Reread:
            pass  # answered again by open()
        finally:
            held.release()
        again = self.store.get(consultation_id) if waiting else None
        return again is not None and again.status == "opening" and not again.thread_ts

    def _post_root(self, c: Consultation, held: lease.Holding) -> bool:
        held.keep()
        try:
            ts = self.poster.post(
                blocks.root_message(c.description, c.user_id, consultation_id=c.id),
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
        return True

    # --- answering ----------------------------------------------------------------------

    def answer(self, consultation_id: str, turn_id: int = 0) -> None:
        """Post what the consultation needs once every stored turn (``turn_id`` at least)
        counts; nothing if another answer holds it (that one answers this turn too)."""
        for _ in range(MAX_PASSES):
            current, last = self.store.progress(consultation_id)
            if current is None or current.thread_ts is None or current.ended:
                return
            target = max(turn_id, last)
            if current.state_json is not None and current.answered_through >= target:
                return
            owner = lease.try_acquire(self.store, consultation_id, LEASE_SECONDS)
            if owner is None:
                return
            held = lease.Holding(self.store, consultation_id, owner)
            try:
                self._answer_held(consultation_id, held)
            except Reread:
                continue  # its words changed meanwhile: the next pass reads them as they are
            except lease.Lost:
                log.warning("consultation %s: lease lost mid-answer; posted no more", current.id)
                return
            except Exception:
                # Counted as handled (its turns are replayed into the next answer), so the
                # failed answer is not retried over and over; the caller tells the user.
                self.store.skip_through(consultation_id, owner=owner, turn_id=target)
                raise
            finally:
                held.release()

    def show_answered(self, channel_id: str, ts: str) -> None:
        """Rebuild a questions message from what was stored, its clicked questions shown as
        answered (logged, not raised, if Slack refuses)."""
        message = self.store.message_at(channel_id, ts)
        if message is None or message.consultation_id is None or not message.content_json:
            return  # its copy was emptied (the words it quoted changed): left as posted
        text, rebuilt_blocks = clicks.rebuilt(message, self.store.turns(message.consultation_id))
        try:
            self.poster.update(channel=channel_id, ts=ts, text=text, blocks=rebuilt_blocks)
        except SlackApiError as err:
            log.warning("could not mark the answered question: %s", slack_error(err))

    def _answer_held(self, consultation_id: str, held: lease.Holding) -> None:
        consultation = self.store.get(consultation_id)
        assert consultation is not None and consultation.thread_ts is not None
        if consultation.ended:
            return
        folded = folding.fold(self.store, self.advisor, consultation)
        told = [(t, wording.LIMIT_REACHED) for t in folded.unread]
        told += [(t, wording.SKIP_NOT_YOURS) for t in folded.skips_refused]
        for turn, note in told:
            held.keep()
            self.poster.ephemeral(
                note, channel=consultation.channel_id, user=turn.user_id,
                thread_ts=consultation.thread_ts,
            )  # fmt: skip
        read_something = len(folded.unread) < len(folded.new)
        status, rounds = consultation.status, consultation.question_rounds
        if consultation.state_json is None or read_something:
            status, rounds = self._post_answer(consultation, folded, held)
        saved = self.store.save_state(
            consultation_id,
            owner=held.owner,
            state_json=folded.state.model_dump_json(),
            state_version=folding.STATE_VERSION,
            state_turns=folded.turns,
            status=status,
            answered_through=folded.through,
            question_rounds=rounds,
            release=True,
            revision=consultation.revision,
        )
        if not saved:
            if self.store.lease_owner(consultation_id) == held.owner:
                raise Reread(consultation_id)
            raise lease.Lost(consultation_id)
        held.forget()

    def _post_answer(
        self, c: Consultation, folded: folding.Folded, held: lease.Holding
    ) -> tuple[str, int]:
        """Post the questions, the recommendation or its update; the new status and rounds."""
        state, rounds = folded.state, c.question_rounds
        advised = c.status == "advised"
        if not advised and self.store.latest_recommendation(c.id) is not None:
            advised = True  # the last answer was cut short after recording its advice
        for found in folded.measured:  # an update says what the file changed; else the report
            self._post_report(c, found, () if advised else found.changes, held)
        if advised:
            self._post_update(
                c, state, held, folded.measured, steering.updated_after(folded.steered)
            )
            return "advised", rounds
        step = self.advisor.next_step(state, rounds)  # the core's policy, and its limits
        if step.move is Move.ADVISE:
            self._post_recommendation(c, self.advisor.advise(state), held)
            return "advised", rounds
        self._post_questions(c, step.questions, _intro(folding.saved_state(c), folded), held)
        return "asking", rounds + 1

    def _post_questions(
        self, c: Consultation, asked: Sequence[Question], intro: str, held: lease.Holding
    ) -> None:
        held.keep()
        self.poster.post(
            blocks.questions_message(c.id, asked, intro),
            channel=c.channel_id,
            thread_ts=c.thread_ts,
            kind="questions",
            metadata=questions_metadata(c.id, asked),
            consultation_id=c.id,
        )

    def _post_recommendation(
        self,
        c: Consultation,
        advice: Advice,
        held: lease.Holding,
        changes: Sequence[str] = (),
        updated_after: str | None = None,
    ) -> None:
        rec = advice.recommendation
        held.keep()
        recommendation_id = self.store.add_recommendation(
            c.id,
            strategy=rec.strategy.value,
            path=list(rec.path),
            technique=rec.technique.value if rec.technique else None,
            confidence=rec.confidence.value,
            advice_json=advice.model_dump_json(),
            revision=c.revision,
        )
        if recommendation_id is None:
            raise Reread(c.id)  # computed from words since changed: not posted
        try:
            ts = self.poster.post(
                blocks.recommendation_message(
                    advice, changes, consultation_id=c.id, updated_after=updated_after
                ),
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

    def _post_report(
        self, c: Consultation, found: measured.Measured, changes: Sequence[str], held: lease.Holding
    ) -> None:
        held.keep()
        self.poster.post(
            measured.report_message(found.report, changes),
            channel=c.channel_id,
            thread_ts=c.thread_ts,
            kind="data_report",
            metadata=notice_metadata(c.id, "data_report"),
            consultation_id=c.id,
        )

    def _post_update(
        self,
        c: Consultation,
        state: CaseState,
        held: lease.Holding,
        files: Sequence[measured.Measured] = (),
        updated_after: str | None = None,
    ) -> None:
        """The updated recommendation, saying what changed and who changed it; or, when
        nothing changed the advice, a short notice."""
        advice = self.advisor.advise(state)
        latest = self.store.latest_recommendation(c.id)
        before = Advice.model_validate_json(latest.advice_json) if latest else None
        changes = measured.update_changes(before, advice, files) if before else ["new facts"]
        if changes:
            self._post_recommendation(c, advice, held, changes, updated_after)
            return
        if latest is not None and is_redacted(latest.advice_json):
            # an edit that changed nothing: the advice posted stands, read from the words now
            self.store.restore_recommendation(
                latest.id, advice.model_dump_json(), revision=c.revision
            )
        label = wording.STRATEGY_LABELS.get(advice.recommendation.strategy.value, "")
        said = [escape(change) for found in files for change in found.changes]
        text = wording.measured_nothing_changed(said, label) if said else None
        held.keep()
        self.poster.post(
            blocks.plain(text or wording.nothing_changed(label)),
            channel=c.channel_id,
            thread_ts=c.thread_ts,
            kind="notice",
            metadata=notice_metadata(c.id, "nothing_changed"),
            consultation_id=c.id,
        )


def _intro(previous: CaseState | None, folded: folding.Folded) -> str:
    """The questions' first line: after replies, what they told (so a misreading shows at
    once, and questions asked again never come back word for word), or that nothing could
    be read from them."""
    if previous is None or not folded.new_replies:
        return wording.QUESTIONS_INTRO
    before = known_facts(previous.facts)
    told = {k: v for k, v in known_facts(folded.state.facts).items() if before.get(k) != v}
    if not told and previous.facts == folded.state.facts:
        return wording.QUESTIONS_AGAIN
    items = "; ".join(
        f"*{escape(label)}* = {escape(value)}" for label, value in labeled_facts(told)
    )
    noted = wording.NOTED.format(facts=items) + " " if items else ""
    return noted + wording.QUESTIONS_INTRO
