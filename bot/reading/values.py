"""A number's value for the fact its role says it states: a volume per day, a count of
examples, a quality as a share of 1 (an error rate read as the quality it leaves)."""

from __future__ import annotations

from bot.amount import Amount
from bot.reading.mentions import Mention

MIN_TARGET = 0.5
"""Nobody needs a quality under half: a smaller target is an error rate."""


def share(m: Mention) -> Amount | None:
    """A number read as a share 0..1: 87% -> 0.87, "F1 0.71" -> 0.71, "we need 95" -> 0.95."""
    a = m.amount
    if m.percent:
        return a
    top = a.high if a.high is not None else a.low
    if top is None or m.currency:
        return None
    if top <= 1:
        return a
    if top <= 100:
        return a.scaled(0.01)
    return None


def complement(a: Amount) -> Amount:
    """1 - x: an error rate to the quality it leaves ("fails 1 in 5" -> 0.8)."""
    low = None if a.high is None else max(0.0, 1 - a.high)
    high = None if a.low is None else 1 - a.low
    if low is None:
        low = 0.0
    return Amount(low=low, high=high, low_strict=a.high_strict, high_strict=a.low_strict)


def _as_target(a: Amount) -> Amount:
    """A quality they need is a bar: "at least 90%" and "90%+" are a target of 90%."""
    if a.exact:
        return a
    if a.low is not None and (a.high is None or a.high >= 1):
        return Amount.exactly(a.low)
    if a.high is not None and (a.low is None or a.low == 0):
        return Amount.exactly(a.high)
    return a


def role_value(m: Mention, role: str) -> tuple[Amount, float | None] | None:
    """(the fact's value, the per-day factor of a volume) for ``m`` in ``role``; None when
    the number cannot be that fact (a volume with no period, a count that is a share)."""
    if role == "volume":
        if m.per_day is None:
            return None
        factor = None
        if m.amount.low and m.per_day.low:
            factor = m.per_day.low / m.amount.low
        return m.per_day, factor
    if role == "examples":
        if m.percent or m.currency:
            return None
        a = m.amount
        if a.exact and a.low is not None and not float(a.low).is_integer():
            return None
        return a, None
    value = share(m)
    if value is None:
        return None
    if role.endswith("_inv") or (role == "target" and (value.high or 1) < MIN_TARGET):
        value = complement(value)  # "target 5%" of errors is a quality of 95%
    if role.startswith("target"):
        value = _as_target(value)
    if any(not 0 <= b <= 1 for b in value.points()):
        return None
    return value, None
