"""The loopback harness for the privacy tests: a fake Slack and the real server on a SQLite
file per module, a store on the same file to read what the tables hold, a fresh channel
per test."""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest

from bot.store import Store
from harness import SIGNING_SECRET, SLACK_ONLY, FakeSlack, ServerProcess, SlackRequests, server_env


@pytest.fixture(scope="module")
def fake() -> Iterator[FakeSlack]:
    with FakeSlack() as running:
        yield running


@pytest.fixture(scope="module")
def workdir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("privacy")


@pytest.fixture(scope="module")
def database(workdir: Path) -> Path:
    return workdir / "advisor.db"


@pytest.fixture(scope="module")
def server(fake: FakeSlack, workdir: Path, database: Path) -> Iterator[ServerProcess]:
    env = server_env(fake.base_url, f"sqlite:///{database}")
    process = ServerProcess(env, workdir / "server.log", extra_args=SLACK_ONLY).start()
    yield process
    process.stop()


@pytest.fixture(scope="module")
def store(server: ServerProcess, database: Path) -> Iterator[Store]:
    """The server's database, as another process reads it."""
    opened = Store.open(f"sqlite:///{database}")
    yield opened
    opened.close()


@pytest.fixture
def slack(server: ServerProcess, fake: FakeSlack) -> SlackRequests:
    fake.reset()
    return SlackRequests(server.base_url, SIGNING_SECRET)


@pytest.fixture
def channel() -> str:
    return "C" + uuid.uuid4().hex[:10].upper()
