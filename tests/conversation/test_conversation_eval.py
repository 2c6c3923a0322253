"""advisor eval --converse: a simulated user answers the advisor's questions."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

from bot.cli.main import cli

CASE = {
    "id": "triage",
    "turns": ["We classify support tickets into 12 queues, about 2,000 a day."],
    "expect": {
        "requests_per_day": 2000,
        "labeled_examples": 3000,
        "data_quality": "high",
        "needs_knowledge": False,
        "specialized_domain": True,
        "prompting_exhausted": True,
    },
    "strategy": "fine_tuning",
    "technique": "hosted_sft",
    "must_not_ask": ["requests_per_day"],
}


def test_converse_reports_the_advice_the_thread_ends_with(tmp_path: Path) -> None:
    path = tmp_path / "cases.jsonl"
    path.write_text(json.dumps(CASE) + "\n", encoding="utf-8")
    result = CliRunner().invoke(cli, ["eval", str(path), "--converse"])
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert lines[0] == "cases: 1"
    assert lines[1].startswith("final strategy accuracy: ")
    assert lines[3].startswith("questions per case: ")
    assert "questions about a fact the description states: 0" in result.output
    assert "facts wrong at the end: 0" in result.output
