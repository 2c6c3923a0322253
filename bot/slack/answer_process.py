"""Answering in a process of its own, beside each web worker.

The advisor's work (parsing, rules, rendering) is CPU: run in the worker that answers
HTTP, it held the GIL while requests waited to be acknowledged. So a worker only stores
what arrives, acknowledges it, and hands a :class:`~bot.slack.jobs.Job` (a few ids) to
this process, which runs jobs on a thread pool (they mostly wait on Slack) at a lower CPU
priority than the web workers, so acknowledgements come first when the machine is busy.

The process is started with ``spawn`` (no copy of the worker's threads or locks), exits
when its worker does, and is started again if it died; jobs it lost are found again by
its :class:`~bot.slack.sweeper.Sweeper`.
"""

from __future__ import annotations

import contextlib
import logging
import multiprocessing
import os
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from typing import Any

from bot import logs
from bot.settings import Settings
from bot.slack.jobs import Job, run

log = logging.getLogger(__name__)

NICENESS = 10
"""Added to the process's nice value: below the web workers, which acknowledge."""
THREADS = 8
"""Jobs at once: enough to overlap Slack's waits; more only share the GIL (measured at 4, 8
and 16 with bench.slack: 8 kept the acknowledgements and the answers both lowest)."""
STOP_SECONDS = 10.0


class AnswerProcess:
    """The parent's handle: ``start``, ``submit`` jobs, ``stop``."""

    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self._context = multiprocessing.get_context("spawn")
        self._lock = threading.Lock()
        self._process: Any = None
        self._queue: Any = None

    def start(self) -> AnswerProcess:
        with self._lock:
            self._spawn()
        return self

    def _spawn(self) -> None:
        self._queue = self._context.Queue()
        self._process = self._context.Process(
            target=serve_jobs,
            args=(self.settings.model_dump(), self._queue, os.getpid()),
            name="advisor-answers",
            daemon=True,
        )
        self._process.start()

    def submit(self, job: Job) -> None:
        with self._lock:
            if self._process is None or not self._process.is_alive():
                log.warning("the answering process is not running; starting it")
                self._spawn()
            self._queue.put(job)

    def alive(self) -> bool:
        return self._process is not None and self._process.is_alive()

    def stop(self) -> None:
        with self._lock:
            if self._process is None:
                return
            with contextlib.suppress(Exception):
                self._queue.put(None)
            self._process.join(STOP_SECONDS)
            if self._process.is_alive():
                self._process.terminate()
                self._process.join(STOP_SECONDS)
            self._queue.close()
            self._queue.join_thread()
            self._process = self._queue = None  # its semaphores are released with it


def serve_jobs(settings_values: dict[str, Any], queue: Any, parent_pid: int) -> None:
    """The child: build the advisor and its Slack client, then run jobs until told to stop
    (``None``) or until its parent is gone."""
    from bot.advisor import Advisor
    from bot.slack.conversation import Conversations
    from bot.slack.poster import Poster
    from bot.slack.sweeper import Sweeper
    from bot.slackkit.client import make_client
    from bot.store import Store

    logs.configure()
    with contextlib.suppress(OSError):
        os.nice(NICENESS)
    settings = Settings(**settings_values)
    store = Store.open(settings.database_url)
    client = make_client(settings)
    conversations = Conversations(store, Advisor(), Poster(client, store))
    pool = ThreadPoolExecutor(THREADS, thread_name_prefix="answer")

    def submit(job: Job) -> None:
        pool.submit(run, conversations, job)

    sweeper = Sweeper(store, submit).start()
    threading.Thread(target=_exit_with_parent, args=(parent_pid,), daemon=True).start()
    while (job := queue.get()) is not None:
        submit(job)
    sweeper.stop()
    pool.shutdown(wait=True)
    store.close()


def _exit_with_parent(parent_pid: int) -> None:
    while os.getppid() == parent_pid:
        time.sleep(1.0)
    os._exit(0)
