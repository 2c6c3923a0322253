"""The digest job against the fake Slack, with a controlled clock: each digest is posted
once, in order, whatever crashes, races or missed periods happen around it."""

from __future__ import annotations

import logging
import threading
from datetime import datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from digest_helpers import TEAM, DigestSlack, consultation, settings_for
from slack_sdk import WebClient

from bot.digest.job import LEASE, Report, run_due
from bot.digest.schedule import Frequency
from bot.digest.store import DigestStore
from bot.slackkit.client import make_client
from bot.store import Store

BERLIN = ZoneInfo("Europe/Berlin")


def on(day: int, hour: int = 10, minute: int = 0) -> datetime:
    return datetime(2026, 11, day, hour, minute, tzinfo=BERLIN)


class Crash(BaseException):
    """The process dies here: nothing after it runs, no handler catches it."""


@pytest.fixture
def client(fake: DigestSlack, database_url: str) -> WebClient:
    return make_client(settings_for(fake, database_url))


def run(store: Store, digests: DigestStore, client: WebClient, now: datetime) -> Report:
    return run_due(now, store, digests, client, BERLIN)


def periods(fake: DigestSlack, channel: str = "C1") -> list[tuple[str, str]]:
    return [
        (c.args["metadata"]["event_payload"]["period_start"][:16],
         c.args["metadata"]["event_payload"]["period_end"][:16])
        for c in fake.digests(channel)
    ]  # fmt: skip


def test_a_weekly_digest_is_posted_once_on_monday_with_its_metadata(
    fake: DigestSlack, store: Store, digests: DigestStore, client: WebClient
) -> None:
    digests.subscribe(TEAM, "C1", Frequency.WEEKLY, on(10))  # a Tuesday
    consultation(store, on(17), "Teach the model our catalogue", user="UBEN")
    consultation(store, on(19), "Classify tickets", strategy="prompt_engineering")

    before = run(store, digests, client, on(23, 8, 59))  # the week of the 9th was empty
    report = run(store, digests, client, on(23, 9, 5))
    again = run(store, digests, client, on(23, 9, 20))

    (posted,) = fake.digests("C1")
    assert [o.result for o in before.outcomes] == ["skipped_empty"]
    assert [o.result for o in report.outcomes] == ["posted"]
    assert again.outcomes == []
    assert posted.args["metadata"]["event_payload"] == {
        "channel": "C1",
        "period_start": "2026-11-16T09:00:00+01:00",
        "period_end": "2026-11-23T09:00:00+01:00",
        "consultations": 2,
        "by_strategy": {"prompt_engineering": 1, "rag": 1},
    }
    assert "asked by Ben &lt;!channel&gt;" in posted.text()
    assert "https://t.slack.com/archives/C1/p" in posted.text()  # chat.getPermalink
    runs = digests.runs(TEAM, "C1")
    assert [(r.status, r.message_ts) for r in runs] == [
        ("skipped_empty", None),
        ("posted", posted.ts),
    ]


def test_an_empty_period_posts_nothing_unless_the_channel_asked_for_empty_digests(
    fake: DigestSlack, store: Store, digests: DigestStore, client: WebClient
) -> None:
    digests.subscribe(TEAM, "C1", Frequency.DAILY, on(19, 12))
    digests.subscribe(TEAM, "C2", Frequency.DAILY, on(19, 12))
    digests.set_include_empty(TEAM, "C2", True, on(19, 12))

    report = run(store, digests, client, on(20, 9, 1))

    assert [(o.channel_id, o.result) for o in report.outcomes] == [
        ("C1", "skipped_empty"),
        ("C2", "posted"),
    ]
    assert fake.digests("C1") == []
    (empty,) = fake.digests("C2")
    assert "Nobody asked the advisor anything" in empty.text()
    assert empty.args["metadata"]["event_payload"]["consultations"] == 0


