"""The digest job: post every digest that is due and not yet posted, each exactly once.

The protocol, per (channel, frequency, period):

1. **Claim** by inserting the ``digest_runs`` row (unique on channel, frequency and period
   start). Of any number of processes running the job at once, one insert wins; the others
   skip the channel for this run.
2. Build the digest from the store; an empty period is recorded ``skipped_empty`` unless the
   channel asked for empty digests.
3. **Renew** the claim (compare-and-set on ``claimed_by``) right before posting: a process
   whose lease was taken over never posts.
4. **Post**, then at once record the message ts (``posted``).

A crash between 1 and 4 leaves the row ``claimed`` without a ts. Once the lease
(:data:`LEASE`) has passed, a later run takes it over (compare-and-set UPDATE); a run that
ended ``failed`` (a Slack or database error, a timeout) is taken over by the next run at
once. Either way, before posting again the new owner looks in the channel's history
(``conversations.history`` with metadata, since the period's end) for a digest message
carrying this period's metadata, and if it finds one records it instead of posting.
Later periods of a channel wait for an unfinished one, so digests stay in order.

The remaining window: ``chat.postMessage`` has no idempotency key, so a post that Slack
accepted but whose answer never reached us (a crash right after the call, a timeout, a
500 after Slack did post, which the client's retry handler then retries) is only caught
by that history search. It misses when the bot cannot read the channel's history (no
``channels:history`` / ``groups:history`` scope: the run logs a warning and posts again),
when more than ``slack_reads.HISTORY_PAGES`` pages of 200 messages followed the period's
end, or when the duplicate is made inside one call by the client's own 500 retry. And a process that
stalls for longer than the lease *during* the ``chat.postMessage`` call (it renewed the
claim just before) can overlap with the process that took over; the lease, 10 minutes, is
far longer than the call with all its retries.
"""

from __future__ import annotations

import logging
import time
import uuid
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime, timedelta, tzinfo

from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError

from bot.digest.blocks import EVENT_TYPE, digest_message, digest_metadata
from bot.digest.content import Digest, build_digest
from bot.digest.schedule import Period, due_periods
from bot.digest.slack_reads import display_name, find_posted, permalink
from bot.digest.store import (
    FAILED,
    POSTED,
    SKIPPED_EMPTY,
    Claim,
    DigestStore,
    Subscription,
)
from bot.slackkit.errors import NOT_IN_CHANNEL, slack_error
from bot.slackkit.post import post_message
from bot.store import PostedMessage, Store

log = logging.getLogger(__name__)

LEASE = timedelta(minutes=10)
MAX_LINKS = 80


@dataclass(frozen=True)
class Outcome:
    """What became of one digest: ``posted``, ``found`` (a crashed run's post, recorded),
    ``skipped_empty``, ``busy`` (another process has it), ``lost`` (claim taken over),
    ``removed`` (the bot left the channel: subscription ended) or ``failed``."""

    channel_id: str
    period: Period
    result: str
    message_ts: str | None = None
    error: str | None = None

    def describe(self) -> str:
        span = f"{self.period.start.isoformat()} to {self.period.end.isoformat()}"
        tail = f" ({self.error})" if self.error else ""
        return f"{self.result} {self.channel_id} {span}{tail}"


@dataclass
class Report:
    outcomes: list[Outcome] = field(default_factory=list)

    def count(self, result: str) -> int:
        return sum(1 for o in self.outcomes if o.result == result)

    @property
    def ok(self) -> bool:
        return self.count("failed") == 0


def run_due(
    now: datetime,
    store: Store,
    digests: DigestStore,
    client: WebClient,
    tz: tzinfo,
    *,
    owner: str | None = None,
    lease: timedelta = LEASE,
) -> Report:
    """Post every digest due at ``now`` (every ended period since each channel's last
    digest, oldest first). One channel's failure never stops the others."""
    job = _Job(now, store, digests, client, tz, owner or uuid.uuid4().hex, lease)
    report = Report()
    for sub in digests.active_subscriptions():
        try:
            report.outcomes += job.channel(sub)
        except Exception:
            log.exception("digest of channel %s failed", sub.channel_id)
    return report


