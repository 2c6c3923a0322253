"""Measured, not claimed: the file's figures become the consultation's facts."""

from __future__ import annotations

from pathlib import Path

import pytest
from datacheck_support import WriteRows

from bot.advisor import Advisor
from bot.case import CaseState, Tentative
from bot.datacheck import check_file
from bot.errors import RulesError
from bot.facts import DataQuality, Evidence
from bot.paths import PROJECT_ROOT
from bot.rules import load_rulebook
from harness.datafiles import chat, generate

TRIAGE = (
    "We classify about 20k support tickets a day into 12 queues. Our best prompt gets 80% "
    "and we need 95%. We have 3,000 reviewed examples."
)


@pytest.fixture(scope="module")
def advisor() -> Advisor:
    return Advisor()


def dirty(n_unique: int, n_repeats: int) -> list[dict[str, object]]:
    rows = generate("chat", n_unique)
    return rows + rows[:n_repeats]


def test_the_file_replaces_the_claimed_count_with_evidence_measured_from_the_file(
    advisor: Advisor, write_rows: WriteRows
) -> None:
    state = advisor.start(TRIAGE)
    report = advisor.check_data(write_rows("tickets.jsonl", generate("chat", 40)))
    measured = advisor.measure(state, report)
    assert measured.facts.labeled_examples is not None
    assert measured.facts.labeled_examples.value == 40
    assert measured.evidence["labeled_examples"].quote == "measured from tickets.jsonl"
    assert advisor.measured_changes(state, measured) == [
        "you said 3,000 examples; the file holds 40 unique valid ones",
        "the file holds no preference pairs",
    ]


def test_measured_figures_change_the_advice(advisor: Advisor, write_rows: WriteRows) -> None:
    state = advisor.start(TRIAGE)
    assert advisor.advise(state).recommendation.strategy.value == "fine_tuning"
    report = advisor.check_data(write_rows("tickets.jsonl", generate("chat", 40)))
    after = advisor.advise(advisor.measure(state, report))
    assert after.recommendation.strategy.value == "prompt_engineering"
    assert after.contract()["data"] == report.model_dump(mode="json")


def test_labeled_examples_count_only_unique_valid_rows(
    advisor: Advisor, write_rows: WriteRows
) -> None:
    rows = [*dirty(600, 30), "{broken", chat("only a question", "")]
    report = advisor.check_data(write_rows("data.jsonl", rows))
    facts = advisor.measure(advisor.start("We want to fine-tune"), report).facts
    assert facts.labeled_examples is not None and facts.labeled_examples.value == 600


def test_a_file_the_user_did_not_describe_adds_the_count(
    advisor: Advisor, write_rows: WriteRows
) -> None:
    state = advisor.start("We summarise call notes.")
    report = advisor.check_data(write_rows("notes.jsonl", generate("instruction", 120)))
    measured = advisor.measure(state, report)
    assert advisor.measured_changes(state, measured)[0] == (
        "the file holds 120 unique valid examples"
    )


def test_data_quality_falls_to_low_above_the_share_in_the_rules(
    advisor: Advisor, write_rows: WriteRows
) -> None:
    state = advisor.start(TRIAGE)
    clean = advisor.check_data(write_rows("clean.jsonl", dirty(100, 10)))  # 10 of 110: 9%
    dirty_report = advisor.check_data(write_rows("dirty.jsonl", dirty(100, 20)))  # 20 of 120
    assert state.facts.data_quality is DataQuality.HIGH  # "reviewed": their word stands
    assert advisor.measure(state, clean).facts.data_quality is DataQuality.HIGH
    measured = advisor.measure(state, dirty_report)
    assert measured.facts.data_quality is DataQuality.LOW
    assert measured.evidence["data_quality"].quote == "measured from dirty.jsonl"
    assert (
        "data quality is low: 17% of the valid rows are duplicates or conflicts (the limit is 10%)"
        in advisor.measured_changes(state, measured)
    )


def rules_with_share(folder: Path, share: str | None) -> Path:
    """A copy of the project's rules (and prices) in ``folder``, with another share, or
    without the threshold (``None``), as an older rules file would be."""
    text = (PROJECT_ROOT / "decision_rules.yaml").read_text(encoding="utf-8")
    line = next(line for line in text.splitlines() if "max_duplicate_conflict_share:" in line)
    assert "max_duplicate_conflict_share: 0.1 " in line
    replacement = "" if share is None else line.replace("0.1 ", f"{share} ")
    (folder / "pricing.yaml").write_text((PROJECT_ROOT / "pricing.yaml").read_text())
    rules = folder / "decision_rules.yaml"
    rules.write_text(text.replace(line, replacement), encoding="utf-8")
    return rules


