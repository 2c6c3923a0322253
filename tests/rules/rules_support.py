"""Helpers for the rules tests (imported by name: pytest puts this folder on sys.path)."""

from __future__ import annotations

import json
from typing import Any

from bot.case import CaseState, Motive
from bot.facts import Facts
from bot.paths import PROJECT_ROOT

RULES = PROJECT_ROOT / "decision_rules.yaml"
"""The project's rules file."""

EVAL_CASES = PROJECT_ROOT.parent / "shared" / "eval" / "cases.jsonl"
"""The labeled dev cases; in CI they sit at ../shared beside the repository."""


def case(*motives: Motive, **facts: Any) -> CaseState:
    """A case state with these facts (and motives)."""
    return CaseState(facts=Facts(**facts), motives=set(motives))


def eval_cases() -> list[dict[str, Any]]:
    """Every labeled case, or an empty list when the eval set is not beside the repo."""
    if not EVAL_CASES.is_file():
        return []
    lines = EVAL_CASES.read_text(encoding="utf-8").splitlines()
    return [json.loads(line) for line in lines if line.strip()]


def labeled_facts(expect: dict[str, Any]) -> Facts:
    """The case's labeled facts; a range [low, high] becomes its midpoint."""
    values = {k: (sum(v) / 2 if isinstance(v, list) else v) for k, v in expect.items()}
    if isinstance(values.get("labeled_examples"), float):
        values["labeled_examples"] = round(values["labeled_examples"])
    return Facts(**values)
