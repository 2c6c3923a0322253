"""The loopback harness as fixtures: one fake Slack and one real server per test module,
a fresh channel per test (so tests never see each other's threads)."""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest

from harness import (
    SIGNING_SECRET,
    SLACK_ONLY,
    FakeSlack,
    ServerProcess,
    SlackRequests,
    server_env,
)


@pytest.fixture(scope="module")
def fake() -> Iterator[FakeSlack]:
    with FakeSlack() as running:
        yield running


@pytest.fixture(scope="module")
def workdir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("slack")


@pytest.fixture(scope="module")
def server(fake: FakeSlack, workdir: Path) -> Iterator[ServerProcess]:
    env = server_env(fake.base_url, f"sqlite:///{workdir / 'advisor.db'}")
    process = ServerProcess(env, workdir / "server.log", extra_args=SLACK_ONLY).start()
    yield process
    process.stop()


@pytest.fixture
def slack(server: ServerProcess, fake: FakeSlack) -> SlackRequests:
    fake.reset()
    return SlackRequests(server.base_url, SIGNING_SECRET)


@pytest.fixture
def channel() -> str:
    return "C" + uuid.uuid4().hex[:10].upper()
