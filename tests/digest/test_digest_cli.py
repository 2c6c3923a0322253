"""``advisor digest --due``, the scheduler of ``advisor serve`` and ADVISOR_TIMEZONE."""

from __future__ import annotations

import logging
import os
import threading
from datetime import UTC, datetime, timedelta

import pytest
from click.testing import CliRunner
from digest_helpers import TEAM, DigestSlack, consultation

from bot.cli.main import cli
from bot.digest.schedule import Frequency
from bot.digest.scheduler import DigestScheduler
from bot.digest.store import DigestStore
from bot.settings import ConfigurationError, load_settings
from bot.store import Store
from harness import server_env


def invoke(args: list[str], env: dict[str, str]) -> tuple[int, str]:
    result = CliRunner().invoke(cli, args, env=env)
    return result.exit_code, result.output


@pytest.fixture
def env(fake: DigestSlack, database_url: str) -> dict[str, str]:
    return server_env(fake.base_url, database_url, ADVISOR_TIMEZONE="Europe/Berlin")


def test_digest_due_posts_what_is_due_as_of_now_and_says_so(
    fake: DigestSlack, store: Store, digests: DigestStore, env: dict[str, str]
) -> None:
    digests.subscribe(TEAM, "C1", Frequency.DAILY, datetime(2026, 11, 19, 12, tzinfo=UTC))
    consultation(store, datetime(2026, 11, 19, 13, tzinfo=UTC), "Classify tickets")

    code, out = invoke(["digest", "--due", "--now", "2026-11-20T09:00:00+01:00"], env)
    again_code, again = invoke(["digest", "--due", "--now", "2026-11-20T09:10:00+01:00"], env)

    assert code == 0, out
    assert "posted C1 2026-11-19T09:00:00+01:00 to 2026-11-20T09:00:00+01:00" in out
    assert "1 digest posted, 0 other outcomes." in out
    assert (again_code, again.strip()) == (0, "0 digests posted, 0 other outcomes.")
    assert len(fake.digests("C1")) == 1


def test_digest_due_exits_1_when_a_digest_failed(
    fake: DigestSlack, store: Store, digests: DigestStore, env: dict[str, str]
) -> None:
    digests.subscribe(TEAM, "C1", Frequency.DAILY, datetime(2026, 11, 19, 12, tzinfo=UTC))
    consultation(store, datetime(2026, 11, 19, 13, tzinfo=UTC), "Classify tickets")
    fake.fail_next("chat.postMessage", error="invalid_blocks")
    code, out = invoke(["digest", "--due", "--now", "2026-11-20T09:00:00+01:00"], env)
    assert code == 1
    assert "failed C1" in out and "invalid_blocks" in out


def test_digest_without_due_is_a_usage_error(env: dict[str, str]) -> None:
    code, out = invoke(["digest"], env)
    assert code == 2 and "pass --due" in out


def test_a_malformed_now_is_named(env: dict[str, str]) -> None:
    code, out = invoke(["digest", "--due", "--now", "next monday"], env)
    assert code == 2 and "expected an ISO time" in out


def test_an_unknown_time_zone_is_a_start_up_error_naming_the_setting(
    env: dict[str, str],
) -> None:
    code, out = invoke(["digest", "--due"], {**env, "ADVISOR_TIMEZONE": "Europe/Atlantis"})
    assert code == 2
    assert "ADVISOR_TIMEZONE is malformed" in out and "'Europe/Atlantis'" in out
    with pytest.raises(ConfigurationError, match=r"ADVISOR_TIMEZONE is malformed: .*IANA name"):
        load_settings(slack_bot_token="x", slack_signing_secret="y", advisor_timezone="CEST+1")


def test_the_time_zone_defaults_to_utc() -> None:
    settings = load_settings(slack_bot_token="x", slack_signing_secret="y")
    assert str(settings.timezone) == "UTC"


def test_the_scheduler_runs_the_job_with_its_clock_and_survives_a_failure(
    caplog: pytest.LogCaptureFixture,
) -> None:
    moments = iter(
        [datetime(2026, 11, 20, 9, tzinfo=UTC) + timedelta(minutes=5 * i) for i in range(3)]
    )
    seen: list[datetime] = []

    def job(now: datetime) -> None:
        seen.append(now)
        if len(seen) == 1:
            raise RuntimeError("database is down")

    scheduler = DigestScheduler(job, interval=300, clock=lambda: next(moments))
    with caplog.at_level(logging.ERROR):
        scheduler.tick()
        scheduler.tick()
    assert seen == [datetime(2026, 11, 20, 9, tzinfo=UTC), datetime(2026, 11, 20, 9, 5, tzinfo=UTC)]
    assert "the digest job failed; next try in 300 s" in caplog.text


def test_the_scheduler_thread_runs_at_start_and_stops() -> None:
    ran = threading.Event()
    scheduler = DigestScheduler(lambda _now: ran.set(), interval=3600).start()
    try:
        assert ran.wait(10)
        assert scheduler.running
    finally:
        scheduler.stop()
    assert not scheduler.running


def test_a_fork_waits_until_the_running_job_ends() -> None:
    started, release, forked = threading.Event(), threading.Event(), threading.Event()

    def job(_now: datetime) -> None:
        started.set()
        release.wait(10)

    scheduler = DigestScheduler(job, interval=3600, fork_safe=True).start()

    def fork() -> None:
        pid = os.fork()
        if pid == 0:
            os._exit(0)
        os.waitpid(pid, 0)
        forked.set()

    try:
        assert started.wait(10)
        forking = threading.Thread(target=fork)
        forking.start()
        assert not forked.wait(0.3)  # held back while the job runs
        release.set()
        assert forked.wait(10)
        forking.join(10)
    finally:
        release.set()
        scheduler.stop()
