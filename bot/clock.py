"""Moments in time, one way everywhere: aware datetimes, in UTC where they are stored.

SQLite hands back naive datetimes for the aware ones it was given; :func:`aware` reads
those as UTC, which is what the stores wrote.
"""

from __future__ import annotations

from datetime import UTC, datetime


def utc_now() -> datetime:
    """Now, aware, in UTC."""
    return datetime.now(UTC)


def aware(moment: datetime) -> datetime:
    """``moment`` with a time zone: a naive one is taken as UTC, an aware one is kept."""
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


def utc(moment: datetime) -> datetime:
    """The same instant in UTC (a naive moment is taken as UTC)."""
    return aware(moment).astimezone(UTC)
