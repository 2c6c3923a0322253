"""Finishing what a stopped process left: answers whose holder vanished, ``/advise`` roots
never posted, forgotten threads whose messages are not all deleted, workspaces removed but
not purged, and, once at start, turns no answer covered (jobs lost with a process).
Every instance's sweeper may find the same work; the lease lets one of them do it."""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from datetime import UTC, datetime, timedelta

from bot.slack.jobs import Job
from bot.store import Store

log = logging.getLogger(__name__)

INTERVAL_SECONDS = 15.0
OPENING_SETTLED = timedelta(seconds=30)
"""An /advise still not opened after this (and not being opened) lost its job."""
LOOK_BACK_AT_START = timedelta(minutes=30)


class Sweeper:
    """A daemon thread handing ``submit`` the jobs that were lost."""

    def __init__(
        self, store: Store, submit: Callable[[Job], object], interval: float = INTERVAL_SECONDS
    ) -> None:
        self.store = store
        self.submit = submit
        self.interval = interval
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._loop, name="sweeper", daemon=True)

    def start(self) -> Sweeper:
        self._thread.start()
        return self

    def stop(self) -> None:
        self._stop.set()

    def sweep(self, *, at_start: bool = False) -> int:
        """Submit a job for each piece of lost work found now; how many."""
        answers = set(self.store.abandoned())
        if at_start:
            since = datetime.now(UTC) - LOOK_BACK_AT_START
            answers |= set(self.store.unanswered(since=since))
        opens = self.store.stuck_opening(settled=OPENING_SETTLED)
        for consultation_id in sorted(answers):
            self.submit(Job("answer", consultation_id))
        for consultation_id in opens:
            self.submit(Job("open", consultation_id))
        if answers or opens:
            log.info("sweeper: %d answer(s) and %d opening(s) resumed", len(answers), len(opens))
        return len(answers) + len(opens) + self._sweep_withdrawn()

    def _sweep_withdrawn(self) -> int:
        """Forgotten consultations with bot messages left in Slack, and workspaces that
        removed the app whose data is not purged yet (their jobs were lost, or failed)."""
        forgets = self.store.withdrawn_with_messages()
        teams = self.store.removals_pending()
        for consultation_id in forgets:
            self.submit(Job("forget", consultation_id))
        for team_id in teams:
            self.submit(Job("purge_workspace", team_id=team_id))
        if forgets or teams:
            log.info("sweeper: %d forget(s) and %d purge(s) resumed", len(forgets), len(teams))
        return len(forgets) + len(teams)

    def _loop(self) -> None:
        at_start = True
        while not self._stop.is_set():
            try:
                self.sweep(at_start=at_start)
                at_start = False
            except Exception:
                log.warning("sweeper: the database did not answer; trying again later")
            self._stop.wait(self.interval)