def test_two_processes_running_the_job_at_once_post_each_digest_once(
    fake: DigestSlack, database_url: str, client: WebClient
) -> None:
    setup = Store.open(database_url)
    channels = [f"C{i}" for i in range(6)]
    for channel in channels:
        DigestStore(setup.engine).subscribe(TEAM, channel, Frequency.DAILY, on(19, 12))
        consultation(setup, on(19, 13), "Classify tickets", channel=channel)
    start = threading.Barrier(2)
    reports: list[Report] = []

    def process() -> None:
        own = Store.open(database_url)  # its own engine and connections, like a process
        start.wait()
        reports.append(run(own, DigestStore(own.engine), client, on(20, 9, 0)))

    workers = [threading.Thread(target=process) for _ in range(2)]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join(30)

    assert sorted(c.args["channel"] for c in fake.digests()) == channels
    results = sorted(o.result for r in reports for o in r.outcomes)
    assert results.count("posted") == len(channels)
    assert set(results) <= {"posted", "busy"}


def test_a_crash_between_claiming_and_posting_is_posted_once_after_the_lease(
    fake: DigestSlack, store: Store, digests: DigestStore, client: WebClient,
    monkeypatch: pytest.MonkeyPatch,
) -> None:  # fmt: skip
    digests.subscribe(TEAM, "C1", Frequency.DAILY, on(19, 12))
    consultation(store, on(19, 13), "Classify tickets")

    def crash(**_kwargs: Any) -> Any:
        raise Crash

    with monkeypatch.context() as patch:
        patch.setattr(client, "chat_postMessage", crash)
        with pytest.raises(Crash):
            run(store, digests, client, on(20, 9, 0))
    (claimed,) = digests.runs(TEAM, "C1")
    assert claimed.status == "claimed"

    within_lease = run(store, digests, client, on(20, 9, 5))
    after_lease = run(store, digests, client, on(20, 9) + LEASE + timedelta(seconds=1))
    later = run(store, digests, client, on(20, 10))

    assert [o.result for o in within_lease.outcomes] == ["busy"]
    assert [o.result for o in after_lease.outcomes] == ["posted"]
    assert later.outcomes == []
    assert len(fake.digests("C1")) == 1
    (done,) = digests.runs(TEAM, "C1")
    assert (done.status, done.attempts) == ("posted", 2)


def test_a_crash_after_posting_before_recording_finds_the_post_instead_of_repeating_it(
    fake: DigestSlack, store: Store, digests: DigestStore, client: WebClient,
    monkeypatch: pytest.MonkeyPatch,
) -> None:  # fmt: skip
    digests.subscribe(TEAM, "C1", Frequency.DAILY, on(19, 12))
    consultation(store, on(19, 13), "Classify tickets")
    post = client.chat_postMessage

    def post_then_crash(**kwargs: Any) -> Any:
        post(**kwargs)
        raise Crash

    with monkeypatch.context() as patch:
        patch.setattr(client, "chat_postMessage", post_then_crash)
        with pytest.raises(Crash):
            run(store, digests, client, on(20, 9, 0))
    report = run(store, digests, client, on(20, 9, 11))

    (posted,) = fake.digests("C1")
    assert [o.result for o in report.outcomes] == ["found"]
    assert fake.calls_to("conversations.history")
    (done,) = digests.runs(TEAM, "C1")
    assert (done.status, done.message_ts) == ("posted", posted.ts)


def test_missed_periods_are_posted_oldest_first_when_the_job_runs_again(
    fake: DigestSlack, store: Store, digests: DigestStore, client: WebClient
) -> None:
    digests.subscribe(TEAM, "C1", Frequency.DAILY, on(16, 12))
    for day in (16, 17, 18, 19):
        consultation(store, on(day, 15), f"use case of the {day}th")
    run(store, digests, client, on(17, 9, 1))  # posts the 16th; then the server is down

    report = run(store, digests, client, on(20, 9, 30))

    assert [o.result for o in report.outcomes] == ["posted", "posted", "posted"]
    assert periods(fake) == [
        ("2026-11-16T09:00", "2026-11-17T09:00"),
        ("2026-11-17T09:00", "2026-11-18T09:00"),
        ("2026-11-18T09:00", "2026-11-19T09:00"),
        ("2026-11-19T09:00", "2026-11-20T09:00"),
    ]


