"""The benchmarks' loopback: one indexed fake Slack, and the advisor and the bare Bolt app
served by the same stack (``advisor serve`` / ``bench.bare_app``), each on its own SQLite
file in a temp folder. Everything listens on 127.0.0.1."""

from __future__ import annotations

import statistics
import sys
import tempfile
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from bot.paths import PROJECT_ROOT
from harness import SIGNING_SECRET, SLACK_ONLY, ServerProcess, SlackRequests, server_env
from harness.load import IndexedFakeSlack
from harness.server_process import SERVE_COMMAND

BARE_COMMAND = [
    sys.executable,
    "-c",
    f"import sys; sys.path.insert(0, {str(PROJECT_ROOT)!r}); "
    "from bench.bare_app import main; main()",
    "serve",
]
"""``python -m bench.bare_app serve`` from any working directory."""


@dataclass
class Target:
    """A running server and the signed sender that talks to it."""

    name: str
    server: ServerProcess
    slack: SlackRequests

    def sender(self) -> Callable[[], SlackRequests]:
        """What :func:`harness.load.play_many` calls before each request."""
        return lambda: self.slack


@contextmanager
def running(
    fake: IndexedFakeSlack,
    names: Sequence[str] = ("advisor", "bare"),
    server_args: Sequence[str] = (),
    database_url: str | None = None,
) -> Iterator[dict[str, Target]]:
    """Start the named servers (``advisor``, ``bare``) against ``fake``, each with
    ``server_args`` (``--workers 2``), the advisor on ``database_url`` (default: a SQLite
    file in a temp folder; the bare app has no database); stop them after."""
    with tempfile.TemporaryDirectory(prefix="advisor-bench-") as tmp:
        targets: dict[str, Target] = {}
        try:
            for name in names:
                url = f"sqlite:///{Path(tmp) / f'{name}.db'}"
                if name == "advisor" and database_url:
                    url = database_url
                env = server_env(fake.base_url, url)
                command = BARE_COMMAND if name == "bare" else SERVE_COMMAND
                server = ServerProcess(
                    env,
                    Path(tmp) / f"{name}.log",
                    extra_args=[*SLACK_ONLY, *server_args],
                    command=command,
                ).start(timeout=60)
                targets[name] = Target(name, server, SlackRequests(server.base_url, SIGNING_SECRET))
            yield targets
        finally:
            for target in targets.values():
                target.server.stop()


def percentile(values: Sequence[float], q: float) -> float:
    ordered = sorted(values)
    if not ordered:
        return float("nan")
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


def ms(values: Sequence[float]) -> tuple[float, float]:
    """p50 and p99 in milliseconds, from seconds."""
    return percentile(values, 0.5) * 1000, percentile(values, 0.99) * 1000


def mean(values: Sequence[float]) -> float:
    return statistics.fmean(values) if values else float("nan")
