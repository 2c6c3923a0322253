"""The loopback harness for the resilience suite: an indexed fake Slack per test, and a
real server (``advisor serve``) on a fresh SQLite file, started by a factory."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from harness import SLACK_ONLY, ServerProcess, server_env
from harness.load import IndexedFakeSlack
from harness.postgres import URL_VARIABLE, base_url, fresh_database, reachable

StartServer = Callable[..., ServerProcess]


@pytest.fixture
def fake() -> Iterator[IndexedFakeSlack]:
    with IndexedFakeSlack() as running:
        yield running


@pytest.fixture(params=["sqlite", "postgresql"])
def any_database(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """This test's database: a SQLite file, then a new PostgreSQL database (skipped, with
    the reason, where none is reachable)."""
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'advisor.db'}"
        return
    url = base_url()
    if url is None:
        pytest.skip(f"set {URL_VARIABLE}=postgresql+psycopg://... to run on PostgreSQL too")
    why = reachable(url)
    if why is not None:
        pytest.skip(f"the PostgreSQL of {URL_VARIABLE} is not reachable: {why}")
    with fresh_database(url) as fresh:
        yield fresh


@pytest.fixture
def start_server(fake: IndexedFakeSlack, tmp_path: Path) -> Iterator[StartServer]:
    """``start_server(name, database_url=None, **env)``: a server (Slack only, as in
    tests/slack) on this test's SQLite database (or ``database_url``); all stopped at the
    end. Several calls share the database, like a restarted host."""
    started: list[ServerProcess] = []

    def start(name: str = "server", database_url: str | None = None, **env: str) -> ServerProcess:
        url = database_url or f"sqlite:///{tmp_path / 'advisor.db'}"
        settings = server_env(fake.base_url, url, **env)
        process = ServerProcess(settings, tmp_path / f"{name}.log", extra_args=SLACK_ONLY)
        process.start(timeout=60)
        started.append(process)
        return process

    yield start
    for process in started:
        process.stop()
