"""Shared helpers for the data check's tests: files written from rows, checked with the
real prices."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

import pytest
from datacheck_support import Check, WriteRows

from bot.datacheck import DataReport, check_file
from bot.rules import load_rulebook
from bot.rules.pricing import Pricing
from harness.datafiles import Row, write


@pytest.fixture(scope="session")
def pricing() -> Pricing:
    book = load_rulebook()
    assert book.pricing is not None
    return book.pricing


@pytest.fixture
def write_rows(tmp_path: Path) -> WriteRows:
    """Write rows to ``tmp_path / name`` (JSONL, JSON or CSV by the name's suffix)."""

    def run(name: str, rows: Iterable[Row]) -> Path:
        return write(tmp_path / name, rows)

    return run


@pytest.fixture
def check(write_rows: WriteRows, pricing: Pricing) -> Check:
    """Write rows to a file and return its report."""

    def run(name: str, rows: Iterable[Row]) -> DataReport:
        return check_file(write_rows(name, rows), pricing=pricing)

    return run
