"""Words that look like a fact and are not one give no fact: what no longer holds, what
might hold one day, someone else's view, numbers that are no fact, a denied need."""

from __future__ import annotations

import pytest
from reading_helpers import Read


@pytest.mark.parametrize(
    "text",
    [
        "We used to get 20k requests a day before we split the product; no idea what it is now.",
        "If the pilot goes well we might hit 50k a day next year.",
        "We had 4,000 labelled examples but the annotations were deleted in the migration.",
        "Maybe one day we'll collect a few thousand examples.",
    ],
)
def test_past_and_hypothetical_figures_are_not_facts(read: Read, text: str) -> None:
    facts = read(text).facts
    assert facts.requests_per_day is None, text
    examples = facts.labeled_examples  # unknown, or none now ("deleted"): never the figure
    assert examples is None or examples.high == 0, text


@pytest.mark.parametrize(
    ("text", "fact"),
    [
        (
            "Our CTO is convinced we need fine-tuning because the domain is so niche.",
            "specialized_domain",
        ),
        ("A consultant told us latency will matter, but honestly I doubt it.", "latency_sensitive"),
    ],
)
def test_someone_elses_view_is_not_a_fact(read: Read, text: str, fact: str) -> None:
    assert getattr(read(text).facts, fact) is not True, text


@pytest.mark.parametrize(
    "text",
    [
        "We're testing Llama 3.1 8B and a 70B model for the ticket triage.",
        "The budget is $20k for the quarter and the team is 6 people.",
        "We're on GPT-4.1 since 2024; about 30% of our users are in Europe.",
        "The knowledge base has 600 articles and a 128k context window fits most of them.",
    ],
)
def test_numbers_that_are_no_fact_give_no_fact(read: Read, text: str) -> None:
    facts = read(text).facts
    assert facts.requests_per_day is None, text
    assert facts.labeled_examples is None, text


def test_a_denied_need_is_false_not_true(read: Read) -> None:
    facts = read(
        "This one doesn't need our wiki or any documents: it only tags the sentiment of each "
        "review we pass in."
    ).facts
    assert facts.needs_knowledge is not True


@pytest.mark.parametrize(
    ("text", "per_day"),
    [
        ("We answer supplier emails, around 1,400 a day, no wait, 1,400 a week.", 200),
        ("so it's like three hundred a day sorry I mean three hundred a month", 10),
        ("Roughly 9k claims per week, or rather 9k per month, need a category.", 300),
    ],
)
def test_a_figure_taken_back_as_it_is_said_gives_way_to_the_one_after(
    read: Read, text: str, per_day: float
) -> None:
    volume = read(text).facts.requests_per_day
    assert volume is not None and volume.low == pytest.approx(per_day, rel=0.01), text


def test_an_apology_is_no_correction_when_one_figure_is_given(read: Read) -> None:
    volume = read(
        "Sorry for the long post: we get 500 support emails a day."
    ).facts.requests_per_day
    assert volume is not None and volume.low == 500
