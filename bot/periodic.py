"""A job run every few minutes inside ``advisor serve``: channel digests (bot/digest/) and
the retention of consultations (bot/retention.py).

Under gunicorn each job's thread runs in the **master** process, started by the
``when_ready`` server hook: there is exactly one master per server however many workers it
forks, and it outlives the workers gunicorn restarts (timeouts, ``max_requests``), so a
job neither runs once per worker nor dies with one. A thread is not copied by ``fork``, so
workers never run it, but a fork *during* a run would copy locks the thread holds (in
SQLAlchemy, in the HTTP client) into the worker, locked forever. So each job's runner
(its store and client) is built in ``when_ready`` before any worker exists, the first run
waits a few seconds for the first workers, and every run holds a lock that
``os.register_at_fork`` takes before each fork: a worker restarted during a run is forked
when the run ends. ``post_fork`` drops the master's pooled database connections in each
worker, as SQLAlchemy asks for engines that cross a fork (a worker never uses them: it
builds its own app, store and client). Several servers (replicas), or cron beside them,
may each run a job: each job claims its work in the database, so it is done once.
"""

from __future__ import annotations

import inspect
import logging
import os
import threading
from collections.abc import Callable, Mapping
from datetime import datetime
from typing import Any, Protocol

from bot.clock import utc_now

log = logging.getLogger(__name__)

FIRST_RUN_DELAY_SECONDS = 5.0
"""Under gunicorn: time for the first workers to be forked before the first run."""

Hooks = dict[str, Callable[..., Any]]


class Runner(Protocol):
    """What a job runs with, built once in gunicorn's master before any fork."""

    def run(self, now: datetime) -> object: ...
    def after_fork(self) -> None: ...


class PeriodicJob:
    """A daemon thread calling ``run(now)`` after ``first_delay`` and then every
    ``interval`` seconds; an exception is logged and the next tick comes as usual. With
    ``fork_safe``, this process forks only between runs (see the module docstring).
    ``name`` says which job in the log ("the digest job failed"); ``title`` announces it
    at start ("channel digests: checking every 300 s")."""

    def __init__(
        self,
        name: str,
        run: Callable[[datetime], object],
        interval: float,
        clock: Callable[[], datetime] = utc_now,
        *,
        title: str | None = None,
        first_delay: float = 0.0,
        fork_safe: bool = False,
    ) -> None:
        self.name = name
        self.title = title or name
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
                log.exception("the %s job failed; next try in %.0f s", self.name, self.interval)

    def _forget_in_child(self) -> None:
        """A forked child has no job thread; its copy of the lock is held."""
        self._running = threading.Lock()
        self._thread = None

    def start(self) -> PeriodicJob:
        if self._thread is None:
            self._thread = threading.Thread(target=self._loop, name=self.name, daemon=True)
            self._thread.start()
            log.info("%s: checking every %.0f s", self.title, self.interval)
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


class JobFactory(Protocol):
    """Makes a kind of job around ``run`` (the digests' scheduler, the retention job)."""

    def __call__(
        self,
        run: Callable[[datetime], object],
        interval: float,
        *,
        first_delay: float,
        fork_safe: bool,
    ) -> PeriodicJob: ...


def master_hooks(make_runner: Callable[[], Runner], make_job: JobFactory, interval: float) -> Hooks:
    """gunicorn server hooks that run a job in the master (see the module docstring):
    ``make_runner()`` builds what it runs with, ``make_job(run, interval, ...)`` the job,
    fork-safe, its first run :data:`FIRST_RUN_DELAY_SECONDS` after the server is ready."""
    state: dict[str, Any] = {}

    def runner() -> Runner:
        if "runner" not in state:
            state["runner"] = make_runner()
        found: Runner = state["runner"]
        return found

    def run(now: datetime) -> object:
        return runner().run(now)

    def when_ready(_server: Any) -> None:
        logging.basicConfig(
            level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s %(message)s"
        )
        job = make_job(run, interval, first_delay=FIRST_RUN_DELAY_SECONDS, fork_safe=True)
        try:
            runner()  # before any fork; if the database is down, the first run retries
        except Exception:
            log.exception("%s: cannot reach the database yet", job.title)
        state["job"] = job.start()

    def post_fork(_server: Any, _worker: Any) -> None:
        found = state.get("runner")
        if found is not None:
            found.after_fork()

    def on_exit(_server: Any) -> None:
        job = state.get("job")
        if job is not None:
            job.stop()

    return {"when_ready": when_ready, "post_fork": post_fork, "on_exit": on_exit}


def combine(*hook_sets: Mapping[str, Callable[..., Any]]) -> Hooks:
    """Several jobs' server hooks as one set: each hook calls theirs in turn."""
    combined: dict[str, list[Callable[..., Any]]] = {}
    for hooks in hook_sets:
        for name, hook in hooks.items():
            combined.setdefault(name, []).append(hook)

    def chain(hooks: list[Callable[..., Any]]) -> Callable[..., Any]:
        """One hook calling ``hooks``, with their number of arguments (gunicorn checks it)."""

        def one(server: Any) -> None:
            for hook in hooks:
                hook(server)

        def two(server: Any, worker: Any) -> None:
            for hook in hooks:
                hook(server, worker)

        by_arity: dict[int, Callable[..., Any]] = {1: one, 2: two}
        return by_arity[len(inspect.signature(hooks[0]).parameters)]

    return {name: hooks[0] if len(hooks) == 1 else chain(hooks) for name, hooks in combined.items()}
