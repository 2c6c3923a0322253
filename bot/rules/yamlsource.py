"""Read a YAML file keeping the line of every node, so problems can point at it."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypeAlias

import yaml

Loc = tuple[str | int, ...]


@dataclass
class Source:
    """A YAML document, its data, and the 1-based line of each node by its path."""

    name: str
    data: Any = None
    lines: dict[Loc, int] = field(default_factory=dict)
    problems: list[tuple[int, str]] = field(default_factory=list)

    def line(self, loc: Sequence[str | int]) -> int:
        """The line of the deepest node of ``loc`` that exists."""
        return self.lines.get(self.resolve(loc), 1)

    def resolve(self, loc: Sequence[str | int]) -> Loc:
        """``loc`` without the segments that are not in the data (pydantic's union tags)."""
        found: Loc = ()
        node = self.data
        for seg in loc:
            in_dict = isinstance(node, dict) and seg in node
            in_list = isinstance(node, list) and isinstance(seg, int) and 0 <= seg < len(node)
            if in_dict or in_list:
                node = node[seg]
                found = (*found, seg)
        return found


class _ValueErrors:
    """Turns a value PyYAML cannot build (``2025-13-45``) into an error with its line."""

    def construct_object(self, node: yaml.Node, deep: bool = False) -> Any:
        try:
            return super().construct_object(node, deep)  # type: ignore[misc]
        except (ValueError, TypeError, OverflowError) as exc:
            what = f"cannot read {node.value!r}: {exc}"
            raise yaml.constructor.ConstructorError(None, None, what, node.start_mark) from exc


class _Loader(_ValueErrors, yaml.SafeLoader):
    """PyYAML's own parser, in Python: its error messages are the ones users see."""


_AnyLoader: TypeAlias = "_Loader | yaml.CSafeLoader"  # libyaml's may be missing at run time
_FastLoader: type[_AnyLoader] | None = None
if hasattr(yaml, "CSafeLoader"):

    class _CLoader(_ValueErrors, yaml.CSafeLoader):
        """libyaml's parser (ten times faster), the same constructors and resolvers."""

    _FastLoader = _CLoader


def read_source(path: Path) -> Source:
    """Parse ``path``; syntax errors and duplicate keys become problems, never exceptions.

    Parsed with libyaml when PyYAML has it; a file with a problem is parsed again in Python,
    so that the problems are worded as PyYAML words them, whichever parser is installed."""
    source = Source(path.name)
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as exc:
        source.problems.append((1, f"cannot read the file: {exc.strerror or exc}"))
        return source
    if _FastLoader is not None:
        fast = _parse(text, _FastLoader, Source(path.name))
        if not fast.problems:
            return fast
    return _parse(text, _Loader, source)


def _parse(text: str, loader_class: type[_AnyLoader], source: Source) -> Source:
    loader = loader_class(text)
    try:
        node = loader.get_single_node()
        if node is None:
            source.problems.append((1, "the file is empty"))
            return source
        source.data = loader.construct_document(node)
        _walk(loader, node, (), source)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark else 1
        what = exc.problem or "malformed YAML"
        if not isinstance(exc, yaml.constructor.ConstructorError):
            what = f"YAML syntax error: {what}"
        source.problems.append((line, what))
        source.data = None
    except yaml.YAMLError as exc:
        source.problems.append((1, f"YAML syntax error: {exc}"))
        source.data = None
    finally:
        loader.dispose()
    return source


def _walk(loader: _AnyLoader, node: yaml.Node, loc: Loc, source: Source) -> None:
    source.lines.setdefault(loc, node.start_mark.line + 1)
    if isinstance(node, yaml.MappingNode):
        seen: set[Any] = set()
        for key_node, value_node in node.value:
            key = loader.construct_object(key_node, deep=True)
            line = key_node.start_mark.line + 1
            if key in seen:
                source.problems.append((line, f"duplicate key '{key}'"))
            seen.add(key)
            if isinstance(key, str | int):
                source.lines[(*loc, key)] = line
                _walk(loader, value_node, (*loc, key), source)
    elif isinstance(node, yaml.SequenceNode):
        for i, item in enumerate(node.value):
            _walk(loader, item, (*loc, i), source)
