"""The retention job: the words of consultations older than ``ADVISOR_RETENTION_DAYS`` are
purged, once per hour across every process that runs it (bot/store/expiry.py).

It runs inside ``advisor serve`` every :data:`INTERVAL_SECONDS` (in gunicorn's master, like
the digests: bot/periodic.py), and from cron as ``advisor purge --due``; both may run at
once. Each run also finishes the purge of any workspace that removed the app and whose
purge was lost with its process (bot/store/workspaces.py).
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import datetime

from bot.periodic import Hooks, PeriodicJob, master_hooks
from bot.settings import RetentionSettings
from bot.store import Store
from bot.store.expiry import RetentionOutcome

log = logging.getLogger(__name__)

INTERVAL_SECONDS = 300.0
"""How often ``advisor serve`` looks; the purge itself runs once an hour."""


class RetentionRunner:
    """The job with what it needs, built from the settings."""

    def __init__(self, settings: RetentionSettings, *, store: Store | None = None) -> None:
        self.settings = settings
        self.store = store or Store.open(settings.database_url)

    def run(self, now: datetime) -> RetentionOutcome:
        for team_id in self.store.removals_pending():
            purged = self.store.purge_workspace(team_id)
            log.info("retention: purged workspace %s (%d rows)", team_id, purged.rows)
        outcome = self.store.run_retention(now, self.settings.advisor_retention_days)
        log.info("retention: %s", describe(outcome))
        return outcome

    def after_fork(self) -> None:
        """In a forked child: forget (without closing) the parent's pooled connections."""
        self.store.engine.dispose(close=False)


def describe(outcome: RetentionOutcome) -> str:
    """One line for the log and the CLI."""
    count = f"{outcome.count} consultation{'s' if outcome.count != 1 else ''}"
    before = f"started before {outcome.cutoff.isoformat(timespec='seconds')}"
    if outcome.result == "purged":
        return f"purged the words of {count} {before}"
    if outcome.result == "done":
        return f"already done this hour: {count} {before} purged"
    return "another process is purging this hour's consultations"


def retention_job(
    run: Callable[[datetime], object],
    interval: float = INTERVAL_SECONDS,
    *,
    first_delay: float = 0.0,
    fork_safe: bool = True,
) -> PeriodicJob:
    """The job every ``interval`` seconds, fork-safe unless told not to be."""
    return PeriodicJob("retention", run, interval, first_delay=first_delay, fork_safe=fork_safe)


def gunicorn_hooks(settings: RetentionSettings, interval: float = INTERVAL_SECONDS) -> Hooks:
    """Server hooks that run the retention job in gunicorn's master (bot/periodic.py)."""
    return master_hooks(lambda: RetentionRunner(settings), retention_job, interval)
