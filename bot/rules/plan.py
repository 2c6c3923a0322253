"""What the decision reads and compares, worked out once per rule book: the facts it
reads, the named conditions each fact leaves untouched, and the comparisons it makes of
each number, so that trying the values of an open fact is quick (bot.rules.counterfactual).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from types import MappingProxyType

from bot.amount import Amount
from bot.facts import FACT_NAMES
from bot.rules.conditions import AnyCond, FactRef, comparisons, reads
from bot.rules.evaluate import compare_values
from bot.rules.facts_meta import FACT_KINDS
from bot.rules.intervals import split
from bot.rules.schema import RulesFile

Anchor = float | FactRef
"""What a number fact is compared with: a threshold or literal, or another fact."""

Test = tuple[str, Anchor]
"""A comparison the decision makes of a number fact: (operator, what it is compared with),
the fact on the left."""


@dataclass(frozen=True, slots=True)
class Plan:
    """What the decision reads, worked out once, for trying the values of open facts."""

    decision_reads: tuple[str, ...]
    """The facts the strategy, later-step and technique rules read, in the facts' order:
    the decision is a function of these (and the motives) alone."""
    keep: Mapping[str, frozenset[str]]
    """Fact -> the named conditions that do not read it (their results carry over)."""
    tests: Mapping[str, tuple[Test, ...]]
    """Number fact -> every comparison the decision makes of it."""
    unknown_pieces: Mapping[str, tuple[Amount, ...]]
    """Number fact compared only with fixed numbers -> the values worth trying: one for
    each way those comparisons can come out."""


MIRRORED: Mapping[str, str] = MappingProxyType(
    {"<": ">", "<=": ">=", ">": "<", ">=": "<=", "==": "==", "!=": "!="}
)


def make_plan(spec: RulesFile, thresholds: Mapping[str, float]) -> Plan:
    """What the decision of ``spec`` reads and compares, worked out once."""
    named: Mapping[str, AnyCond] = spec.conditions
    decision: list[AnyCond] = [r.when for r in spec.strategy if r.when is not None]
    decision += [s.when for s in spec.later_steps]
    decision += [t.when for t in spec.technique if t.when is not None]
    read = {n for cond in decision for n in reads(cond, named)}
    named_reads = {name: set(reads(cond, named)) for name, cond in named.items()}
    tests = {
        name: tuple(dict.fromkeys(_tests(decision, named, name, thresholds))) for name in FACT_NAMES
    }
    pieces: dict[str, tuple[Amount, ...]] = {}
    for name, found in tests.items():
        kind = FACT_KINDS[name]
        if kind.kind != "number" or any(isinstance(a, FactRef) for _, a in found):
            continue
        domain = Amount(low=kind.low, high=kind.high)
        cut = split(domain, [a for _, a in found if isinstance(a, float)])
        pieces[name] = tuple(distinct(cut, found, {}))
    return Plan(
        decision_reads=tuple(n for n in FACT_NAMES if n in read),
        keep=MappingProxyType(
            {f: frozenset(n for n, r in named_reads.items() if f not in r) for f in FACT_NAMES}
        ),
        tests=MappingProxyType(tests),
        unknown_pieces=MappingProxyType(pieces),
    )


def verdicts(
    piece: Amount, tests: tuple[Test, ...], facts: Mapping[str, object]
) -> tuple[bool | None, ...]:
    """How each comparison the decision makes of the fact comes out on ``piece``."""
    out: list[bool | None] = []
    for op, anchor in tests:
        other = facts.get(anchor.fact) if isinstance(anchor, FactRef) else anchor
        out.append(None if other is None else compare_values(piece, op, other))
    return tuple(out)


def distinct(
    pieces: list[Amount], tests: tuple[Test, ...], facts: Mapping[str, object]
) -> list[Amount]:
    """One piece for each way the decision's comparisons can come out, in order: the
    first of each run of pieces that every comparison treats alike."""
    out: list[Amount] = []
    seen: set[tuple[bool | None, ...]] = set()
    for piece in pieces:
        verdict = verdicts(piece, tests, facts)
        if verdict not in seen:
            seen.add(verdict)
            out.append(piece)
    return out


def _tests(
    decision: list[AnyCond],
    named: Mapping[str, AnyCond],
    name: str,
    thresholds: Mapping[str, float],
) -> list[Test]:
    out: list[Test] = []
    for cond in decision:
        for leaf in comparisons(cond, named):
            op = getattr(leaf, "op", "==")
            right = getattr(leaf, "value", getattr(leaf, "is_", None))
            if leaf.fact == name:
                if isinstance(right, FactRef):
                    out.append((op, right))
                elif isinstance(right, str) and right in thresholds:
                    out.append((op, thresholds[right]))
                elif isinstance(right, int | float) and not isinstance(right, bool):
                    out.append((op, float(right)))
            elif isinstance(right, FactRef) and right.fact == name:
                out.append((MIRRORED[op], FactRef(fact=leaf.fact)))
    return out
