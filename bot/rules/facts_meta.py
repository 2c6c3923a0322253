"""What kind of value each fact holds, read from :class:`bot.facts.Facts`.

The rules checker uses it to reject comparisons that make no sense (``task_type >= 3``),
and the follow-up questions use it to try the values a fact could take.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from enum import Enum
from types import MappingProxyType, NoneType
from typing import Literal, get_args

from pydantic.fields import FieldInfo

from bot.amount import Amount
from bot.case import Motive
from bot.facts import FACT_NAMES, PERCENT_FACTS, Facts

Kind = Literal["bool", "number", "enum", "text"]


@dataclass(frozen=True)
class FactKind:
    kind: Kind
    integer: bool = False
    low: float | None = None
    high: float | None = None
    choices: tuple[str, ...] = ()


INTEGER_FACTS = frozenset({"labeled_examples"})


def _kind_of(name: str, field: FieldInfo) -> FactKind:
    args = [a for a in get_args(field.annotation) if a is not NoneType] or [field.annotation]
    base = args[0]
    low = next((float(m.ge) for m in field.metadata if hasattr(m, "ge")), None)
    high = next((float(m.le) for m in field.metadata if hasattr(m, "le")), None)
    if base is Amount:
        high_bound = 1.0 if name in PERCENT_FACTS else None
        return FactKind("number", integer=name in INTEGER_FACTS, low=0.0, high=high_bound)
    if base is bool:
        return FactKind("bool")
    if isinstance(base, type) and issubclass(base, Enum):
        return FactKind("enum", choices=tuple(str(m.value) for m in base))
    if base in (int, float):
        return FactKind("number", integer=base is int, low=low, high=high)
    return FactKind("text")


FACT_KINDS: Mapping[str, FactKind] = MappingProxyType(
    {n: _kind_of(n, Facts.model_fields[n]) for n in FACT_NAMES}
)
"""Every fact's kind, by name."""

MOTIVE_NAMES: tuple[str, ...] = tuple(m.value for m in Motive)
