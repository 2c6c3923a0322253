"""The decision record, byte for byte, for a prompt-engineering, a RAG, a fine-tuning and a
RAG + fine-tuning case (tests/records/golden/*.md).

After a deliberate change to the rules, prices, prompts or the record's layout, rewrite
them with ``UPDATE_GOLDEN=1 .venv/bin/pytest tests/records`` and read the diff.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from record_cases import CASES, DECIDED, RecordCase

from bot.advisor import Advisor
from bot.records import decision_record

GOLDEN = Path(__file__).parent / "golden"


@pytest.fixture(scope="module")
def advisor() -> Advisor:
    return Advisor(today=lambda: DECIDED)


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_the_record_is_the_golden_file_byte_for_byte(case: RecordCase, advisor: Advisor) -> None:
    advice = case.advice(advisor)
    assert advice.recommendation.strategy.value == case.strategy
    record = decision_record(advice, decided=DECIDED).encode("utf-8")
    golden = GOLDEN / f"{case.name}.md"
    if os.environ.get("UPDATE_GOLDEN"):
        golden.write_bytes(record)
    assert record == golden.read_bytes(), f"{golden.name} differs: see this module's docstring"


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_the_same_advice_and_date_give_the_same_bytes(case: RecordCase) -> None:
    first = decision_record(case.advice(Advisor(today=lambda: DECIDED)), decided=DECIDED)
    again = decision_record(case.advice(Advisor(today=lambda: DECIDED)), decided=DECIDED)
    assert first.encode() == again.encode()
