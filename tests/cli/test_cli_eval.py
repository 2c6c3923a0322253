"""``advisor eval``: headline numbers first, then per fact, then the cases it got wrong."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

from click.testing import Result

Invoke = Callable[..., Result]


def write_cases(path: Path, *cases: dict[str, Any]) -> Path:
    path.write_text("".join(json.dumps(case) + "\n" for case in cases))
    return path


RIGHT = {
    "id": "right",
    "turns": ["We classify 2000 requests", "800 examples"],
    "expect": {"task_type": "classification", "requests_per_day": 2100, "self_hosted": None},
    "strategy": "fine_tuning",
    "technique": "hosted_sft",
    "must_ask": ["labeled_examples"],
    "must_not_ask": ["requests_per_day"],
}
WRONG = {
    "id": "wrong",
    "turns": ["We classify 50 requests"],
    "expect": {"requests_per_day": [100, 200], "labeled_examples": None},
    "strategy": "rag",
    "technique": None,
    "must_ask": ["self_hosted", "data_quality"],
    "must_not_ask": ["task_type"],
}


def test_eval_prints_headline_numbers_first(invoke: Invoke, tmp_path: Path) -> None:
    cases = write_cases(tmp_path / "cases.jsonl", RIGHT, WRONG)
    result = invoke("eval", str(cases))
    assert result.exit_code == 0, result.output
    assert result.output.splitlines()[:9] == [
        "cases: 2",
        "strategy accuracy: 1/2 (50.0%)",
        "technique accuracy: 1/1 (100.0%)",
        "fact accuracy: 4/5 (80.0%)",
        "must-ask recall: 2/3 (66.7%)",
        "must-not-ask violations: 0 (of 2)",
        "facts read wrongly: 1 of 3 stated (33.3%)",
        "cases wrong: 1/2",
        "errors: 0",
    ]


def test_eval_lists_accuracy_per_fact(invoke: Invoke, tmp_path: Path) -> None:
    result = invoke("eval", str(write_cases(tmp_path / "c.jsonl", RIGHT, WRONG)))
    assert "  requests_per_day    1/2   ( 50.0%)" in result.output
    assert "  task_type           1/1   (100.0%)" in result.output


def test_eval_shows_what_differed_in_wrong_cases(invoke: Invoke, tmp_path: Path) -> None:
    result = invoke("eval", str(write_cases(tmp_path / "c.jsonl", RIGHT, WRONG)))
    assert "- wrong\n" in result.output
    assert "  strategy: expected rag, got prompt_engineering" in result.output
    assert "  requests_per_day: expected [100, 200], got 50" in result.output
    assert "  did not ask: data_quality" in result.output
    assert "- right\n" not in result.output


def test_eval_show_wrong_zero_lists_no_cases(invoke: Invoke, tmp_path: Path) -> None:
    result = invoke("eval", str(write_cases(tmp_path / "c.jsonl", WRONG)), "--show-wrong", "0")
    assert "wrong cases" not in result.output


def test_eval_reports_a_malformed_line_with_its_number(invoke: Invoke, tmp_path: Path) -> None:
    path = tmp_path / "bad.jsonl"
    path.write_text(json.dumps(RIGHT) + "\n{not json\n")
    result = invoke("eval", str(path))
    assert result.exit_code == 2
    assert "bad.jsonl:2: not valid JSON" in result.stderr
    assert "Traceback" not in result.output


def test_eval_reports_an_unknown_fact_name(invoke: Invoke, tmp_path: Path) -> None:
    case = {**RIGHT, "expect": {"needs_knowlege": True}}
    result = invoke("eval", str(write_cases(tmp_path / "c.jsonl", case)))
    assert result.exit_code == 2
    assert "c.jsonl:1 case 'right': unknown fact 'needs_knowlege'" in result.stderr


def test_eval_reports_a_missing_file(invoke: Invoke, tmp_path: Path) -> None:
    result = invoke("eval", str(tmp_path / "nope.jsonl"))
    assert result.exit_code == 2
    assert "nope.jsonl: cannot read cases file" in result.stderr
