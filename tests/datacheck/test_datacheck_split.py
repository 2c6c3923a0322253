"""``split_file``: 80/10/10, stratified by label, duplicates removed, no input on two sides."""

from __future__ import annotations

import csv
import json
from collections import Counter
from pathlib import Path

import pytest
from datacheck_support import WriteRows

from bot.datacheck import check_file, split_file
from bot.datacheck.shapes import layout_of, normalize
from bot.errors import DataFileError
from harness.datafiles import chat, classification, generate, preference


def read_jsonl(path: Path) -> list[dict[str, object]]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


def inputs(path: Path) -> set[str]:
    rows = read_jsonl(path)
    layout = layout_of(rows[0]) if rows else None
    found = set()
    for row in rows:
        assert layout is not None
        example = layout.read(row)
        assert not isinstance(example, str)
        found.add(normalize(example.input))
    return found


def test_a_hundred_examples_split_80_10_10(write_rows: WriteRows, tmp_path: Path) -> None:
    result = split_file(write_rows("chat.jsonl", generate("chat", 100)), tmp_path / "out", seed=1)
    assert result.rows == {"train": 80, "validation": 10, "test": 10}
    assert {side: len(read_jsonl(path)) for side, path in result.files.items()} == result.rows
    assert [p.name for p in result.files.values()] == [
        "train.jsonl",
        "validation.jsonl",
        "test.jsonl",
    ]


def test_the_written_sizes_are_the_sizes_the_check_suggested(
    write_rows: WriteRows, tmp_path: Path
) -> None:
    rows = [
        *generate("preference", 60),
        *[preference(f"q{i % 7}", f"good {i}", f"bad {i}") for i in range(50)],
    ]
    path = write_rows("prefs.jsonl", rows)
    for seed in (0, 5):
        suggested = check_file(path, seed=seed).split
        result = split_file(path, tmp_path / f"seed{seed}", seed=seed)
        assert result.rows == {
            "train": suggested.train,
            "validation": suggested.validation,
            "test": suggested.test,
        }


def test_classification_is_stratified_by_label(write_rows: WriteRows, tmp_path: Path) -> None:
    rows = [classification(f"ticket {i}", "billing") for i in range(50)]
    rows += [classification(f"ticket {i}", "shipping") for i in range(50, 80)]
    rows += [classification(f"ticket {i}", "legal") for i in range(80, 100)]
    result = split_file(write_rows("tickets.jsonl", rows), tmp_path / "out", seed=3)
    per_side = {
        side: Counter(str(row["label"]) for row in read_jsonl(path))
        for side, path in result.files.items()
    }
    assert per_side == {
        "train": {"billing": 40, "shipping": 24, "legal": 16},
        "validation": {"billing": 5, "shipping": 3, "legal": 2},
        "test": {"billing": 5, "shipping": 3, "legal": 2},
    }
    assert result.report.split.stratified_by == "label"


def test_duplicates_and_later_conflicting_answers_are_left_out(
    write_rows: WriteRows, tmp_path: Path
) -> None:
    rows = generate("chat", 20)
    rows += [rows[0], rows[1], chat("Ticket 0: my parcel has a problem, case 0.", "Another answer")]
    result = split_file(write_rows("chat.jsonl", rows), tmp_path / "out", seed=0)
    assert sum(result.rows.values()) == 20
    answers = [
        row["messages"][-1]["content"]  # type: ignore[index]
        for path in result.files.values()
        for row in read_jsonl(path)
    ]
    assert "Another answer" not in answers and len(set(answers)) == 20


def test_no_input_is_on_two_sides_even_with_many_pairs_per_prompt(
    write_rows: WriteRows, tmp_path: Path
) -> None:
    rows = [
        preference(f"prompt {i % 25}", f"good answer {i}", f"bad answer {i}") for i in range(200)
    ]
    result = split_file(write_rows("prefs.jsonl", rows), tmp_path / "out", seed=9)
    sides = [inputs(path) for path in result.files.values()]
    assert not (sides[0] & sides[1] or sides[0] & sides[2] or sides[1] & sides[2])
    assert sum(result.rows.values()) == 200


def test_the_same_seed_writes_the_same_files_and_another_seed_others(
    write_rows: WriteRows, tmp_path: Path
) -> None:
    path = write_rows("chat.jsonl", generate("chat", 60))
    first = split_file(path, tmp_path / "a", seed=7).files
    again = split_file(path, tmp_path / "b", seed=7).files
    other = split_file(path, tmp_path / "c", seed=8).files
    assert first["test"].read_text() == again["test"].read_text()
    assert first["test"].read_text() != other["test"].read_text()


def test_a_csv_file_is_split_into_csv_files_with_its_header(
    write_rows: WriteRows, tmp_path: Path
) -> None:
    path = write_rows("tickets.csv", generate("classification", 20))
    result = split_file(path, tmp_path / "out", seed=0)
    with result.files["test"].open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    assert result.files["test"].suffix == ".csv"
    assert len(rows) == result.rows["test"] and set(rows[0]) == {"text", "label"}


def test_split_refuses_to_overwrite_files(write_rows: WriteRows, tmp_path: Path) -> None:
    path = write_rows("chat.jsonl", generate("chat", 10))
    split_file(path, tmp_path / "out", seed=0)
    with pytest.raises(DataFileError, match=r"train\.jsonl already exists; remove it or choose"):
        split_file(path, tmp_path / "out", seed=0)


def test_a_file_of_unknown_shape_cannot_be_split(write_rows: WriteRows, tmp_path: Path) -> None:
    path = write_rows("odd.jsonl", [{"a": 1}])
    with pytest.raises(DataFileError, match=r"odd\.jsonl: no unique valid rows to split"):
        split_file(path, tmp_path / "out", seed=0)
    assert not (tmp_path / "out").exists()
