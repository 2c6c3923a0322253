"""When digests are due: pure functions of a frequency, a time zone and ``now``.

A daily period is ``[yesterday 09:00, today 09:00)`` and a weekly one
``[last Monday 09:00, this Monday 09:00)``, both in wall-clock time of the zone, so a
period across a DST change lasts 23 or 25 hours (or a week plus or minus an hour).
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta, tzinfo
from enum import StrEnum

from bot.clock import aware, utc

SEND_AT = time(9, 0)
MONDAY = 0


class Frequency(StrEnum):
    DAILY = "daily"
    WEEKLY = "weekly"

    @property
    def days(self) -> int:
        return 1 if self is Frequency.DAILY else 7


@dataclass(frozen=True, order=True)
class Period:
    """``[start, end)``, both aware, in the zone the schedule was computed in."""

    start: datetime
    end: datetime


def boundary(day: date, tz: tzinfo) -> datetime:
    """09:00 on ``day`` in ``tz`` (zoneinfo resolves a gap or a fold to the earlier offset)."""
    return datetime.combine(day, SEND_AT, tzinfo=tz)


def last_boundary(frequency: Frequency, tz: tzinfo, now: datetime) -> datetime:
    """The latest period end at or before ``now``: 09:00 today (daily) or this Monday
    (weekly), or the one before if ``now`` is earlier than that."""
    now = utc(now)  # compare instants (same-zone datetimes compare walls)
    today = now.astimezone(tz).date()
    if frequency is Frequency.WEEKLY:
        today -= timedelta(days=today.weekday() - MONDAY)
    end = boundary(today, tz)
    if end > now:
        end = boundary(today - timedelta(days=frequency.days), tz)
    return end


def period_ending(frequency: Frequency, end: datetime) -> Period:
    """The period that ends at the boundary ``end`` (wall-clock days back, not hours)."""
    tz = end.tzinfo
    assert tz is not None, "a period boundary is aware"
    start = boundary(end.date() - timedelta(days=frequency.days), tz)
    return Period(start, end)


def ended_periods(frequency: Frequency, tz: tzinfo, now: datetime) -> Iterator[Period]:
    """Every period that has ended by ``now``, newest first (endless; take what you need)."""
    end = last_boundary(frequency, tz, now)
    while True:
        period = period_ending(frequency, end)
        yield period
        end = period.start


def due_periods(frequency: Frequency, tz: tzinfo, now: datetime, since: datetime) -> list[Period]:
    """The periods that ended after ``since`` and by ``now``, oldest first.

    ``since`` is the end of the last period already sent (or skipped as empty), or the
    moment the channel subscribed: the period a subscription starts in is its first digest,
    and every period missed while nothing ran is still due, not skipped.
    """
    since = utc(since)
    due = []
    for period in ended_periods(frequency, tz, aware(now)):
        if period.end <= since:
            break
        due.append(period)
    return due[::-1]