def test_the_share_is_data_changing_it_in_the_rules_file_changes_the_verdict(
    tmp_path: Path, write_rows: WriteRows
) -> None:
    lenient = Advisor(rulebook=load_rulebook(rules_with_share(tmp_path, "0.25")))
    report = check_file(write_rows("dirty.jsonl", dirty(100, 20)))
    assert lenient.measure(lenient.start(TRIAGE), report).facts.data_quality is DataQuality.HIGH


def test_a_rules_file_without_the_share_says_which_threshold_is_missing(
    tmp_path: Path, write_rows: WriteRows
) -> None:
    old = Advisor(rulebook=load_rulebook(rules_with_share(tmp_path, None)))
    report = check_file(write_rows("a.jsonl", generate("chat", 3)))
    with pytest.raises(RulesError, match="missing threshold 'max_duplicate_conflict_share'"):
        old.measure(old.start(TRIAGE), report)


def test_preference_pairs_make_preference_data_a_measured_fact(
    advisor: Advisor, write_rows: WriteRows
) -> None:
    state = advisor.start(TRIAGE)
    report = advisor.check_data(write_rows("prefs.jsonl", generate("preference", 700)))
    measured = advisor.measure(state, report)
    assert measured.facts.preference_data is True
    assert measured.evidence["preference_data"].quote == "measured from prefs.jsonl"
    assert "the file holds 700 preference pairs" in advisor.measured_changes(state, measured)
    assert advisor.advise(measured).recommendation.technique is not None
    assert advisor.advise(measured).recommendation.technique.value == "dpo"


def test_a_file_without_pairs_does_not_overrule_preference_data_the_user_has(
    advisor: Advisor, write_rows: WriteRows
) -> None:
    state = advisor.start(TRIAGE + " We also have thumbs-up/down preference pairs.")
    said = state.facts.preference_data
    report = advisor.check_data(write_rows("sft.jsonl", generate("chat", 10)))
    assert advisor.measure(state, report).facts.preference_data == said


def test_a_file_of_unknown_shape_sets_no_fact(advisor: Advisor, write_rows: WriteRows) -> None:
    state = advisor.start(TRIAGE)
    report = advisor.check_data(write_rows("odd.jsonl", [{"q": "a", "r": "b"}]))
    measured = advisor.measure(state, report)
    assert measured.facts == state.facts
    assert advisor.measured_changes(state, measured) == [
        "the file's format is unknown, so no fact was taken from it"
    ]


def test_a_clean_second_file_lifts_the_low_quality_the_first_file_measured(
    advisor: Advisor, write_rows: WriteRows
) -> None:
    first = advisor.measure(
        advisor.start(TRIAGE), advisor.check_data(write_rows("v1.jsonl", dirty(100, 50)))
    )
    assert first.facts.data_quality is DataQuality.LOW
    second = advisor.measure(first, advisor.check_data(write_rows("v2.jsonl", dirty(100, 0))))
    assert second.facts.data_quality is None
    assert "data_quality" not in second.evidence
    assert advisor.measured_changes(first, second)[0] == "the file holds 100 unique valid examples"


def test_the_report_is_kept_in_the_state_and_survives_storage(
    advisor: Advisor, write_rows: WriteRows
) -> None:
    report = advisor.check_data(write_rows("a.jsonl", dirty(30, 3)))
    state = advisor.measure(advisor.start(TRIAGE), report)
    assert CaseState.model_validate_json(state.model_dump_json()) == state
    assert state.data == report


def test_a_measured_count_settles_a_count_the_reader_or_the_user_was_unsure_of(
    advisor: Advisor, write_rows: WriteRows
) -> None:
    guess = Tentative(value=2000, evidence=Evidence(turn=0, start=0, end=4, quote="2000"))
    state = advisor.start("We label tickets.").model_copy(
        update={
            "unsure": {"labeled_examples", "domain"},
            "tentative": {"labeled_examples": guess, "requests_per_day": guess},
        }
    )
    report = advisor.check_data(write_rows("a.jsonl", generate("chat", 30)))
    measured = advisor.measure(state, report)
    assert measured.unsure == {"domain"}
    assert set(measured.tentative) == {"requests_per_day"}
