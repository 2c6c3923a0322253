"""Where the data files are found: a variable, else the checkout, else the package's copy.

The installed case end to end (a wheel in a fresh venv, advising from another folder) is
``make wheel`` (.ci/check_wheel.py), part of ``make test``.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from bot import paths

KINDS: list[tuple[Callable[[], Path], str, str]] = [
    (paths.rules_path, "ADVISOR_RULES", "decision_rules.yaml"),
    (paths.vocabulary_path, "ADVISOR_VOCABULARY", "vocabulary.yaml"),
    (paths.prompts_dir, "ADVISOR_PROMPTS", "prompts"),
]
BOT = Path(paths.__file__).resolve().parent


@pytest.fixture(autouse=True)
def no_overrides(monkeypatch: pytest.MonkeyPatch) -> None:
    for _, variable, _ in KINDS:
        monkeypatch.delenv(variable, raising=False)


@pytest.mark.parametrize(("where", "variable", "name"), KINDS)
def test_a_checkout_reads_the_files_at_the_top_of_the_project(
    where: Callable[[], Path], variable: str, name: str
) -> None:
    assert paths.in_checkout()
    assert where() == BOT.parent / name
    assert where().exists()


@pytest.mark.parametrize(("where", "variable", "name"), KINDS)
def test_an_install_reads_the_copy_inside_the_package(
    where: Callable[[], Path], variable: str, name: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(paths, "PROJECT_ROOT", BOT.parent / "no-such-checkout")
    assert not paths.in_checkout()
    assert where() == BOT / "data" / name


@pytest.mark.parametrize(("where", "variable", "name"), KINDS)
def test_the_environment_variable_wins_over_checkout_and_package(
    where: Callable[[], Path],
    variable: str,
    name: str,
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
) -> None:
    monkeypatch.setenv(variable, str(tmp_path / name))
    assert where() == tmp_path / name
    monkeypatch.setattr(paths, "PROJECT_ROOT", tmp_path / "no-such-checkout")
    assert where() == tmp_path / name


def test_package_file_is_inside_the_package_in_a_checkout_too() -> None:
    assert paths.package_file("cli", "main.py") == BOT / "cli" / "main.py"


def test_the_wheel_carries_every_data_file_into_the_package() -> None:
    """pyproject.toml's force-include names each file bot/paths.py looks for."""
    text = (BOT.parent / "pyproject.toml").read_text(encoding="utf-8")
    for _, _, name in KINDS:
        assert f'"{name}" = "bot/{paths.PACKAGED}/{name}"' in text
