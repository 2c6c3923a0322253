"""When digests are due: 09:00 daily, Monday 09:00 weekly, in the configured zone."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

from bot.digest.schedule import Frequency, Period, due_periods, last_boundary

BERLIN = ZoneInfo("Europe/Berlin")
NEW_YORK = ZoneInfo("America/New_York")


def at(text: str, tz: ZoneInfo = BERLIN) -> datetime:
    return datetime.fromisoformat(text).replace(tzinfo=tz)


def test_a_daily_period_is_yesterday_nine_to_today_nine() -> None:
    due = due_periods(Frequency.DAILY, BERLIN, at("2026-11-20T09:05"), at("2026-11-19T12:00"))
    assert due == [Period(at("2026-11-19T09:00"), at("2026-11-20T09:00"))]


def test_nothing_is_due_before_nine() -> None:
    due = due_periods(Frequency.DAILY, BERLIN, at("2026-11-20T08:59"), at("2026-11-19T12:00"))
    assert due == []


def test_the_period_ends_exactly_at_nine() -> None:
    now = at("2026-11-20T09:00")
    assert last_boundary(Frequency.DAILY, BERLIN, now) == now
    assert last_boundary(Frequency.DAILY, BERLIN, now - timedelta(microseconds=1)) == at(
        "2026-11-19T09:00"
    )


def test_a_weekly_period_runs_monday_nine_to_monday_nine() -> None:
    # Sunday night: the week that ended last Monday; Monday 09:00 closes the next one.
    since = at("2026-11-10T10:00")  # a Tuesday
    sunday = due_periods(Frequency.WEEKLY, BERLIN, at("2026-11-15T23:00"), since)
    monday = due_periods(Frequency.WEEKLY, BERLIN, at("2026-11-16T09:00"), since)
    assert sunday == []
    assert monday == [Period(at("2026-11-09T09:00"), at("2026-11-16T09:00"))]
    assert monday[0].start.weekday() == 0


def test_the_zone_decides_the_moment() -> None:
    # 09:00 in New York is 14:00 UTC in November: at 13:00 UTC nothing is due there yet.
    now = datetime(2026, 11, 20, 13, 0, tzinfo=UTC)
    since = datetime(2026, 11, 19, 16, 0, tzinfo=UTC)
    assert due_periods(Frequency.DAILY, NEW_YORK, now, since) == []
    assert due_periods(Frequency.DAILY, UTC, now, since) == [
        Period(datetime(2026, 11, 19, 9, tzinfo=UTC), datetime(2026, 11, 20, 9, tzinfo=UTC))
    ]


def test_the_day_the_clocks_go_back_lasts_25_hours_and_still_ends_at_nine() -> None:
    # Berlin leaves summer time on Sunday 25 October 2026 at 03:00.
    (period,) = due_periods(Frequency.DAILY, BERLIN, at("2026-10-25T09:30"), at("2026-10-24T10:00"))
    assert (period.start, period.end) == (at("2026-10-24T09:00"), at("2026-10-25T09:00"))
    assert period.end.astimezone(UTC) - period.start.astimezone(UTC) == timedelta(hours=25)
    assert period.start.astimezone(UTC).hour == 7  # 09:00 CEST
    assert period.end.astimezone(UTC).hour == 8  # 09:00 CET


def test_the_week_the_clocks_go_forward_is_an_hour_short() -> None:
    # Summer time starts Sunday 29 March 2026.
    (period,) = due_periods(
        Frequency.WEEKLY, BERLIN, at("2026-03-30T09:00"), at("2026-03-24T09:00")
    )
    assert (period.start, period.end) == (at("2026-03-23T09:00"), at("2026-03-30T09:00"))
    assert period.end.astimezone(UTC) - period.start.astimezone(UTC) == timedelta(days=7, hours=-1)
    assert period.end.astimezone(UTC).hour == 7  # 09:00 CEST


def test_missed_periods_are_all_due_oldest_first() -> None:
    # Last digest covered up to Monday 9 Nov; the server was down until Thursday 12 Nov.
    due = due_periods(Frequency.DAILY, BERLIN, at("2026-11-12T10:00"), at("2026-11-09T09:00"))
    assert [p.end for p in due] == [
        at("2026-11-10T09:00"),
        at("2026-11-11T09:00"),
        at("2026-11-12T09:00"),
    ]


def test_a_missed_week_is_due_with_the_current_one() -> None:
    due = due_periods(Frequency.WEEKLY, BERLIN, at("2026-11-23T09:01"), at("2026-11-09T09:00"))
    assert due == [
        Period(at("2026-11-09T09:00"), at("2026-11-16T09:00")),
        Period(at("2026-11-16T09:00"), at("2026-11-23T09:00")),
    ]


def test_the_period_a_channel_subscribed_in_is_its_first_digest() -> None:
    subscribed = at("2026-11-18T15:00")  # a Wednesday afternoon
    daily = due_periods(Frequency.DAILY, BERLIN, at("2026-11-19T09:00"), subscribed)
    weekly = due_periods(Frequency.WEEKLY, BERLIN, at("2026-11-23T09:00"), subscribed)
    assert daily == [Period(at("2026-11-18T09:00"), at("2026-11-19T09:00"))]
    assert weekly == [Period(at("2026-11-16T09:00"), at("2026-11-23T09:00"))]


def test_a_period_already_sent_is_not_due_again() -> None:
    sent_up_to = at("2026-11-20T09:00")
    assert due_periods(Frequency.DAILY, BERLIN, at("2026-11-20T17:00"), sent_up_to) == []
