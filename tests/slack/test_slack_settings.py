"""Settings come from the environment and .env; a missing or malformed one stops start-up
with a message naming it (exit code 2, no traceback)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from bot.cli.main import cli
from bot.settings import ConfigurationError, load_settings

ALL = (
    "SLACK_BOT_TOKEN",
    "SLACK_SIGNING_SECRET",
    "SLACK_APP_TOKEN",
    "SLACK_API_URL",
    "DATABASE_URL",
    "SLACK_RETRY_COUNT",
    "SLACK_RETRY_BACKOFF",
)


@pytest.fixture(autouse=True)
def clean_env(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    for name in ALL:
        monkeypatch.delenv(name, raising=False)
    monkeypatch.chdir(tmp_path)


def _required(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SLACK_BOT_TOKEN", "xoxb-1")
    monkeypatch.setenv("SLACK_SIGNING_SECRET", "secret")


def test_defaults_are_slack_itself_and_a_sqlite_file(monkeypatch: pytest.MonkeyPatch) -> None:
    _required(monkeypatch)
    settings = load_settings()
    assert settings.slack_api_url == "https://slack.com/api/"
    assert settings.database_url == "sqlite:///advisor.db"


def test_settings_are_read_from_a_dotenv_file(tmp_path: Path) -> None:
    (tmp_path / ".env").write_text("SLACK_BOT_TOKEN=xoxb-env\nSLACK_SIGNING_SECRET=s\n")
    assert load_settings().slack_bot_token == "xoxb-env"


def test_a_missing_token_is_named() -> None:
    with pytest.raises(ConfigurationError, match=r"SLACK_BOT_TOKEN is not set") as err:
        load_settings()
    assert "SLACK_SIGNING_SECRET is not set" in str(err.value)


@pytest.mark.parametrize(
    ("name", "value"),
    [("DATABASE_URL", "mysql://x"), ("DATABASE_URL", "advisor.db"), ("SLACK_API_URL", "slack")],
)
def test_a_malformed_url_is_named(monkeypatch: pytest.MonkeyPatch, name: str, value: str) -> None:
    _required(monkeypatch)
    monkeypatch.setenv(name, value)
    with pytest.raises(ConfigurationError, match=rf"{name} is malformed"):
        load_settings()


def test_api_url_gets_its_trailing_slash_and_postgres_its_driver(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    _required(monkeypatch)
    monkeypatch.setenv("SLACK_API_URL", "http://127.0.0.1:9/api")
    monkeypatch.setenv("DATABASE_URL", "postgresql://u@h/db")
    settings = load_settings()
    assert settings.slack_api_url == "http://127.0.0.1:9/api/"
    assert settings.database_url == "postgresql+psycopg://u@h/db"


def test_serve_without_a_token_exits_2_naming_it() -> None:
    result = CliRunner().invoke(cli, ["serve"])
    assert result.exit_code == 2
    assert "SLACK_BOT_TOKEN is not set" in result.output
    assert "Traceback" not in result.output


def test_serve_in_socket_mode_requires_the_app_token(monkeypatch: pytest.MonkeyPatch) -> None:
    _required(monkeypatch)
    result = CliRunner().invoke(cli, ["serve", "--socket-mode"])
    assert result.exit_code == 2
    assert "SLACK_APP_TOKEN is not set" in result.output


def test_serve_rejects_a_malformed_app_token(monkeypatch: pytest.MonkeyPatch) -> None:
    _required(monkeypatch)
    monkeypatch.setenv("SLACK_APP_TOKEN", "xoxb-wrong")
    result = CliRunner().invoke(cli, ["serve", "--socket-mode"])
    assert result.exit_code == 2
    assert "SLACK_APP_TOKEN is malformed" in result.output


def test_importing_the_cli_with_serve_loads_no_slack_module() -> None:
    code = (
        "import sys, bot.cli.main, bot.cli.serve;"
        "print(sorted(m for m in sys.modules if m.startswith(('slack_bolt', 'slack_sdk'))))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"
    assert (
        "serve"
        in subprocess.run(
            [sys.executable, "-c", "from bot.cli.main import cli; print(list(cli.commands))"],
            capture_output=True,
            text=True,
            check=True,
        ).stdout
    )


def test_serve_with_a_token_slack_refuses_exits_2_naming_it(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from harness import FakeSlack

    _required(monkeypatch)
    with FakeSlack() as fake:
        monkeypatch.setenv("SLACK_API_URL", fake.base_url)
        fake.fail_next("auth.test", error="invalid_auth")
        result = CliRunner().invoke(cli, ["serve", "--port", "1"])
    assert result.exit_code == 2
    assert "SLACK_BOT_TOKEN was refused by Slack (invalid_auth)" in result.output


def test_serve_with_an_unreachable_api_url_exits_2_naming_it(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from harness import free_port

    _required(monkeypatch)
    monkeypatch.setenv("SLACK_API_URL", f"http://127.0.0.1:{free_port()}/api/")
    monkeypatch.setenv("SLACK_RETRY_COUNT", "0")
    result = CliRunner().invoke(cli, ["serve", "--port", "1"])
    assert result.exit_code == 2
    assert "SLACK_API_URL cannot be reached" in result.output
