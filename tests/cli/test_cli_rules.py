"""``advisor rules check``: each problem on a line of its own, exit 1; else an OK line."""

from __future__ import annotations

import shutil
from datetime import date
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from bot import paths
from bot.cli.main import cli


def check(*args: str) -> Result:
    return CliRunner().invoke(cli, ["rules", "check", *args])


@pytest.fixture
def rules_copy(tmp_path: Path) -> Path:
    """The project's rules and the data files beside them, in a folder of their own."""
    source = paths.rules_path()
    for data_file in source.parent.glob("*.yaml"):
        shutil.copy(data_file, tmp_path / data_file.name)
    return tmp_path / source.name


def test_rules_check_of_the_project_rules_says_ok_with_counts() -> None:
    result = check()
    assert result.exit_code == 0, result.output
    first = result.output.splitlines()[0]
    assert first.startswith(f"OK: {paths.rules_path()}: ")
    assert first.endswith("questions")


def test_rules_check_of_a_good_copy_names_that_file(rules_copy: Path) -> None:
    result = check(str(rules_copy))
    assert result.exit_code == 0, result.output
    assert f"OK: {rules_copy}: " in result.output


def test_rules_check_reports_line_of_unknown_fact(rules_copy: Path) -> None:
    text = rules_copy.read_text()
    rules_copy.write_text(text.replace("fact: needs_knowledge", "fact: needs_knowlege", 1))
    result = check(str(rules_copy))
    assert result.exit_code == 1
    assert "unknown fact 'needs_knowlege'" in result.output
    assert "did you mean 'needs_knowledge'?" in result.output
    assert "OK" not in result.output
    assert "Traceback" not in result.output


def test_rules_check_reports_broken_yaml(rules_copy: Path) -> None:
    rules_copy.write_text("strategy: [unclosed\n")
    result = check(str(rules_copy))
    assert result.exit_code == 1
    assert result.output.startswith(f"{rules_copy.name}:")


def test_rules_check_reports_a_missing_file(tmp_path: Path) -> None:
    result = check(str(tmp_path / "nope.yaml"))
    assert result.exit_code == 1
    assert "nope.yaml: rules file not found" in result.output


def test_rules_check_warns_of_prices_older_than_the_pricing_file_allows(rules_copy: Path) -> None:
    pricing = rules_copy.parent / "pricing.yaml"
    text = pricing.read_text()
    pricing.write_text(text.replace("read: 2025-08-21", "read: 2001-01-01", 1))
    result = check(str(rules_copy))
    assert result.exit_code == 0, result.output
    assert result.output.startswith("OK: ")
    warning = next(line for line in result.output.splitlines() if "gpt-4.1-mini" in line)
    line = text.splitlines().index("    read: 2025-08-21") + 1
    assert warning.startswith(
        f"pricing.yaml:{line} model 'gpt-4.1-mini': warning: prices read 2001-01-01 are "
    )
    assert warning.endswith("and update them and their read: date")


def test_rules_check_is_quiet_about_prices_read_today(rules_copy: Path) -> None:
    pricing = rules_copy.parent / "pricing.yaml"
    today = date.today().isoformat()
    pricing.write_text(pricing.read_text().replace("read: 2025-08-21", f"read: {today}"))
    result = check(str(rules_copy))
    assert result.exit_code == 0, result.output
    assert "warning" not in result.output
