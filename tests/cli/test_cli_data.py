"""``advisor data check``, ``advisor data split`` and ``advisor advise --data``, over the
real advisor core."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from bot.advisor import Advisor
from bot.cli.app import App
from bot.cli.main import cli
from harness.datafiles import chat, classification, generate, write

Run = Callable[..., Result]

REPORT_KEYS = {
    "file",
    "file_type",
    "format",
    "rows",
    "valid",
    "invalid_rows",
    "invalid",
    "complete",
    "duplicates",
    "conflicts",
    "unique_valid",
    "labels",
    "preference_pairs",
    "tokens",
    "pii",
    "split",
    "warnings",
}
TRIAGE = (
    "We classify about 20k support tickets a day into 12 queues. Our best prompt gets 80% "
    "and we need 95%. We have 3,000 reviewed examples."
)


@pytest.fixture(scope="module")
def advisor() -> Advisor:
    return Advisor()


@pytest.fixture
def run(advisor: Advisor) -> Run:
    """Run ``advisor ARGS`` over one real advisor shared by the module."""

    def invoke(*args: str) -> Result:
        app = App(make_advisor=lambda: advisor)
        return CliRunner().invoke(cli, list(args), obj=app)

    return invoke


@pytest.fixture
def messy(tmp_path: Path) -> Path:
    """Six rows: a broken line, a wrong role order, a conflict, an email and a card."""
    return write(
        tmp_path / "support.jsonl",
        [
            chat("Where is my parcel? Mail me at ana@example.com", "On its way."),
            chat("Can I pay by card 4111 1111 1111 1111?", "Yes."),
            "not json",
            {"messages": [{"role": "user", "content": "a"}, {"role": "user", "content": "b"}]},
            chat("Where is my parcel? Mail me at ana@example.com", "It was lost."),
            chat("Do you ship abroad?", "Yes, to 30 countries."),
        ],
    )


def test_data_check_prints_the_figures_the_problems_and_what_to_fix(run: Run, messy: Path) -> None:
    result = run("data", "check", str(messy))
    assert result.exit_code == 0, result.output
    out = result.stdout
    for line in (
        "Data check: support.jsonl",
        "format:          chat (messages with roles: OpenAI/Azure fine-tuning) in JSONL",
        "valid:           4 (2 invalid)",
        "unique valid:    3",
        "conflicts:       1 (line 5)",
        "personal data:   rows with email 2, phone 0, card 1, IBAN 0",
        "suggested split: 3 train / 0 validation / 0 test (80/10/10)",
        "- line 3: not valid JSON",
        "- line 4: wrong role order: two user messages in a row (messages 1 and 2)",
        "- 2 rows of 6 are invalid; fix or drop them before training",
    ):
        assert line in out
    assert "gpt-4.1-mini" in out and "Training prices read 2025-08-21" in out
    assert "Tokens estimated as characters / 4" in out
    assert "ana@example.com" not in out and "4111" not in out


def test_data_check_json_prints_only_the_report_with_its_documented_keys(
    run: Run, messy: Path
) -> None:
    result = run("data", "check", str(messy), "--json")
    assert result.exit_code == 0
    report = json.loads(result.stdout)
    assert set(report) == REPORT_KEYS
    assert report["invalid"][0] == {"line": 3, "error": "not valid JSON"}
    assert report["conflicts"] == {"rows": 1, "lines": [5]}
    assert set(report["tokens"]) == {
        "approximation",
        "mean",
        "p95",
        "total",
        "training_cost",
        "currency",
        "prices_read",
    }
    assert set(report["tokens"]["training_cost"][0]) == {
        "model",
        "price_per_million",
        "epochs",
        "cost",
    }
    assert set(report["pii"]) == {"email", "phone", "card", "iban", "rows_with_any", "warning"}
    assert set(report["split"]) == {"train", "validation", "test", "seed", "stratified_by"}


def test_data_check_shows_the_labels_of_a_classification_file(run: Run, tmp_path: Path) -> None:
    rows = [classification(f"t{i}", "billing" if i < 30 else "legal") for i in range(33)]
    result = run("data", "check", str(write(tmp_path / "t.csv", rows)))
    assert "labels:          2 classes; smallest 'legal' (3); imbalance 10.0x" in result.stdout
    assert "  billing        30    91%" in result.stdout


def test_data_check_of_a_missing_file_is_one_error_line_and_exit_two(
    run: Run, tmp_path: Path
) -> None:
    result = run("data", "check", str(tmp_path / "nope.jsonl"))
    assert result.exit_code == 2
    assert result.stderr == f"Error: {tmp_path / 'nope.jsonl'}: file not found\n"


def test_data_check_refuses_a_file_of_another_type(run: Run, tmp_path: Path) -> None:
    path = tmp_path / "notes.txt"
    path.write_text("hello")
    result = run("data", "check", str(path))
    assert result.exit_code == 2
    assert result.stderr.startswith("Error: notes.txt: not a JSONL, JSON or CSV file")


def test_data_split_writes_three_files_and_says_what_it_left_out(run: Run, tmp_path: Path) -> None:
    rows = generate("chat", 100)
    path = write(tmp_path / "chat.jsonl", [*rows, rows[0], "oops"])
    out_dir = tmp_path / "out"
    result = run("data", "split", str(path), "--seed", "3", "--out", str(out_dir))
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines() == [
        f"Wrote 80 rows to {out_dir / 'train.jsonl'}",
        f"Wrote 10 rows to {out_dir / 'validation.jsonl'}",
        f"Wrote 10 rows to {out_dir / 'test.jsonl'}",
        "Seed 3. Left out: 1 duplicate, 0 conflicting answers, 1 invalid row. "
        "No input is on two sides.",
    ]


def test_data_split_writes_beside_the_file_by_default_and_never_overwrites(
    run, tmp_path: Path
) -> None:
    path = write(tmp_path / "tickets.csv", generate("classification", 20))
    first = run("data", "split", str(path))
    assert first.exit_code == 0
    assert (tmp_path / "tickets-split" / "train.csv").is_file()
    assert "stratified by label" in first.stdout
    again = run("data", "split", str(path))
    assert again.exit_code == 2
    assert "train.csv already exists; remove it or choose another --out folder" in again.stderr


def test_advise_with_data_json_has_the_measured_facts_and_the_same_report(
    run: Run, messy: Path
) -> None:
    result = run("advise", TRIAGE, "--data", str(messy), "--json")
    assert result.exit_code == 0, result.output
    contract = json.loads(result.stdout)
    assert set(contract) == {"facts", "questions", "recommendation", "suggested_prompt", "data"}
    assert contract["facts"]["labeled_examples"] == 3
    assert contract["facts"]["data_quality"] == "low"
    checked = json.loads(run("data", "check", str(messy), "--json").stdout)
    assert contract["data"] == checked


def test_advise_with_data_says_what_the_file_changed(run: Run, tmp_path: Path) -> None:
    path = write(tmp_path / "tickets.jsonl", generate("chat", 40))
    result = run("advise", TRIAGE, "--data", str(path))
    assert result.exit_code == 0, result.output
    out = result.stdout
    assert "Measured from tickets.jsonl" in out
    assert "- you said 3,000 examples; the file holds 40 unique valid ones" in out
    assert "- the advice changes: Fine-tuning → Better prompting" in out
    assert "labeled examples:                40" in out


def test_a_decision_record_with_data_says_which_facts_were_measured_not_quoted(
    run: Run, tmp_path: Path
) -> None:
    path = write(tmp_path / "tickets.jsonl", generate("chat", 40))
    args = ["--data", str(path), "--format", "markdown", "--date", "2026-12-01"]
    result = run("advise", TRIAGE, *args)
    assert result.exit_code == 0, result.output
    record = result.stdout
    assert "| labeled examples | 40 | measured from tickets.jsonl |" in record
    assert "“measured from" not in record, "a measured figure is not the user's words"
    assert "| requests per day | 20,000 | “about 20k support tickets a day” (description) |" in (
        record
    )


def test_advise_without_data_has_no_data_object(run: Run) -> None:
    contract = json.loads(run("advise", TRIAGE, "--json").stdout)
    assert "data" not in contract


def test_an_advisor_that_cannot_check_data_is_an_error_not_a_traceback(tmp_path: Path) -> None:
    from fake_advisor import FakeAdvisor

    path = write(tmp_path / "a.jsonl", generate("chat", 2))
    app = App(make_advisor=FakeAdvisor)
    result = CliRunner().invoke(cli, ["advise", "We classify", "--data", str(path)], obj=app)
    assert result.exit_code == 2
    assert result.stderr == "Error: this advisor cannot check data files\n"
