"""Shared helpers for the rules tests: the real rule book, case states, broken files."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from rules_support import RULES

from bot.rules import RuleBook, load_rulebook


@pytest.fixture(scope="session")
def book() -> RuleBook:
    return load_rulebook(RULES)


@pytest.fixture
def write_rules(tmp_path: Path) -> Callable[[str], Path]:
    """Write a rules file (YAML text) to a temporary directory and return its path."""

    def write(text: str, name: str = "decision_rules.yaml") -> Path:
        path = tmp_path / name
        path.write_text(text, encoding="utf-8")
        return path

    return write
