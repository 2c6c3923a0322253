"""The loopback harness for the resilience suite: an indexed fake Slack per test, and a
real server (``advisor serve``) on a fresh SQLite file, started by a factory."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from harness import SLACK_ONLY, ServerProcess, server_env
from harness.load import IndexedFakeSlack

StartServer = Callable[..., ServerProcess]


@pytest.fixture
def fake() -> Iterator[IndexedFakeSlack]:
    with IndexedFakeSlack() as running:
        yield running


@pytest.fixture
def start_server(fake: IndexedFakeSlack, tmp_path: Path) -> Iterator[StartServer]:
    """``start_server(name, **env)``: a server (Slack only, as in tests/slack) on this test's
    database; all stopped at the end. Several calls share the database, like a restarted
    host."""
    started: list[ServerProcess] = []

    def start(name: str = "server", **env: str) -> ServerProcess:
        settings = server_env(fake.base_url, f"sqlite:///{tmp_path / 'advisor.db'}", **env)
        process = ServerProcess(settings, tmp_path / f"{name}.log", extra_args=SLACK_ONLY)
        process.start(timeout=60)
        started.append(process)
        return process

    yield start
    for process in started:
        process.stop()
