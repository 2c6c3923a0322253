"""``/advise digest`` and the in-process job through the real server (``advisor serve``),
and ``advisor digest --due`` as two processes at once."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from digest_helpers import TEAM, DigestSlack, consultation

from bot.digest import wording
from bot.digest.schedule import Frequency
from bot.digest.store import DigestStore
from bot.store import Store
from harness import SIGNING_SECRET, ServerProcess, SlackRequests, server_env

DIGEST_COMMAND = [sys.executable, "-c", "from bot.cli.main import main; main()", "digest"]


@pytest.fixture
def env(fake: DigestSlack, database_url: str) -> dict[str, str]:
    return server_env(fake.base_url, database_url, ADVISOR_TIMEZONE="Europe/Berlin")


@pytest.fixture
def server(env: dict[str, str], tmp_path: Path) -> Iterator[ServerProcess]:
    process = ServerProcess(env, tmp_path / "server.log").start()
    yield process
    process.stop()


def ephemeral(slack: SlackRequests, text: str, channel: str = "C1") -> str:
    """What the user who typed ``/advise text`` sees (the command's direct answer)."""
    answer = slack.command(text, channel=channel)
    assert answer.status == 200, answer
    return answer.body  # bolt answers ack(text=...) with the plain text


def test_the_slash_command_subscribes_reports_and_unsubscribes_a_channel(
    server: ServerProcess, fake: DigestSlack, database_url: str
) -> None:
    slack = SlackRequests(server.base_url, SIGNING_SECRET)

    assert ephemeral(slack, "digest") == wording.NOT_SUBSCRIBED
    assert ephemeral(slack, "digest weekly") == wording.subscribed("weekly", "Europe/Berlin")
    assert ephemeral(slack, "digest empty on") == wording.EMPTY_ON
    assert "weekly digest, every Monday at 09:00 (Europe/Berlin), even" in ephemeral(
        slack, "digest"
    )
    stored = DigestStore(Store.open(database_url).engine).subscription(TEAM, "C1")
    assert stored is not None
    assert (stored.frequency, stored.include_empty, stored.active) == (
        Frequency.WEEKLY, True, True,
    )  # fmt: skip
    assert ephemeral(slack, "DIGEST daily") == wording.subscribed("daily", "Europe/Berlin")
    assert ephemeral(slack, "digest off") == wording.UNSUBSCRIBED
    assert ephemeral(slack, "digest") == wording.NOT_SUBSCRIBED
    assert ephemeral(slack, "digest off") == wording.WAS_NOT_SUBSCRIBED
    assert ephemeral(slack, "digest empty off") == wording.NEEDS_SUBSCRIPTION
    assert fake.calls_to("chat.postMessage") == []  # all answers were private


def test_a_bad_digest_argument_answers_with_the_usage(server: ServerProcess) -> None:
    slack = SlackRequests(server.base_url, SIGNING_SECRET)
    assert ephemeral(slack, "digest monthly") == wording.USAGE
    assert ephemeral(slack, "digest empty maybe") == wording.USAGE


def test_a_use_case_that_starts_with_digest_is_still_a_consultation(
    server: ServerProcess, fake: DigestSlack
) -> None:
    slack = SlackRequests(server.base_url, SIGNING_SECRET)
    answer = slack.command("digest our weekly sales calls into short notes", channel="C9")
    assert answer.status == 200
    root = fake.wait_for("chat.postMessage", where=lambda c: c.args.get("channel") == "C9")[0]
    assert "sales calls" in root.text()


def test_serve_posts_a_missed_digest_when_it_comes_back(
    fake: DigestSlack, database_url: str, env: dict[str, str], tmp_path: Path
) -> None:
    now = datetime.now(UTC)
    store = Store.open(database_url)
    DigestStore(store.engine).subscribe(TEAM, "C1", Frequency.DAILY, now - timedelta(days=3))
    consultation(store, now - timedelta(days=2), "Classify support tickets")

    server = ServerProcess(env, tmp_path / "server.log").start()
    try:
        fake.wait_for("chat.postMessage", where=lambda c: c in fake.digests("C1"))
    finally:
        server.stop()  # lets the job's run finish (gunicorn's on_exit joins the thread)
    runs = DigestStore(store.engine).runs(TEAM, "C1")

    assert len(fake.digests("C1")) == 1
    assert [r.status for r in runs].count("posted") == 1
    assert "channel digests: checking every 300 s" in server.log()


def test_serve_no_digests_runs_no_digest_job(
    fake: DigestSlack, database_url: str, env: dict[str, str], tmp_path: Path
) -> None:
    store = Store.open(database_url)
    DigestStore(store.engine).subscribe(
        TEAM, "C1", Frequency.DAILY, datetime.now(UTC) - timedelta(days=3)
    )
    consultation(store, datetime.now(UTC) - timedelta(days=2), "Classify support tickets")
    server = ServerProcess(env, tmp_path / "server.log", extra_args=["--no-digests"]).start()
    server.stop()
    assert "channel digests" not in server.log()
    assert DigestStore(store.engine).runs(TEAM, "C1") == []


def test_two_cron_processes_at_once_post_one_digest(
    fake: DigestSlack, database_url: str, env: dict[str, str], tmp_path: Path
) -> None:
    store = Store.open(database_url)
    subscribed = datetime(2026, 11, 19, 12, tzinfo=UTC)
    for channel in ("C1", "C2", "C3"):
        DigestStore(store.engine).subscribe(TEAM, channel, Frequency.DAILY, subscribed)
        consultation(store, subscribed + timedelta(hours=1), "Classify tickets", channel=channel)
    command = [*DIGEST_COMMAND, "--due", "--now", "2026-11-20T09:00:30"]
    processes = [
        subprocess.Popen(
            command,
            env={**os.environ, **env},
            cwd=tmp_path,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
        )
        for _ in range(2)
    ]
    outputs = [p.communicate(timeout=60)[0] for p in processes]

    assert [p.returncode for p in processes] == [0, 0], outputs
    assert sorted(c.args["channel"] for c in fake.digests()) == ["C1", "C2", "C3"]
    assert sum(out.count("posted C") for out in outputs) == 3