def test_a_missed_week_is_sent_when_the_job_comes_back(
    fake: DigestSlack, store: Store, digests: DigestStore, client: WebClient
) -> None:
    digests.subscribe(TEAM, "C1", Frequency.WEEKLY, on(9, 12))
    consultation(store, on(11), "week one")
    consultation(store, on(18), "week two")

    run(store, digests, client, on(30, 9, 0))  # down from 9 Nov to 30 Nov 09:00

    assert periods(fake) == [
        ("2026-11-09T09:00", "2026-11-16T09:00"),
        ("2026-11-16T09:00", "2026-11-23T09:00"),
    ]  # the empty week of 23 Nov is skipped as empty, not missed
    assert [r.status for r in digests.runs(TEAM, "C1")] == ["posted", "posted", "skipped_empty"]


@pytest.mark.parametrize("error", ["not_in_channel", "channel_not_found", "is_archived"])
def test_a_channel_the_bot_was_removed_from_ends_its_subscription_only(
    fake: DigestSlack, store: Store, digests: DigestStore, client: WebClient,
    caplog: pytest.LogCaptureFixture, error: str,
) -> None:  # fmt: skip
    for channel in ("C1", "C2"):
        digests.subscribe(TEAM, channel, Frequency.DAILY, on(19, 12))
        consultation(store, on(19, 13), "Classify tickets", channel=channel)
    fake.fail_next("chat.postMessage", error=error)  # C1 comes first

    with caplog.at_level(logging.WARNING, logger="bot.digest.job"):
        report = run(store, digests, client, on(20, 9, 0))

    assert [(o.channel_id, o.result) for o in report.outcomes] == [
        ("C1", "removed"),
        ("C2", "posted"),
    ]
    assert len(fake.digests()) == 1
    assert "digest subscription of channel C1 ended" in caplog.text
    assert error in caplog.text
    c1, c2 = digests.subscription(TEAM, "C1"), digests.subscription(TEAM, "C2")
    assert c1 is not None and not c1.active
    assert c2 is not None and c2.active
    assert run(store, digests, client, on(21, 9, 0)).outcomes[0].channel_id == "C2"


def test_a_rate_limited_digest_is_retried_and_posted_once(
    fake: DigestSlack, store: Store, digests: DigestStore, client: WebClient
) -> None:
    digests.subscribe(TEAM, "C1", Frequency.DAILY, on(19, 12))
    consultation(store, on(19, 13), "Classify tickets")
    fake.fail_next("chat.postMessage", status=429, retry_after=0)

    report = run(store, digests, client, on(20, 9, 0))

    assert [o.result for o in report.outcomes] == ["posted"]
    assert [c.status for c in fake.calls_to("chat.postMessage")] == [429, 200]


def test_a_failed_post_is_retried_by_the_next_run_and_later_periods_wait(
    fake: DigestSlack, store: Store, digests: DigestStore, client: WebClient
) -> None:
    digests.subscribe(TEAM, "C1", Frequency.DAILY, on(18, 12))
    consultation(store, on(18, 13), "first")
    consultation(store, on(19, 13), "second")
    fake.fail_next("chat.postMessage", times=3, status=500)  # the first try and 2 retries

    failed = run(store, digests, client, on(20, 9, 0))
    retried = run(store, digests, client, on(20, 9, 5))

    assert [o.result for o in failed.outcomes] == ["failed"]
    assert not failed.ok
    assert [o.result for o in retried.outcomes] == ["posted", "posted"]
    assert periods(fake) == [
        ("2026-11-18T09:00", "2026-11-19T09:00"),
        ("2026-11-19T09:00", "2026-11-20T09:00"),
    ]


def test_a_resubscribed_channel_does_not_get_the_periods_it_was_unsubscribed_for(
    fake: DigestSlack, store: Store, digests: DigestStore, client: WebClient
) -> None:
    digests.subscribe(TEAM, "C1", Frequency.DAILY, on(16, 12))
    digests.unsubscribe(TEAM, "C1", on(16, 13))
    consultation(store, on(17, 13), "while off")
    digests.subscribe(TEAM, "C1", Frequency.DAILY, on(19, 12))
    consultation(store, on(19, 13), "back on")

    run(store, digests, client, on(20, 9, 0))

    assert periods(fake) == [("2026-11-19T09:00", "2026-11-20T09:00")]
