"""Files that cannot be checked at all, byte streams with a size limit, and a 50 MB file."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest

from bot.datacheck import MAX_FILE_BYTES, DataFormat, FileType, check_file, check_stream
from bot.errors import AdvisorError, DataFileError
from harness.datafiles import generate, write_big_chat


def jsonl_bytes(rows: list[dict[str, object]]) -> bytes:
    return "".join(json.dumps(row) + "\n" for row in rows).encode()


def test_a_byte_stream_is_checked_like_a_file() -> None:
    report = check_stream(io.BytesIO(jsonl_bytes(generate("chat", 12))), "upload.jsonl")
    assert (report.file, report.format, report.valid) == ("upload.jsonl", DataFormat.CHAT, 12)


def test_the_report_names_the_file_without_its_folder() -> None:
    report = check_stream(io.BytesIO(jsonl_bytes(generate("chat", 1))), "/home/ana/data/t.jsonl")
    assert report.file == "t.jsonl"


def test_a_stream_longer_than_the_limit_is_refused_with_a_clear_message() -> None:
    data = jsonl_bytes(generate("chat", 30_000))
    assert len(data) > 2 * 2**20
    with pytest.raises(DataFileError, match=r"^big\.jsonl: larger than 2 MB; check a sample"):
        check_stream(io.BytesIO(data), "big.jsonl", max_bytes=2 * 2**20)


def test_the_default_stream_limit_is_50_mb() -> None:
    assert MAX_FILE_BYTES == 50 * 1024 * 1024


@pytest.mark.parametrize(
    ("name", "content"),
    [("notes.txt", b"just some notes"), ("report.pdf", b"%PDF-1.7 ..."), ("data", b"a,b\n1,2\n")],
)
def test_a_file_of_another_type_is_refused(name: str, content: bytes) -> None:
    with pytest.raises(DataFileError, match=rf"^{name}: not a JSONL, JSON or CSV file"):
        check_stream(io.BytesIO(content), name)


def test_a_binary_file_is_refused_even_with_a_data_suffix() -> None:
    with pytest.raises(DataFileError, match=r"^x\.jsonl: a binary file"):
        check_stream(io.BytesIO(b"\x89PNG\r\n\x1a\n\x00\x00"), "x.jsonl")


def test_a_file_without_a_suffix_is_read_by_its_first_character() -> None:
    data = json.dumps(generate("chat", 2)).encode()
    report = check_stream(io.BytesIO(data), "export")
    assert report.file_type is FileType.JSON and report.valid == 2


def test_a_missing_file_is_a_data_file_error_that_front_ends_translate(tmp_path: Path) -> None:
    with pytest.raises(DataFileError, match=r"nope\.jsonl: file not found") as caught:
        check_file(tmp_path / "nope.jsonl")
    assert isinstance(caught.value, AdvisorError)


def test_an_empty_file_is_a_report_with_no_rows(tmp_path: Path) -> None:
    (tmp_path / "empty.jsonl").write_text("")
    report = check_file(tmp_path / "empty.jsonl")
    assert (report.rows, report.valid, report.format) == (0, 0, DataFormat.UNKNOWN)


@pytest.mark.slow
def test_a_50_mb_file_is_read_to_the_end_with_consistent_counts(tmp_path: Path) -> None:
    path = tmp_path / "big.jsonl"
    rows = write_big_chat(path, 50 * 2**20)
    assert path.stat().st_size >= 50 * 2**20
    report = check_file(path)
    assert report.rows == report.valid == rows
    assert report.complete and report.invalid == []
    assert 0.03 * rows < report.duplicates.rows < 0.07 * rows
    assert 0.01 * rows < report.conflicts.rows < 0.03 * rows
    unique = rows - report.duplicates.rows - report.conflicts.rows
    assert report.unique_valid == unique
    assert report.split.train + report.split.validation + report.split.test == unique
    assert report.pii.email == report.pii.card > 0
    assert len(report.duplicates.lines) == 20
