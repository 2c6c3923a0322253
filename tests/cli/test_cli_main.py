"""The ``advisor`` group: version, help, registration, and core errors at its edge."""

from __future__ import annotations

import importlib
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import click
import pytest
from click.testing import CliRunner, Result

from bot.cli import advise, main, rules
from bot.cli.app import App
from bot.errors import RulesError
from bot.rules import rules_version
from bot.version import advisor_version

Invoke = Callable[..., Result]


def test_version_prints_the_package_version_and_the_rules_hash() -> None:
    result = CliRunner().invoke(main.cli, ["--version"])
    assert result.exit_code == 0
    assert result.output == f"advisor, version {advisor_version()}\nrules {rules_version()}\n"


def test_version_says_when_the_rules_file_cannot_be_read(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setenv("ADVISOR_RULES", str(tmp_path / "missing.yaml"))
    result = CliRunner().invoke(main.cli, ["--version"])
    assert result.exit_code == 0
    assert "rules unreadable (" in result.output and "missing.yaml" in result.output


def test_help_lists_the_commands() -> None:
    result = CliRunner().invoke(main.cli, ["--help"])
    for command in ("chat", "advise", "rules", "eval"):
        assert f"  {command} " in result.output


def test_a_core_error_while_building_the_advisor_is_one_line_on_stderr_and_exit_two() -> None:
    def broken() -> App:
        raise RulesError(["decision_rules.yaml:42 rule 'fresh-docs': unknown fact 'x'"])

    app = App(make_advisor=broken)  # type: ignore[arg-type]
    result = CliRunner().invoke(main.cli, ["advise", "We classify tickets"], obj=app)
    assert result.exit_code == 2
    assert result.stderr == "Error: decision_rules.yaml:42 rule 'fresh-docs': unknown fact 'x'\n"
    assert result.stdout == ""


def test_register_commands_adds_the_commands_of_each_module() -> None:
    group = click.Group()
    main.register_commands(group, (advise, rules))
    assert list(group.commands) == ["advise", "rules"]


def test_every_command_module_of_the_cli_is_registered() -> None:
    """A module of bot/cli/ with a ``register`` function is listed in COMMAND_MODULES."""
    folder = Path(main.__file__).parent
    for path in sorted(folder.glob("*.py")):
        module = importlib.import_module(f"bot.cli.{path.stem}")
        if callable(getattr(module, "register", None)):
            assert module in main.COMMAND_MODULES, f"{path.name} is not in COMMAND_MODULES"


def test_a_command_module_that_fails_to_import_stops_the_advisor_command() -> None:
    """Regression: a module that failed to import used to remove its command silently."""
    code = "import sys; sys.modules['bot.cli.digest'] = None; import bot.cli.main"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert out.returncode == 1
    assert "Error: import of bot.cli.digest halted" in out.stderr


def test_importing_the_cli_does_not_build_the_advisor_or_load_slack() -> None:
    code = (
        "import sys, bot.cli.main;"
        "print(sorted(m for m in sys.modules if m.split('.')[0] in "
        "('slack_bolt', 'slack_sdk') or m == 'bot.advisor'))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"