@dataclass
class _Job:
    now: datetime
    store: Store
    digests: DigestStore
    client: WebClient
    tz: tzinfo
    owner: str
    lease: timedelta
    started: float = field(default_factory=time.monotonic)
    names: dict[str, str] = field(default_factory=dict)

    def clock(self) -> datetime:
        """``now`` moved on by the time this run has taken: the lease's clock."""
        return self.now + timedelta(seconds=time.monotonic() - self.started)

    def channel(self, sub: Subscription) -> list[Outcome]:
        last = self.digests.last_done_end(sub.team_id, sub.channel_id, sub.frequency)
        since = max(sub.active_since, last) if last else sub.active_since
        outcomes = []
        for period in due_periods(sub.frequency, self.tz, self.now, since):
            outcome = self.one(sub, period)
            outcomes.append(outcome)
            if outcome.result not in (POSTED, SKIPPED_EMPTY, "found"):
                break  # later periods wait for this one: digests stay in order
        return outcomes

    def one(self, sub: Subscription, period: Period) -> Outcome:
        claim = self.digests.claim(sub, period, self.owner, self.clock(), self.lease)
        if claim is None:
            return Outcome(sub.channel_id, period, "busy")
        try:
            return self._post(sub, period, claim)
        except SlackApiError as err:
            code = slack_error(err)
            self.digests.finish(claim, FAILED, self.clock())
            if code in NOT_IN_CHANNEL:
                self.digests.unsubscribe(sub.team_id, sub.channel_id, self.clock())
                log.warning(
                    "digest subscription of channel %s ended: the bot cannot post there (%s)",
                    sub.channel_id,
                    code,
                )
                return Outcome(sub.channel_id, period, "removed", error=code)
            log.error("digest of channel %s for %s failed: %s", sub.channel_id, period, code)
            return Outcome(sub.channel_id, period, "failed", error=code or str(err))
        except Exception as err:
            log.exception("digest of channel %s for %s failed", sub.channel_id, period)
            self.digests.finish(claim, FAILED, self.clock())
            return Outcome(sub.channel_id, period, "failed", error=type(err).__name__)

    def _post(self, sub: Subscription, period: Period, claim: Claim) -> Outcome:
        if claim.taken_over is not None:  # a crashed or failed attempt: did it post?
            found = self._already_posted(sub.channel_id, period)
            if found is not None:
                self.digests.finish(claim, POSTED, self.clock(), message_ts=found)
                log.info("digest of %s for %s was posted before a crash", sub.channel_id, period)
                return Outcome(sub.channel_id, period, "found", message_ts=found)
        digest = self._digest(sub, period)
        if digest.is_empty and not sub.include_empty:
            self.digests.finish(claim, SKIPPED_EMPTY, self.clock())
            return Outcome(sub.channel_id, period, SKIPPED_EMPTY)
        message = digest_message(
            digest, self.tz, names=self._names(digest), links=self._links(digest)
        )
        metadata = digest_metadata(digest)
        if not self.digests.renew(claim, self.clock()):
            return Outcome(sub.channel_id, period, "lost")
        ts = post_message(
            self.client,
            channel=sub.channel_id,
            text=message.text,
            blocks=message.blocks,
            metadata=metadata,
        )
        self.digests.finish(claim, POSTED, self.clock(), message_ts=ts)
        self.store.record_message(
            PostedMessage(
                channel_id=sub.channel_id, ts=ts, thread_ts=None, kind="digest",
                event_type=EVENT_TYPE,
            )
        )  # fmt: skip
        log.info("posted the %s digest of %s for %s", sub.frequency, sub.channel_id, period)
        return Outcome(sub.channel_id, period, POSTED, message_ts=ts)

    def _digest(self, sub: Subscription, period: Period) -> Digest:
        consultations = self.store.consultations_in(
            sub.team_id, sub.channel_id, period.start, period.end
        )
        return build_digest(
            team_id=sub.team_id,
            channel_id=sub.channel_id,
            frequency=sub.frequency,
            period=period,
            consultations=consultations,
            recommendations={c.id: self.store.recommendations(c.id) for c in consultations},
        )

    def _already_posted(self, channel_id: str, period: Period) -> str | None:
        try:
            return find_posted(self.client, channel_id, period)
        except SlackApiError as err:
            if slack_error(err) in NOT_IN_CHANNEL:
                raise
            log.warning(
                "cannot read %s's history to check for a digest posted before a crash (%s); "
                "posting it again",
                channel_id,
                slack_error(err),
            )
            return None

    def _names(self, digest: Digest) -> dict[str, str]:
        """Display names (plain text) of the people in the digest, looked up once a run."""
        for user in {line.user_id for line in digest.lines} - self.names.keys():
            self.names[user] = display_name(self.client, user)
        return self.names

    def _links(self, digest: Digest) -> dict[str, str]:
        links = {}
        for line in digest.lines[:MAX_LINKS]:
            if line.thread_ts:
                links[line.consultation_id] = permalink(
                    self.client, digest.channel_id, line.thread_ts
                )
        return links


def results(report: Report) -> Iterable[str]:
    """One line per digest of a run, for logs and the CLI."""
    return (outcome.describe() for outcome in report.outcomes)
