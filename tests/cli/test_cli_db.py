"""``advisor db upgrade`` and ``advisor db current``: the schema step of a deploy, which needs
only DATABASE_URL."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from bot.cli.main import cli
from bot.store.migrate import head


@pytest.fixture(autouse=True)
def only_a_database(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    for name in ("SLACK_BOT_TOKEN", "SLACK_SIGNING_SECRET", "DATABASE_URL"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("DATABASE_URL", f"sqlite:///{tmp_path / 'advisor.db'}")


def test_db_upgrade_makes_the_schema_then_has_nothing_to_do() -> None:
    first = CliRunner().invoke(cli, ["db", "upgrade"])
    assert first.exit_code == 0, first.output
    assert f"from revision none to {head()}" in first.output
    again = CliRunner().invoke(cli, ["db", "upgrade"])
    assert again.exit_code == 0 and "nothing to do" in again.output
    shown = CliRunner().invoke(cli, ["db", "current"])
    assert shown.output.strip() == f"database: {head()}; this version needs: {head()}"


def test_db_upgrade_names_a_bad_database_url_without_its_password(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("DATABASE_URL", "postgresql://advisor:s3cr@t:pw@127.0.0.1:notaport/db")
    result = CliRunner().invoke(cli, ["db", "upgrade"])
    assert result.exit_code == 2
    assert "s3cr" not in result.output and "advisor:***@" in result.output


def test_a_malformed_database_url_is_named_without_its_password(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("DATABASE_URL", "mysql://advisor:s3cret@db.example/advisor")
    result = CliRunner().invoke(cli, ["db", "upgrade"])
    assert result.exit_code == 2
    assert "DATABASE_URL is malformed" in result.output
    assert "s3cret" not in result.output and "advisor:***@db.example" in result.output
