"""Running the digest job: once (``advisor digest --due``) or every few minutes inside
``advisor serve``.

Under gunicorn the scheduler thread runs in the **master** process, started by the
``when_ready`` server hook: there is exactly one master per server however many workers it
forks, and it outlives the workers gunicorn restarts (timeouts, ``max_requests``), so the
job neither runs once per worker nor dies with one. A thread is not copied by ``fork``, so
workers never run it, but a fork *during* a run would copy locks the thread holds (in
SQLAlchemy, in the HTTP client) into the worker, locked forever. So the store and client
are built in ``when_ready`` before any worker exists, the first run waits a few seconds
for the first workers, and every run holds a lock that ``os.register_at_fork`` takes
before each fork: a worker restarted during a run is forked when the run ends.
``post_fork`` drops the master's pooled database connections in each worker, as
SQLAlchemy asks for engines that cross a fork (a worker never uses them: it builds its own
app, store and client). Several servers (replicas), or cron beside them, each run the job;
the claims in ``digest_runs`` keep every digest to one post.
"""

from __future__ import annotations

import logging
import os
import threading
from collections.abc import Callable
from datetime import datetime
from typing import Any

from slack_sdk import WebClient

from bot.clock import utc_now
from bot.digest.job import Report, results, run_due
from bot.digest.store import DigestStore
from bot.settings import Settings
from bot.slackkit.client import make_client
from bot.store import Store

log = logging.getLogger(__name__)

INTERVAL_SECONDS = 300.0
FIRST_RUN_DELAY_SECONDS = 5.0
"""Under gunicorn: time for the first workers to be forked before the first run."""


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


class DigestScheduler:
    """A daemon thread calling ``run(now)`` after ``first_delay`` and then every
    ``interval`` seconds; an exception is logged and the next tick comes as usual. With
    ``fork_safe``, this process forks only between runs (see the module docstring)."""

    def __init__(
        self,
        run: Callable[[datetime], object],
        interval: float = INTERVAL_SECONDS,
        clock: Callable[[], datetime] = utc_now,
        *,
        first_delay: float = 0.0,
        fork_safe: bool = False,
    ) -> None:
        self._run = run
        self.interval = interval
        self.clock = clock
        self.first_delay = first_delay
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None
        self._running = threading.Lock()
        if fork_safe:
            os.register_at_fork(
                before=self._running.acquire,
                after_in_parent=self._running.release,
                after_in_child=self._forget_in_child,
            )

    def tick(self) -> None:
        with self._running:
            try:
                self._run(self.clock())
            except Exception:
                log.exception("the digest job failed; next try in %.0f s", self.interval)

    def _forget_in_child(self) -> None:
        """A forked child has no scheduler thread; its copy of the lock is held."""
        self._running = threading.Lock()
        self._thread = None

    def start(self) -> DigestScheduler:
        if self._thread is None:
            self._thread = threading.Thread(target=self._loop, name="digests", daemon=True)
            self._thread.start()
            log.info("channel digests: checking every %.0f s", self.interval)
        return self

    def stop(self, timeout: float = 10.0) -> None:
        self._stop.set()
        if self._thread is not None:
            self._thread.join(timeout)
            self._thread = None

    @property
    def running(self) -> bool:
        return self._thread is not None and self._thread.is_alive()

    def _loop(self) -> None:
        if self._stop.wait(self.first_delay):
            return
        while not self._stop.is_set():
            self.tick()
            self._stop.wait(self.interval)


def gunicorn_hooks(
    settings: Settings, interval: float = INTERVAL_SECONDS
) -> dict[str, Callable[..., Any]]:
    """Server hooks that run the scheduler in gunicorn's master (see the module docstring)."""
    state: dict[str, Any] = {}

    def runner() -> DigestRunner:
        if "runner" not in state:
            state["runner"] = DigestRunner(settings)
        found: DigestRunner = state["runner"]
        return found

    def run(now: datetime) -> Report:
        return runner().run(now)

    def when_ready(_server: Any) -> None:
        logging.basicConfig(
            level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s %(message)s"
        )
        try:
            runner()  # before any fork; if the database is down, the first run retries
        except Exception:
            log.exception("channel digests: cannot reach the database yet")
        scheduler = DigestScheduler(
            run, interval, first_delay=FIRST_RUN_DELAY_SECONDS, fork_safe=True
        )
        state["scheduler"] = scheduler.start()

    def post_fork(_server: Any, _worker: Any) -> None:
        runner = state.get("runner")
        if runner is not None:
            runner.after_fork()

    def on_exit(_server: Any) -> None:
        scheduler = state.get("scheduler")
        if scheduler is not None:
            scheduler.stop()

    return {"when_ready": when_ready, "post_fork": post_fork, "on_exit": on_exit}
