"""The rules engine shares nothing mutable: one advisor serves many threads at once."""

from __future__ import annotations

import importlib
import json
import pkgutil
import subprocess
import sys
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

import bot.rules
from bot.advisor import Advisor
from bot.paths import PROJECT_ROOT

CASE_FILE = PROJECT_ROOT / "data" / "corpus" / "OLD.jsonl"
THREADS = 64


def turns() -> list[list[str]]:
    lines = CASE_FILE.read_text(encoding="utf-8").splitlines()
    return [json.loads(line)["turns"] for line in lines if line.strip()]


def rules_modules() -> Iterator[ModuleType]:
    yield bot.rules
    for info in pkgutil.iter_modules(bot.rules.__path__, "bot.rules."):
        yield importlib.import_module(info.name)


@pytest.fixture
def busy_switching() -> Iterator[None]:
    """Switch threads as often as the interpreter can, so interleavings happen."""
    before = sys.getswitchinterval()
    sys.setswitchinterval(1e-6)
    yield
    sys.setswitchinterval(before)


@pytest.mark.usefixtures("busy_switching")
def test_advice_from_many_threads_at_once_equals_the_serial_advice() -> None:
    advisor = Advisor()
    cases = turns()

    def advise(case: list[str]) -> dict[str, Any]:
        advice = advisor.run(case)
        return {**advice.contract(), "assumptions": advice.recommendation.assumptions}

    serial = [advise(case) for case in cases]
    with ThreadPoolExecutor(max_workers=THREADS) as pool:
        parallel = list(pool.map(advise, cases * 4))
    assert parallel == serial * 4


def test_no_rules_module_keeps_a_mutable_object_at_module_level() -> None:
    found = [
        f"{module.__name__}.{name}"
        for module in rules_modules()
        for name, value in vars(module).items()
        if not name.startswith("__") and isinstance(value, dict | list | set | bytearray)
    ]
    assert found == []


def test_the_compiled_rule_book_cannot_be_changed() -> None:
    book = Advisor().rulebook
    with pytest.raises(AttributeError):
        book.strategy = ()  # type: ignore[misc]
    with pytest.raises(TypeError):
        book.thresholds["min_examples"] = 1  # type: ignore[index]
    with pytest.raises(AttributeError):
        book.spec.strategy.append(book.spec.strategy[0])  # type: ignore[attr-defined]


def test_every_core_module_imports_on_its_own() -> None:
    # importing any bot.rules.<module> runs the package first, so the package stands for them
    names = ["bot.rules", "bot.questions", "bot.advisor", "bot.prompting", "bot.cli.report"]
    running = {
        name: subprocess.Popen(
            [sys.executable, "-c", f"import {name}"],
            cwd=Path(PROJECT_ROOT),
            stderr=subprocess.PIPE,
            text=True,
        )
        for name in names
    }
    failed = {name: p.communicate()[1].strip().splitlines()[-1:] for name, p in running.items()}
    assert {name: err for name, err in failed.items() if running[name].returncode} == {}
