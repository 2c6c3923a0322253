"""Running the digest job: once (``advisor digest --due``) or every few minutes inside
``advisor serve``, in gunicorn's master process (how, and why it is safe across the
workers' forks: bot/periodic.py). Several servers (replicas), or cron beside them, each
run the job; the claims in ``digest_runs`` keep every digest to one post.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import datetime

from slack_sdk import WebClient

from bot.clock import utc_now
from bot.digest.job import Report, results, run_due
from bot.digest.store import DigestStore
from bot.periodic import Hooks, PeriodicJob, master_hooks
from bot.settings import Settings
from bot.slackkit.client import make_client
from bot.store import Store

log = logging.getLogger(__name__)

INTERVAL_SECONDS = 300.0


class DigestRunner:
    """The job with everything it needs, built from the settings."""

    def __init__(
        self, settings: Settings, *, store: Store | None = None, client: WebClient | None = None
    ) -> None:
        self.settings = settings
        self.store = store or Store.open(settings.database_url)
        self.digests = DigestStore(self.store.engine)
        self.client = client or make_client(settings)

    def run(self, now: datetime) -> Report:
        report = run_due(now, self.store, self.digests, self.client, self.settings.timezone)
        for line in results(report):
            log.info("digest: %s", line)
        return report

    def after_fork(self) -> None:
        """In a forked child: forget (without closing) the parent's pooled connections."""
        self.store.engine.dispose(close=False)


class DigestScheduler(PeriodicJob):
    """The digest job every ``interval`` seconds (see :class:`bot.periodic.PeriodicJob`)."""

    def __init__(
        self,
        run: Callable[[datetime], object],
        interval: float = INTERVAL_SECONDS,
        clock: Callable[[], datetime] = utc_now,
        *,
        first_delay: float = 0.0,
        fork_safe: bool = False,
    ) -> None:
        super().__init__(
            "digest",
            run,
            interval,
            clock,
            title="channel digests",
            first_delay=first_delay,
            fork_safe=fork_safe,
        )


def gunicorn_hooks(settings: Settings, interval: float = INTERVAL_SECONDS) -> Hooks:
    """Server hooks that run the digest job in gunicorn's master (bot/periodic.py)."""
    return master_hooks(lambda: DigestRunner(settings), DigestScheduler, interval)
