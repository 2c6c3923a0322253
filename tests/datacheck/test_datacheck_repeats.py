"""Duplicates, conflicts, labels and preference pairs: what people overcount."""

from __future__ import annotations

from datacheck_support import Check

from harness.datafiles import chat, classification, generate, preference, prompt_completion


def test_a_duplicate_is_the_same_input_and_output_after_trimming_and_case_folding(
    check: Check,
) -> None:
    rows = [
        prompt_completion("Where is my parcel?", "It ships tomorrow."),
        prompt_completion("  where is my   PARCEL? ", "it ships tomorrow."),
        prompt_completion("Where is my parcel?", "It ships tomorrow."),
        prompt_completion("Where is my invoice?", "Attached."),
    ]
    report = check("pc.jsonl", rows)
    assert report.duplicates.model_dump() == {"rows": 2, "lines": [2, 3]}
    assert report.conflicts.rows == 0
    assert report.unique_valid == 2


def test_a_conflict_is_the_same_input_with_another_output(check: Check) -> None:
    rows = [
        chat("Where is my parcel?", "It ships tomorrow."),
        chat("Where is my parcel?", "It was lost, sorry."),
        chat("where is my parcel?", "It ships tomorrow."),
        chat("Can I pay by card?", "Yes."),
    ]
    report = check("chat.jsonl", rows)
    assert report.conflicts.model_dump() == {"rows": 1, "lines": [2]}
    assert report.duplicates.model_dump() == {"rows": 1, "lines": [3]}
    assert report.unique_valid == 2
    assert report.repeated_share == 0.5
    assert (
        "1 duplicate and 1 conflict (50% of the valid rows): deduplicate, and decide the "
        "right answer where the same input has two" in report.warnings
    )


def test_the_same_text_with_two_labels_is_a_conflict(check: Check) -> None:
    rows = [
        classification("charged twice", "billing"),
        classification("Charged twice", "refunds"),
        classification("charged twice", "BILLING"),
    ]
    report = check("labels.csv", rows)
    assert (report.conflicts.rows, report.duplicates.rows) == (1, 1)
    assert report.labels is not None and report.labels.counts == {"billing": 1}


def test_labels_report_counts_the_smallest_class_and_the_imbalance(check: Check) -> None:
    rows = [classification(f"ticket {i}", "billing") for i in range(40)]
    rows += [classification(f"ticket {i}", "shipping") for i in range(40, 48)]
    rows += [classification(f"ticket {i}", "legal") for i in range(48, 52)]
    labels = check("tickets.jsonl", rows).labels
    assert labels is not None
    assert labels.counts == {"billing": 40, "shipping": 8, "legal": 4}
    assert labels.classes == 3
    assert labels.smallest.model_dump() == {"label": "legal", "rows": 4}
    assert labels.imbalance_ratio == 10.0
    assert labels.top_two_share == round(48 / 52, 4)


def test_imbalanced_classes_and_two_dominant_classes_are_warned_about(check: Check) -> None:
    rows = [classification(f"t{i}", "billing") for i in range(50)]
    rows += [classification(f"s{i}", "shipping") for i in range(40)]
    rows += [classification(f"l{i}", "legal") for i in range(4)]
    warnings = check("tickets.jsonl", rows).warnings
    assert "the classes are imbalanced: 'billing' has 12.5x the examples of 'legal'" in warnings
    assert "two classes hold 96% of the examples" in warnings


def test_a_balanced_label_set_has_no_label_warning(check: Check) -> None:
    report = check("balanced.jsonl", generate("classification", 40))
    assert report.labels is not None and report.labels.imbalance_ratio == 1.0
    assert not any("class" in w for w in report.warnings)


def test_preference_pairs_count_unique_pairs_and_a_reversed_pair_is_a_conflict(
    check: Check,
) -> None:
    rows = [
        preference("Say hi", "Hello! How can I help?", "hi"),
        preference("Say hi", "Hey there!", "hi"),  # another pair for the prompt: fine
        preference("Say hi", "hi", "Hello! How can I help?"),  # reversed: a conflict
        preference("say hi", "Hello!  How can I help?", "HI"),  # duplicate
        preference("Say bye", "Goodbye, take care!", "bye"),
    ]
    report = check("prefs.jsonl", rows)
    assert report.preference_pairs == 3
    assert (report.conflicts.lines, report.duplicates.lines) == ([3], [4])
    assert report.labels is None


def test_other_formats_have_no_labels_and_no_preference_pairs(check: Check) -> None:
    report = check("chat.jsonl", generate("chat", 5))
    assert report.labels is None and report.preference_pairs is None
    assert report.split.stratified_by is None


def test_the_report_names_at_most_a_hundred_labels_and_warns_past_a_thousand(
    check: Check,
) -> None:
    many = check(
        "intents.jsonl", [classification(f"q{i}", f"intent {i % 150}") for i in range(300)]
    )
    assert many.labels is not None
    assert (many.labels.classes, len(many.labels.counts), many.labels.truncated) == (150, 100, True)
    assert not any("free text" in w for w in many.warnings)
    free = check("free.jsonl", [classification(f"q{i}", f"answer {i}") for i in range(1005)])
    assert free.labels is not None and free.labels.classes == 1001
    assert "more than 1,000 distinct labels: this looks like free text, not classification" in (
        free.warnings
    )


def test_the_warning_speaks_only_of_the_repeats_the_file_has(check: Check) -> None:
    rows = generate("prompt_completion", 9)
    only_duplicates = check("d.jsonl", [*rows, rows[0]]).warnings
    assert "1 duplicate (10% of the valid rows): deduplicate before training" in only_duplicates
    other = prompt_completion(str(rows[0]["prompt"]), "another answer")
    only_conflicts = check("c.jsonl", [*rows, other]).warnings
    assert (
        "1 conflict (10% of the valid rows): decide the right answer where the same input "
        "has two" in only_conflicts
    )
