"""Labeled examples and their quality."""

import pytest


@pytest.mark.parametrize(
    ("text", "count", "quality"),
    [
        ("We have 2k examples labeled by our ops team.", 2000, "high"),
        ("Our dataset is 750 input/output pairs, checked by two reviewers.", 750, "high"),
        ("We have about 1.2k rows hand-labelled by our analysts.", 1200, "high"),
        ("1,500 examples written by our senior support agents", 1500, "high"),
        ("3k labelled examples, but mostly auto-generated and nobody checked them", 3000, "low"),
        ("we've got 800 examples, half reviewed, half not", 800, "mixed"),
        ("We have 40 sample replies we like.", 40, None),
        ("our editors approved 900 past newsletters", 900, "high"),
    ],
)
def test_labeled_examples_and_their_quality_are_read(read, text, count, quality) -> None:
    facts = read(text).facts
    assert facts.labeled_examples.value == count
    assert (facts.data_quality.value if facts.data_quality else None) == quality


@pytest.mark.parametrize(
    "text",
    [
        "we have no labeled data at all",
        "We don't have labels yet.",
        "zero annotated examples so far",
        "We do not have any example summaries yet.",
        "We have no training data whatsoever.",
    ],
)
def test_saying_there_is_no_labeled_data_is_zero(read, text) -> None:
    assert read(text).facts.labeled_examples.value == 0


@pytest.mark.parametrize(
    "text",
    [
        "We have a few hundred labelled ones, I think.",
        "We have thousands of tagged tickets somewhere.",
        "Our prompt has 12 examples in it and still misses.",
        "We index ~8,000 contracts.",
        "The catalogue holds about 40k SKUs.",
        "We collected 90k thumbs up/down ratings on answers.",
    ],
)
def test_hedges_prompt_examples_and_document_counts_are_not_labeled_examples(read, text) -> None:
    assert read(text).facts.labeled_examples is None


def test_a_bare_number_answers_the_examples_question_just_asked(read) -> None:
    state = read("We classify claims.", "~900", asked=("labeled_examples",))
    assert state.facts.labeled_examples.value == 900
