"""Which shape the rows have, in JSONL, a JSON list or CSV."""

from __future__ import annotations

import json

import pytest
from datacheck_support import Check, WriteRows

from bot.datacheck import DataFormat, FileType, check_file
from harness.datafiles import chat, generate, preference

SHAPES = ["chat", "prompt_completion", "instruction", "preference", "classification"]


@pytest.mark.parametrize("shape", SHAPES)
@pytest.mark.parametrize("suffix", [".jsonl", ".json"])
def test_each_shape_is_recognised_in_jsonl_and_json_lists(
    check: Check, shape: str, suffix: str
) -> None:
    report = check(f"data{suffix}", generate(shape, 40))
    assert report.format == DataFormat(shape)
    assert (report.rows, report.valid, report.unique_valid) == (40, 40, 40)
    assert report.invalid == [] and report.complete


@pytest.mark.parametrize("shape", ["prompt_completion", "instruction", "classification"])
def test_flat_shapes_are_recognised_in_csv(check: Check, shape: str) -> None:
    report = check("data.csv", generate(shape, 25))
    assert report.file_type is FileType.CSV
    assert report.format == DataFormat(shape)
    assert report.valid == 25


def test_a_json_list_reports_the_line_each_row_starts_on(check: Check) -> None:
    rows = [chat("Where is my parcel?", "On its way."), {"messages": []}]
    report = check("data.json", rows)  # written with indent=1: the second row starts lower
    assert report.file_type is FileType.JSON
    starts = [
        n for n, text in enumerate(json.dumps(rows, indent=1).splitlines(), 1) if text == " {"
    ]
    second_line = starts[1]
    assert second_line == 14
    assert [p.model_dump() for p in report.invalid] == [
        {"line": second_line, "error": "'messages' is empty"}
    ]


def test_classification_columns_are_matched_without_regard_to_case(check: Check) -> None:
    rows = [
        {"Sentence": f"ticket {i}", "Category": "billing" if i % 2 else "shipping"}
        for i in range(6)
    ]
    report = check("tickets.csv", rows)
    assert report.format is DataFormat.CLASSIFICATION
    assert report.labels is not None and report.labels.counts == {"billing": 3, "shipping": 3}


def test_input_and_output_columns_count_as_prompt_completion(check: Check) -> None:
    report = check("io.jsonl", [{"input": "2+2?", "output": "4"}, {"input": "3+3?", "output": "6"}])
    assert report.format is DataFormat.PROMPT_COMPLETION
    assert report.valid == 2


def test_openai_preference_rows_are_preference_data(check: Check) -> None:
    row = {
        "input": {"messages": [{"role": "user", "content": "Say hi"}]},
        "preferred_output": [{"role": "assistant", "content": "Hello! How can I help?"}],
        "non_preferred_output": [{"role": "assistant", "content": "hi"}],
    }
    report = check("dpo.jsonl", [row])
    assert report.format is DataFormat.PREFERENCE
    assert report.preference_pairs == 1


def test_rows_of_no_known_shape_make_the_format_unknown_with_a_warning(check: Check) -> None:
    report = check("odd.jsonl", [{"question": "a", "reply": "b"}, {"question": "c", "reply": "d"}])
    assert report.format is DataFormat.UNKNOWN
    assert report.valid == 0 and report.invalid_rows == 2
    assert report.invalid[0].error.startswith("no known shape")
    assert any("no provider accepts this shape" in w for w in report.warnings)


def test_the_most_common_shape_of_the_first_rows_wins_and_the_others_are_invalid(
    check: Check,
) -> None:
    rows = [*generate("chat", 3), preference("p", "a", "b")]
    report = check("mixed.jsonl", rows)
    assert report.format is DataFormat.CHAT
    assert [(p.line, p.error) for p in report.invalid] == [(4, "missing field 'messages'")]


def test_a_jsonl_file_saved_as_json_is_read_as_jsonl(write_rows: WriteRows) -> None:
    path = write_rows("data.jsonl", generate("chat", 3))
    report = check_file(path.rename(path.with_suffix(".json")))
    assert report.file_type is FileType.JSONL and report.valid == 3
