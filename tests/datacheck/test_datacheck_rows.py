"""Invalid rows: each problem with its line, the first 20 only, and never the row's text."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from datacheck_support import Check

from bot.datacheck import DataReport, check_file
from bot.datacheck.readers import MAX_ROW_BYTES
from harness.datafiles import chat, classification, generate, instruction, preference

SECRET = "Zebra-Quartz-Secret-7731"


def messages(*roles: str) -> dict[str, object]:
    return {"messages": [{"role": role, "content": f"{role} text"} for role in roles]}


def problems(report: DataReport) -> list[tuple[int, str]]:
    return [(p.line, p.error) for p in report.invalid]


def test_chat_rows_report_unparseable_lines_role_order_and_empty_answers(check: Check) -> None:
    rows = [
        chat("Where is my parcel?", "On its way."),  # 1
        "{not json",  # 2
        messages("user", "user", "assistant"),  # 3
        messages("assistant", "user"),  # 4
        messages("user", "assistant", "system", "user", "assistant"),  # 5
        messages("system", "user"),  # 6
        chat("Refund please", "   "),  # 7
        {"messages": [{"role": "bot", "content": "hi"}]},  # 8
        {"messages": [{"role": "user"}, {"role": "assistant", "content": "x"}]},  # 9
        messages("user", "tool", "assistant"),  # 10
        "[1, 2]",  # 11
        {"messages": "hello"},  # 12
    ]
    report = check("chat.jsonl", rows)
    assert report.rows == 12 and report.valid == 1 and report.invalid_rows == 11
    assert problems(report) == [
        (2, "not valid JSON"),
        (3, "wrong role order: two user messages in a row (messages 1 and 2)"),
        (4, "wrong role order: the conversation must start with a user message"),
        (5, "wrong role order: a system message after the conversation started"),
        (6, "wrong role order: the last message must be the assistant's answer"),
        (7, "empty output ('assistant')"),
        (8, "message 1 has no known role (system, user, assistant or tool)"),
        (9, "message 1 has no text content"),
        (10, "wrong role order: a tool message must follow an assistant message"),
        (11, "not a JSON object"),
        (12, "'messages' is not a list"),
    ]
    assert "11 rows of 12 are invalid; fix or drop them before training" in report.warnings


def test_a_tool_call_turn_in_a_chat_is_valid(check: Check) -> None:
    row = {
        "messages": [
            {"role": "user", "content": "Weather in Oslo?"},
            {"role": "assistant", "content": None, "tool_calls": [{"id": "1"}]},
            {"role": "tool", "content": "3 C, rain"},
            {"role": "assistant", "content": "3 degrees and rain."},
        ]
    }
    assert check("tools.jsonl", [row]).valid == 1


def test_missing_fields_and_empty_outputs_are_named_by_the_files_own_keys(check: Check) -> None:
    rows = [
        instruction("Summarise.", "text", "A summary."),
        {"instruction": "Summarise.", "output": ""},
        {"instruction": "", "input": "x", "output": "y"},
        {"instruction": "Summarise.", "input": 3, "output": "y"},
    ]
    assert problems(check("alpaca.jsonl", rows)) == [
        (2, "empty output ('output')"),
        (3, "empty 'instruction'"),
        (4, "field 'input' is not text"),
    ]


def test_preference_rows_need_two_different_answers(check: Check) -> None:
    rows = [
        preference("Say hi", "Hello!", "hi"),
        preference("Say hi", "Same", " same "),
        {"prompt": "Say hi", "chosen": "Hello!", "rejected": ""},
    ]
    assert problems(check("prefs.jsonl", rows)) == [
        (2, "chosen and rejected are the same answer"),
        (3, "empty output ('rejected')"),
    ]


def test_csv_rows_with_the_wrong_number_of_columns_or_no_label_are_invalid(
    tmp_path: Path,
) -> None:
    path = tmp_path / "tickets.csv"
    path.write_text(
        "text,label\nmy card was charged twice,billing\nwhere is it,shipping,extra\n"
        'parcel lost,\n"multi\nline ticket",shipping\n',
        encoding="utf-8",
    )
    report = check_file(path)
    assert report.rows == 4 and report.valid == 2
    assert problems(report) == [
        (3, "has 3 columns, the header has 2"),
        (4, "empty output ('label')"),
    ]


def test_only_the_first_twenty_problems_are_listed_but_all_are_counted(check: Check) -> None:
    report = check("broken.jsonl", ["nope"] * 30 + generate("chat", 5))
    assert report.invalid_rows == 30
    assert [p.line for p in report.invalid] == list(range(1, 21))


def test_a_line_longer_than_a_row_may_be_is_skipped_and_reading_goes_on(tmp_path: Path) -> None:
    path = tmp_path / "long.jsonl"
    huge = json.dumps(chat("x" * (MAX_ROW_BYTES + 10), "y"))
    path.write_text(f"{huge}\n{json.dumps(chat('a', 'b'))}\n", encoding="utf-8")
    report = check_file(path)
    assert problems(report) == [(1, f"longer than {MAX_ROW_BYTES:,} bytes")]
    assert report.valid == 1


def test_a_line_that_is_not_utf8_is_invalid(tmp_path: Path) -> None:
    path = tmp_path / "latin1.jsonl"
    path.write_bytes(
        b'{"prompt": "caf\xe9", "completion": "ok"}\n{"prompt": "a", "completion": "b"}\n'
    )
    assert problems(check_file(path)) == [(1, "not UTF-8 text")]


def test_a_json_list_broken_in_the_middle_stops_with_the_rest_unread(tmp_path: Path) -> None:
    path = tmp_path / "broken.json"
    good = json.dumps(chat("a", "b"))
    path.write_text(f"[\n{good},\n{good[:-5]},\n{good}\n]", encoding="utf-8")
    report = check_file(path)
    assert not report.complete
    assert report.valid == 1
    assert problems(report) == [(3, "not valid JSON")]
    assert "line 3: the rest of the file could not be read (not valid JSON)" in report.warnings


def test_blank_lines_and_a_byte_order_mark_are_not_rows(tmp_path: Path) -> None:
    path = tmp_path / "bom.jsonl"
    row = json.dumps(classification("hello", "greeting"))
    path.write_bytes(b"\xef\xbb\xbf" + f"{row}\n\n   \n{row.replace('hello', 'hi')}\n".encode())
    report = check_file(path)
    assert (report.rows, report.valid) == (2, 2)


@pytest.mark.parametrize("suffix", [".jsonl", ".json", ".csv"])
def test_the_report_never_holds_the_text_of_a_row(check: Check, suffix: str) -> None:
    rows = [
        classification(f"{SECRET} my card 4111 1111 1111 1111", "billing"),
        classification(f"{SECRET} mail {SECRET.lower()}@example.com", "shipping"),
        {"text": SECRET, "label": ""},
        {"text": f"{SECRET} 2", "label": "billing"},
    ]
    dumped = check(f"secret{suffix}", rows).model_dump_json()
    assert SECRET.lower() not in dumped.lower()
    assert "4111" not in dumped and "example.com" not in dumped
