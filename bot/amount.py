"""A number as the user gave it: an exact figure, a range, or a bound.

"2,000 a day" is exact (low == high); "300-800 examples" is a range; "500+" and "over
10k" have no upper bound; "fewer than 100" has an upper bound the value stays below. The
advisor keeps what was said and never turns a range or a bound into a point: a threshold
is *met* when the whole interval meets it, *missed* when none of it does, and *undecided*
when the interval straddles it (:meth:`Amount.compare`).
"""

from __future__ import annotations

import math
from typing import Any, overload

from pydantic import BaseModel, ConfigDict, model_serializer, model_validator


class Amount(BaseModel):
    """``low``/``high``: the bounds (``None``: open at that end); ``*_strict``: the bound
    itself is excluded ("more than 10k", "fewer than 100")."""

    model_config = ConfigDict(frozen=True)

    low: float | None = None
    high: float | None = None
    low_strict: bool = False
    high_strict: bool = False

    @model_validator(mode="before")
    @classmethod
    def _from_plain(cls, data: Any) -> Any:
        """A number is exact; ``[low, high]`` (the eval cases' form) is a range."""
        if isinstance(data, bool):
            raise ValueError("a yes/no is not a number")
        if isinstance(data, int | float):
            return {"low": data, "high": data}
        if isinstance(data, list | tuple):
            if len(data) != 2:
                raise ValueError("a range is [low, high]")
            return {"low": data[0], "high": data[1]}
        return data

    @model_validator(mode="after")
    def _check(self) -> Amount:
        if self.low is None and self.high is None:
            raise ValueError("an amount needs at least one bound")
        for bound in (self.low, self.high):
            if bound is not None and not math.isfinite(bound):
                raise ValueError("an amount must be finite")
        if self.low is not None and self.high is not None and self.low > self.high:
            raise ValueError(f"the low bound {self.low:g} is above the high bound {self.high:g}")
        return self

    @model_serializer(mode="plain")
    def _plain(self) -> float | int | dict[str, float | int | None]:
        """The JSON contract: an exact figure is a number, else ``{"low": L, "high": H}``."""
        if self.exact:
            assert self.low is not None
            return _tidy(self.low)
        return {"low": _tidy(self.low), "high": _tidy(self.high)}

    @classmethod
    def exactly(cls, value: float) -> Amount:
        return cls(low=value, high=value)

    @property
    def exact(self) -> bool:
        return self.low is not None and self.low == self.high

    @property
    def value(self) -> float | None:
        """The figure when it is exact, else ``None``."""
        return self.low if self.exact else None

    @property
    def nominal(self) -> float:
        """One figure standing for the amount where a single number is unavoidable: the
        exact value, a closed range's midpoint, or an open bound itself. A reply that uses
        it for anything but an exact figure says so."""
        if self.low is not None and self.high is not None:
            return (self.low + self.high) / 2
        bound = self.low if self.low is not None else self.high
        assert bound is not None
        return bound

    def scaled(self, factor: float) -> Amount:
        """Both bounds times ``factor`` (a per-week volume to a day: ``factor=1/7``)."""
        return self.model_copy(
            update={
                "low": None if self.low is None else self.low * factor,
                "high": None if self.high is None else self.high * factor,
            }
        )

    def compare(self, op: str, other: float | Amount) -> bool | None:
        """Whether every value in the interval satisfies ``value <op> other``: ``True``
        (all do), ``False`` (none does) or ``None`` (undecided: the interval straddles)."""
        if isinstance(other, Amount):
            return _compare_amounts(self, op, other)
        lo, hi = self.low, self.high
        lo_in = lo is None or not self.low_strict  # is the low bound itself a possible value
        hi_in = hi is None or not self.high_strict
        if op in (">=", ">"):
            strict = op == ">"
            all_meet = lo is not None and (
                lo > other or (lo == other and (not strict or not lo_in))
            )
            none_meet = hi is not None and (hi < other or (hi == other and (strict or not hi_in)))
        elif op in ("<", "<="):
            strict = op == "<"
            all_meet = hi is not None and (
                hi < other or (hi == other and (not strict or not hi_in))
            )
            none_meet = lo is not None and (lo > other or (lo == other and (strict or not lo_in)))
        elif op == "==":
            all_meet = self.exact and self.low == other
            none_meet = not self.contains(other)
        elif op == "!=":
            all_meet = not self.contains(other)
            none_meet = self.exact and self.low == other
        else:
            raise ValueError(f"unknown comparison {op!r}")
        if all_meet:
            return True
        if none_meet:
            return False
        return None

    def contains(self, value: float) -> bool:
        """Whether ``value`` is a possible value of this amount."""
        if self.low is not None and (value < self.low or (value == self.low and self.low_strict)):
            return False
        return not (
            self.high is not None
            and (value > self.high or (value == self.high and self.high_strict))
        )

    def points(self) -> list[float]:
        """The bounds that exist (one for an exact figure)."""
        return sorted({b for b in (self.low, self.high) if b is not None})


def _compare_amounts(left: Amount, op: str, right: Amount) -> bool | None:
    """``left <op> right`` for two intervals (a baseline against a target)."""
    if left.exact and right.exact:
        assert left.low is not None and right.low is not None
        return left.compare(op, right.low)
    mirrored = {"<": ">", "<=": ">=", ">": "<", ">=": "<="}
    if op not in mirrored:
        return None if not (left.exact or right.exact) else left.compare(op, right.points()[0])
    # every left value below every right value, or none of them
    results = {left.compare(op, point) for point in right.points()}
    results |= {right.compare(mirrored[op], point) for point in left.points()}
    open_ended = right.low is None or right.high is None or left.low is None or left.high is None
    if results == {True} and not open_ended:
        return True
    if results == {False}:
        return False
    return None


@overload
def _tidy(value: float) -> float | int: ...
@overload
def _tidy(value: None) -> None: ...
def _tidy(value: float | None) -> float | int | None:
    """Whole numbers as ``int`` (600, not 600.0), others as they are."""
    if value is None:
        return None
    return int(value) if float(value).is_integer() and abs(value) < 2**53 else value


def format_number(value: float) -> str:
    """2,000; 5.7; 0.43."""
    if abs(value) >= 10 or float(value).is_integer():
        return f"{round(value):,}"
    return f"{value:.1f}" if abs(value) >= 1 else f"{value:.2g}"


def format_percent(value: float) -> str:
    """0.84 -> 84%; 0.875 -> 87.5%."""
    return f"{value:.0%}" if round(value * 100, 6).is_integer() else f"{value:.1%}"


def format_money(value: float) -> str:
    """Dollars with cents, the sign before the symbol: $1,212.50; -$12.50."""
    return f"{'-' if value < 0 else ''}${abs(value):,.2f}"


def format_amount(amount: Amount, *, percent: bool = False) -> str:
    """The figure as the user gave it: "2,000", "300-800", "500 or more", "over 10,000",
    "fewer than 100", "at most 50"; shares as percentages."""
    show = format_percent if percent else format_number
    lo, hi = amount.low, amount.high
    if lo == 0 and hi is not None and hi > 0:
        lo = None  # "fewer than 100" is kept as 0-100: said as the bound it is
    if amount.exact and amount.low is not None:
        return show(amount.low)
    if lo is not None and hi is not None:
        return f"{show(lo)}-{show(hi)}"
    if lo is not None:
        return f"over {show(lo)}" if amount.low_strict else f"{show(lo)} or more"
    assert hi is not None
    return f"fewer than {show(hi)}" if amount.high_strict else f"at most {show(hi)}"
