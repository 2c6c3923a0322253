"""Cutting an :class:`Amount` at the thresholds the rules compare it with.

A piece never straddles a threshold, so every comparison with one is decided on it: this
is how the advisor tries the values an unknown figure could take, and how it finds which
threshold a range ("300-800 examples") leaves open.
"""

from __future__ import annotations

from collections.abc import Iterable

from bot.amount import Amount


def decided_at(amount: Amount, point: float) -> bool:
    """Whether every comparison of ``amount`` with ``point`` is decided."""
    return amount.compare(">=", point) is not None and amount.compare(">", point) is not None


def below(amount: Amount, point: float) -> Amount | None:
    """The part of ``amount`` under ``point`` (``None`` when there is none)."""
    low, high = amount.low, amount.high
    if low is not None and low >= point:
        return None
    if high is not None and high < point:
        return amount
    return Amount(low=low, high=point, low_strict=amount.low_strict, high_strict=True)


def at_least(amount: Amount, point: float) -> Amount | None:
    """The part of ``amount`` at or above ``point`` (``None`` when there is none)."""
    low, high = amount.low, amount.high
    if high is not None and (high < point or (high == point and amount.high_strict)):
        return None
    if low is not None and low >= point:
        return amount
    return Amount(low=point, high=high, high_strict=amount.high_strict)


def above(amount: Amount, point: float) -> Amount | None:
    """The part of ``amount`` strictly above ``point``."""
    low, high = amount.low, amount.high
    if high is not None and high <= point:
        return None
    if low is not None and low > point:
        return amount
    return Amount(low=point, high=high, low_strict=True, high_strict=amount.high_strict)


def split(amount: Amount, points: Iterable[float]) -> list[Amount]:
    """``amount`` cut at every point it straddles: below it, the point itself, above it.
    One piece (``amount`` itself) when it straddles none."""
    pieces = [amount]
    for point in sorted(set(points)):
        cut: list[Amount] = []
        for piece in pieces:
            if decided_at(piece, point):
                cut.append(piece)
                continue
            parts = [below(piece, point)]
            if piece.contains(point):
                parts.append(Amount.exactly(point))
            parts.append(above(piece, point))
            cut += [p for p in parts if p is not None]
        pieces = cut
    return pieces
