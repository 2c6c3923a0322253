"""Regression tests for kinds of phrasing that a held-out set showed the parser missing,
written afresh (not the held-out sentences themselves)."""

import pytest


@pytest.mark.parametrize(
    ("text", "count"),
    [
        (
            "Our prompt (claude, 8 examples) hits 80%. 2,500 tickets were labeled by our leads.",
            2500,
        ),
        (
            "We measured 91% on 400 hand-checked tickets; 2,500 more were labeled by our leads.",
            2500,
        ),
        ("We've got 1,200 prompt/response pairs reviewed by editors.", 1200),
        ("Our nurses adjudicated 900 referrals last year.", 900),
        ("Our analysts rewrote 300 reports by hand.", 300),
    ],
)
def test_the_count_of_labeled_data_is_told_from_prompt_and_test_set_counts(
    read, text, count
) -> None:
    assert read(text).facts.labeled_examples == count


@pytest.mark.parametrize(
    ("text", "per_day"),
    [
        ("roughly 3,500 tickets in one week", 500),
        ("Maybe 40 requests in the day.", 40),
        ("800 sales reps, around 4 drafts each a day", 3200),
        ("~2,000 learners, maybe 7 questions each a week", 2000),
        ("300-ish emails a day", 300),
    ],
)
def test_rates_in_looser_words(read, text, per_day) -> None:
    assert read(text).facts.requests_per_day == pytest.approx(per_day, rel=0.01)


@pytest.mark.parametrize(
    ("text", "fact", "value"),
    [
        ("We haven't written a single prompt yet.", "prompting_exhausted", False),
        ("The ops team is happy with what the prompt gives them.", "prompting_exhausted", False),
        ("No ratings, no A/B tests, nothing like that.", "preference_data", False),
        ("Editors picked the better of two drafts about 5k times.", "preference_data", True),
        ("Everything the model needs is in the ticket text, no lookups.", "needs_knowledge", False),
        ("Letters must follow our approved template word for word.", "style_consistency", True),
        ("Nothing exotic, just standard SQL.", "specialized_domain", False),
        (
            "It's written in our in-house scripting API, none of it public.",
            "specialized_domain",
            True,
        ),
        ("Not latency sensitive; users happily wait a few seconds.", "latency_sensitive", False),
    ],
)
def test_flags_in_looser_words(read, text, fact, value) -> None:
    assert getattr(read(text).facts, fact) is value


@pytest.mark.parametrize(
    ("text", "baseline", "target"),
    [
        ("We'd be fine with 85%; today it's at 88%.", 0.88, 0.85),
        ("The requirement is 97% and the pipeline achieves 90%.", 0.90, 0.97),
    ],
)
def test_targets_said_as_requirements_or_contentment(read, text, baseline, target) -> None:
    facts = read(text).facts
    assert (facts.baseline_quality, facts.target_quality) == (baseline, target)
    assert facts.prompting_exhausted is (baseline < target)


@pytest.mark.parametrize(
    ("text", "task"),
    [
        ("We want to re-rank search results for each query.", "other"),
        ("Parse scanned invoices into our fixed schema.", "extraction"),
        ("Our coding assistant answers about 5k questions a day.", "code"),
        ("Agents need answers from the policy manuals.", "question_answering"),
    ],
)
def test_task_type_in_looser_words(read, text, task) -> None:
    assert read(text).facts.task_type.value == task
