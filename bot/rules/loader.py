"""Loading ``decision_rules.yaml`` (and its pricing file): every problem, with its line."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from pathlib import Path
from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError

from bot.errors import RulesError
from bot.paths import rules_path
from bot.rules import conditions, schema
from bot.rules import pricing as pricing_schema
from bot.rules.book import RuleBook, compile_book
from bot.rules.checks import check_book
from bot.rules.pricing import COST_TEXT_PLACEHOLDERS, Pricing
from bot.rules.schema import RulesFile
from bot.rules.suggest import did_you_mean
from bot.rules.templates import FORMATS, placeholders
from bot.rules.version import rules_version
from bot.rules.yamlsource import Loc, Source, read_source

RULE_SECTIONS = ("strategy", "later_steps", "technique", "warnings", "next_steps")
M = TypeVar("M", bound=BaseModel)


def load_rulebook(path: Path | None = None) -> RuleBook:
    """The validated rule book, compiled; raises :class:`RulesError` listing every problem."""
    path = path or rules_path()
    spec, problems = _load(path)
    if problems or spec is None:
        raise RulesError(problems or ["the rules file could not be loaded"])
    return replace(compile_book(spec), version=rules_version(path))


def check_rules_file(path: Path) -> list[str]:
    """Every problem of a rules file, one line each; an empty list means it is valid."""
    return _load(path)[1]


def price_warnings(path: Path, today: date) -> list[str]:
    """One line per priced model whose prices are older than the pricing file allows
    (``max_age_days``), pointing at its ``read:`` date. Assumes the rules file is valid."""
    spec, problems = _load(path)
    if spec is None or spec.pricing is None or problems:
        return []
    pricing = spec.pricing
    base: Loc
    if spec.pricing_file is not None:
        source, base = read_source(path.parent / spec.pricing_file), ()
    else:
        source, base = read_source(path), ("pricing",)
    out = []
    for i, model in enumerate(pricing.models):
        days = (today - model.read).days
        if days > pricing.max_age_days:
            line = source.line((*base, "models", i, "read"))
            out.append(
                f"{source.name}:{line} model '{model.name}': warning: prices read "
                f"{model.read.isoformat()} are {days} days old (more than "
                f"{pricing.max_age_days}); check {model.source} and update them and their "
                "read: date"
            )
    return out


def _load(path: Path) -> tuple[RulesFile | None, list[str]]:
    source = read_source(path)
    problems = [f"{source.name}:{line}: {message}" for line, message in source.problems]
    if source.data is None or problems:
        return None, problems
    if not isinstance(source.data, dict):
        return None, [f"{source.name}:1: the file must be a mapping of sections"]
    book = _validate(RulesFile, source, problems)
    if book is None:
        return None, problems
    problems += _format(source, check_book(book))
    problems.sort(key=_line_number)
    if book.pricing_file is not None:
        if book.pricing is not None:
            problems += _format(source, [(("pricing",), "give pricing or pricing_file, not both")])
        pricing = _load_pricing(path.parent / book.pricing_file, source, problems)
        book = book.model_copy(update={"pricing": pricing})
    elif book.pricing is not None:
        problems += _format(source, _check_cost_texts(book.pricing, ("pricing",)))
    return (None if problems else book), problems


def _load_pricing(path: Path, rules: Source, problems: list[str]) -> Pricing | None:
    if not path.is_file():
        problems += _format(rules, [(("pricing_file",), f"pricing file '{path.name}' not found")])
        return None
    source = read_source(path)
    problems += [f"{source.name}:{line}: {message}" for line, message in source.problems]
    if source.data is None or source.problems:
        return None
    pricing = _validate(Pricing, source, problems)
    if pricing is not None:
        problems += _format(source, _check_cost_texts(pricing, ()))
    return pricing


def _check_cost_texts(pricing: Pricing, base: Loc) -> list[tuple[Loc, str]]:
    out: list[tuple[Loc, str]] = []
    for key, allowed in COST_TEXT_PLACEHOLDERS.items():
        for name, fmt in placeholders(getattr(pricing.texts, key)):
            if name not in allowed:
                hint = did_you_mean(name, allowed)
                out.append(((*base, "texts", key), f"unknown placeholder '{{{name}}}'{hint}"))
            if fmt is not None and fmt not in FORMATS:
                out.append(((*base, "texts", key), f"unknown format ':{fmt}'"))
    return out


def _validate(model: type[M], source: Source, problems: list[str]) -> M | None:
    try:
        return model.model_validate(source.data)
    except ValidationError as exc:
        problems += _format(source, _schema_problems(exc, source))
        return None


def _schema_problems(exc: ValidationError, source: Source) -> list[tuple[Loc, str]]:
    found: list[tuple[Loc, str]] = []
    for err in exc.errors():
        loc = source.resolve(err["loc"])
        key = err["loc"][-1] if err["loc"] else ""
        if err["type"] == "condition_shape":
            message = conditions.shape_problem(err.get("input")) or "not a condition"
        elif err["type"] == "extra_forbidden":
            message = f"unknown key '{key}'{did_you_mean(str(key), _all_keys())}"
        elif err["type"] == "missing":
            message = f"missing key '{key}'"
        else:
            text = err["msg"][0].lower() + err["msg"][1:]
            message = f"{text} (got {_short(err.get('input'))})"
        found.append((loc, message))
    deepest = [
        (loc, m)
        for loc, m in found
        if not any(len(other) > len(loc) and other[: len(loc)] == loc for other, _ in found)
    ]
    unique: dict[Loc, str] = {}
    for loc, message in deepest:
        unique.setdefault(loc, message)
    return list(unique.items())


def _format(source: Source, problems: list[tuple[Loc, str]]) -> list[str]:
    out = []
    for loc, message in problems:
        label = _label(source.data, loc)
        where = f"{source.name}:{source.line(loc)}"
        out.append(f"{where} {label}: {message}" if label else f"{where}: {message}")
    return out


def _label(data: Any, loc: Loc) -> str:
    if len(loc) < 2 or not isinstance(data, dict):
        return ""
    section, key = loc[0], loc[1]
    item = data.get(section)
    if isinstance(item, list) and isinstance(key, int) and key < len(item):
        entry = item[key] if isinstance(item[key], dict) else {}
        if section in RULE_SECTIONS:
            return f"rule '{entry['id']}'" if "id" in entry else f"rule #{key + 1}"
        names = {"questions": "question", "assumptions": "assumption", "models": "model"}
        name = entry.get("fact", entry.get("name", entry.get("id", f"#{key + 1}")))
        return f"{names.get(str(section), str(section))} '{name}'"
    names = {"conditions": "condition", "thresholds": "threshold"}
    if section in names:
        return f"{names[str(section)]} '{key}'"
    return ""


def _line_number(problem: str) -> int:
    head = problem.split(" ", 1)[0].rstrip(":")
    line = head.rsplit(":", 1)[-1]
    return int(line) if line.isdigit() else 0


def _short(value: Any) -> str:
    text = repr(value)
    return text if len(text) <= 60 else text[:57] + "..."


def _all_keys() -> list[str]:
    keys: set[str] = set()
    for module in (schema, pricing_schema, conditions):
        for obj in vars(module).values():
            if isinstance(obj, type) and issubclass(obj, BaseModel) and obj is not BaseModel:
                for name, field in obj.model_fields.items():
                    keys.add(field.alias or name)
    return sorted(keys)
