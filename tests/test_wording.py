"""Wording kept as data (bot/wording.py): every entry declared, none missing, none extra,
and the text read as it is written."""

import sys
from pathlib import Path

import pytest
from pydantic import ValidationError

from bot.cli.wording import wording as cli_wording
from bot.datacheck.wording import wording as data_wording
from bot.wording import Wording, load_wording


class Sample(Wording):
    TITLE: str
    COLUMNS: tuple[str, ...]


def _package(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, text: str) -> str:
    folder = tmp_path / "sample_wording"
    folder.mkdir()
    (folder / "__init__.py").write_text("")
    (folder / "wording.yaml").write_text(text, encoding="utf-8")
    monkeypatch.syspath_prepend(str(tmp_path))
    monkeypatch.delitem(sys.modules, "sample_wording", raising=False)
    return "sample_wording"


def test_wording_reads_format_strings_and_lists_as_written(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    package = _package(tmp_path, monkeypatch, 'TITLE: "Data check: {file}"\nCOLUMNS: [a, b]\n')
    sample = load_wording(Sample, package)
    assert sample.TITLE.format(file="x.jsonl") == "Data check: x.jsonl"
    assert sample.COLUMNS == ("a", "b")


def test_wording_file_missing_an_entry_fails_naming_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    package = _package(tmp_path, monkeypatch, "TITLE: Data check\n")
    with pytest.raises(ValidationError, match="COLUMNS"):
        load_wording(Sample, package)


def test_wording_file_with_an_unknown_entry_fails_naming_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    package = _package(tmp_path, monkeypatch, "TITLE: t\nCOLUMNS: []\nTITEL: typo\n")
    with pytest.raises(ValidationError, match="TITEL"):
        load_wording(Sample, package)


def test_wording_cannot_be_changed_once_read() -> None:
    with pytest.raises(ValidationError):
        cli_wording.NOTED = "changed"  # type: ignore[misc]
    assert cli_wording.TITLE_REASONS == "Why"
    assert data_wording.ROW_NOT_JSON == "not valid JSON"
