"""The condition language of ``decision_rules.yaml``: one of a few kinds, and one walker.

In YAML a condition is a name or a mapping with exactly one head key::

    data_ok                                  Ref: a named condition, or a yes/no fact
    {all: [...]}  {any: [...]}  {not: ...}   AllOf, AnyOf, Not
    {fact: labeled_examples, op: ">=", value: min_examples}   Compare
    {fact: data_quality, is: low}            Is
    {fact: labeled_examples, known: false}   Known
    {count: [...], op: ">=", value: 1}       Count
    {motive: teach_facts}                    MotiveIs
    {on_path: fine_tuning} {technique: hosted_sft} {strategy: rag}   read the decision

Each kind is its own model (a pydantic discriminated union, tagged by the head key), and
:func:`walk` is the one traversal every analysis of a condition uses.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from types import MappingProxyType
from typing import Annotated, Any

from pydantic import BaseModel, ConfigDict, Discriminator, Field, Tag, model_validator

Loc = tuple[str | int, ...]
Scalar = bool | int | float | str

HEADS = ("all", "any", "not", "fact", "count", "motive", "on_path", "technique", "strategy")
"""The keys that say what kind of condition a mapping is; exactly one per condition."""

OUTCOME_HEADS = ("on_path", "technique", "strategy")
"""Heads that read the decision itself: only for warnings and next steps."""

MODIFIERS = ("op", "value", "is", "known")


class Node(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=True)


class FactRef(Node):
    """``value: {fact: target_quality}``: compare with another fact."""

    fact: str


class Ref(Node):
    """A named condition, or a yes/no fact that is true."""

    ref: str

    @model_validator(mode="before")
    @classmethod
    def _bare_name(cls, data: Any) -> Any:
        return {"ref": data} if isinstance(data, str) else data


class AllOf(Node):
    all_: tuple[Cond, ...] = Field(alias="all")


class AnyOf(Node):
    any_: tuple[Cond, ...] = Field(alias="any")


class Not(Node):
    not_: Cond = Field(alias="not")


class Compare(Node):
    """``value`` is a literal, a threshold's name, or another fact."""

    fact: str
    op: str
    value: Scalar | FactRef


class Is(Node):
    fact: str
    is_: Scalar = Field(alias="is")


class Known(Node):
    fact: str
    known: bool


class Count(Node):
    """How many of the listed conditions hold, compared with ``value``."""

    count: tuple[Cond, ...]
    op: str
    value: Scalar | FactRef


class MotiveIs(Node):
    motive: str


class OnPath(Node):
    on_path: str


class TechniqueIs(Node):
    technique: str


class StrategyIs(Node):
    strategy: str


TAGS: Mapping[type[Node], str] = MappingProxyType(
    {
        Ref: "ref",
        AllOf: "all",
        AnyOf: "any",
        Not: "not",
        Compare: "compare",
        Is: "is",
        Known: "known",
        Count: "count",
        MotiveIs: "motive",
        OnPath: "on_path",
        TechniqueIs: "technique",
        StrategyIs: "strategy",
    }
)


def shape_problem(data: Any) -> str | None:
    """What is wrong with the shape of a condition as written, or ``None``."""
    if isinstance(data, str | Node):
        return None
    if not isinstance(data, dict):
        return f"a condition is a name or a mapping, not {data!r}"
    found = [h for h in HEADS if h in data]
    if not found:
        return f"a condition needs one of: {', '.join(HEADS)}"
    if len(found) > 1:
        both = " and ".join(f"'{h}'" for h in found)
        return f"a condition has both {both}; combine them with all: or any:"
    head = found[0]
    if head == "fact":
        return _fact_shape(data)
    allowed = ("op", "value") if head == "count" else ()
    for key in MODIFIERS:
        if key in data and key not in allowed:
            return f"'{key}' does not go with '{head}'"
    if head == "count" and not ("op" in data and "value" in data):
        return "'count' needs 'op' and 'value'"
    return None


def _fact_shape(data: dict[str, Any]) -> str | None:
    if "known" in data:
        if any(k in data for k in ("is", "op", "value")):
            return "'known' stands alone; drop 'is', 'op' and 'value'"
        return None
    if "is" in data:
        return (
            "use either 'is' or 'op' with 'value', not both"
            if "op" in data or "value" in data
            else None
        )
    if "op" in data and "value" in data:
        return None
    return f"fact '{data['fact']}' needs 'is', 'op' with 'value', or 'known'"


