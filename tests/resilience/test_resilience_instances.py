"""Two ``advisor serve`` instances on one PostgreSQL, as a deployment with two hosts runs
them: started at the same moment on an empty database, then taking turns of the same
conversations. Skips with its reason where no PostgreSQL is reachable (CI starts one)."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from harness import SIGNING_SECRET, ServerProcess, SlackRequests, server_env
from harness.load import IndexedFakeSlack, check, event_type, play_many
from harness.postgres import URL_VARIABLE, base_url, fresh_database, reachable

pytestmark = pytest.mark.slow

CONVERSATIONS = 100


@pytest.fixture
def postgres_url() -> Iterator[str]:
    url = base_url()
    if url is None:
        pytest.skip(
            f"two instances need a shared PostgreSQL: set {URL_VARIABLE}="
            "postgresql+psycopg://... (CI starts one with .ci/postgres.sh)"
        )
    why = reachable(url)
    if why is not None:
        pytest.skip(f"the PostgreSQL of {URL_VARIABLE} is not reachable: {why}")
    with fresh_database(url) as fresh:
        yield fresh


def _start_together(
    fake: IndexedFakeSlack, url: str, workdir: Path, extra_args: list[str]
) -> list[ServerProcess]:
    servers = [
        ServerProcess(
            server_env(fake.base_url, url), workdir / f"{name}.log", extra_args=extra_args
        )
        for name in ("first", "second")
    ]
    with ThreadPoolExecutor(len(servers)) as pool:
        list(pool.map(lambda server: server.start(timeout=90), servers))
    return servers


def _tracebacks(servers: list[ServerProcess]) -> list[str]:
    return [
        f"{server.log_path.name}: {line}"
        for server in servers
        for line in server.log_path.read_text(errors="replace").splitlines()
        if "Traceback" in line or " ERROR " in line
    ]


@pytest.mark.timeout(240)
def test_two_instances_started_together_on_an_empty_database_both_start_cleanly(
    fake: IndexedFakeSlack, postgres_url: str, tmp_path: Path
) -> None:
    servers = _start_together(fake, postgres_url, tmp_path, ["--workers", "2"])
    try:
        time.sleep(8)  # past the digest scheduler's first run in each master
        assert [server.healthz() for server in servers] == [200, 200]
    finally:
        for server in servers:
            server.stop()
    assert _tracebacks(servers) == []


@pytest.mark.timeout(300)
def test_conversations_whose_turns_alternate_between_two_instances_each_end_in_one_recommendation(
    fake: IndexedFakeSlack, postgres_url: str, tmp_path: Path
) -> None:
    servers = _start_together(fake, postgres_url, tmp_path, [])
    senders = [SlackRequests(s.base_url, SIGNING_SECRET) for s in servers]
    turns = threading.local()  # a conversation's turns are sent one by one from one thread

    def next_sender() -> SlackRequests:
        turns.count = getattr(turns, "count", 0) + 1
        return senders[turns.count % 2]  # so each turn goes to the other instance

    alternate: Callable[[], SlackRequests] = next_sender
    try:
        outcomes = play_many(
            fake, alternate, CONVERSATIONS, channels=25, workers=16, timeout=60, prefix="CTWO"
        )
    finally:
        for server in servers:
            server.stop()
    assert check(fake, outcomes) == []
    recommendations = {
        o.token: [event_type(c) for c in fake.posts(o.channel, o.thread_ts)].count(
            "advisor_recommendation"
        )
        for o in outcomes
    }
    assert {token: n for token, n in recommendations.items() if n != 1} == {}
    assert _tracebacks(servers) == []