def kind_of(data: Any) -> str | None:
    """The kind of a condition as written (the union's tag); ``None`` when malformed."""
    if isinstance(data, Node):
        return TAGS.get(type(data))
    if shape_problem(data) is not None:
        return None
    if isinstance(data, str):
        return "ref"
    head = next(h for h in HEADS if h in data)
    if head == "fact":
        return "known" if "known" in data else "is" if "is" in data else "compare"
    return head


Cond = Annotated[
    Annotated[Ref, Tag("ref")]
    | Annotated[AllOf, Tag("all")]
    | Annotated[AnyOf, Tag("any")]
    | Annotated[Not, Tag("not")]
    | Annotated[Compare, Tag("compare")]
    | Annotated[Is, Tag("is")]
    | Annotated[Known, Tag("known")]
    | Annotated[Count, Tag("count")]
    | Annotated[MotiveIs, Tag("motive")]
    | Annotated[OnPath, Tag("on_path")]
    | Annotated[TechniqueIs, Tag("technique")]
    | Annotated[StrategyIs, Tag("strategy")],
    Discriminator(
        kind_of,
        custom_error_type="condition_shape",
        custom_error_message="not a condition",
    ),
]
"""One condition: exactly one of the kinds above."""

AnyCond = (
    Ref
    | AllOf
    | AnyOf
    | Not
    | Compare
    | Is
    | Known
    | Count
    | MotiveIs
    | OnPath
    | TechniqueIs
    | StrategyIs
)
"""The same kinds, for type hints of code that walks conditions."""


def children(node: AnyCond) -> Iterator[tuple[Loc, AnyCond]]:
    """The direct sub-conditions of ``node``, each with its path below ``node``."""
    if isinstance(node, AllOf):
        yield from ((("all", i), c) for i, c in enumerate(node.all_))
    elif isinstance(node, AnyOf):
        yield from ((("any", i), c) for i, c in enumerate(node.any_))
    elif isinstance(node, Count):
        yield from ((("count", i), c) for i, c in enumerate(node.count))
    elif isinstance(node, Not):
        yield ("not",), node.not_


def walk(
    node: AnyCond,
    loc: Loc = (),
    named: Mapping[str, AnyCond] | None = None,
    _seen: frozenset[str] = frozenset(),
) -> Iterator[tuple[AnyCond, Loc]]:
    """Every node of a condition, parents first, with its path; with ``named``, also the
    nodes of the named conditions it refers to (each once per branch, cycles cut)."""
    yield node, loc
    if isinstance(node, Ref) and named is not None and node.ref in named:
        if node.ref not in _seen:
            yield from walk(named[node.ref], ("conditions", node.ref), named, _seen | {node.ref})
        return
    for sub, child in children(node):
        yield from walk(child, (*loc, *sub), named, _seen)


def reads(node: AnyCond, named: Mapping[str, AnyCond]) -> list[str]:
    """Every fact and motive a condition looks up, through named conditions, in order."""
    out: list[str] = []
    for n, _ in walk(node, named=named):
        if isinstance(n, Ref) and n.ref not in named:
            out.append(n.ref)  # a yes/no fact by name
        elif isinstance(n, Compare | Is | Known):
            out.append(n.fact)
        elif isinstance(n, MotiveIs):
            out.append(n.motive)
        if isinstance(n, Compare | Count) and isinstance(n.value, FactRef):
            out.append(n.value.fact)
    return list(dict.fromkeys(out))


def refs(node: AnyCond) -> Iterator[str]:
    """The names a condition refers to directly (not through them)."""
    for n, _ in walk(node):
        if isinstance(n, Ref):
            yield n.ref


def reads_decision(node: AnyCond, named: Mapping[str, AnyCond]) -> bool:
    """Whether a condition reads the decision (on_path, technique, strategy), at any depth."""
    return any(isinstance(n, OnPath | TechniqueIs | StrategyIs) for n, _ in walk(node, named=named))


def comparisons(node: AnyCond, named: Mapping[str, AnyCond]) -> Iterator[Compare | Is]:
    """Every comparison of a fact in a condition, through named conditions."""
    for n, _ in walk(node, named=named):
        if isinstance(n, Compare | Is):
            yield n


AllOf.model_rebuild()
AnyOf.model_rebuild()
Not.model_rebuild()
Count.model_rebuild()
