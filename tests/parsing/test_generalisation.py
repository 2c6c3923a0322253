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
    assert read(text).facts.labeled_examples.value == count


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
    assert read(text).facts.requests_per_day.value == pytest.approx(per_day, rel=0.01)


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
    assert facts.baseline_quality and facts.target_quality
    assert (facts.baseline_quality.value, facts.target_quality.value) == (baseline, target)
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


@pytest.mark.parametrize(
    ("text", "count"),
    [
        ("A team of 12 paralegals has reviewed 3,400 leases.", 3400),
        ("We have 2 grand labelled examples, all checked by QA.", 2000),
        ("Our 1,500-class taxonomy was applied to 9k listings our team audited.", 9000),
        ("about three-and-a-half thousand tickets tagged by our leads", 3500),
    ],
)
def test_head_counts_and_compound_numbers_are_not_the_example_count(read, text, count) -> None:
    assert read(text).facts.labeled_examples.value == count


def test_ab_test_pairs_are_preference_data_not_labeled_examples(read) -> None:
    facts = read("We logged which of two subject lines won on opens, ~12k pairs.").facts
    assert facts.labeled_examples is None
    assert facts.preference_data is True


@pytest.mark.parametrize(
    ("text", "per_day"),
    [
        ("roughly 200 calls per shift, 3 shifts a day", 600),
        ("About 20 requests per user per week, ~700 users", 2000),
        ("The newsletter goes out once a fortnight.", 1 / 14),
        ("~700 enquiries p/week", 100),
    ],
)
def test_per_shift_per_user_and_abbreviated_rates(read, text, per_day) -> None:
    assert read(text).facts.requests_per_day.value == pytest.approx(per_day, rel=0.01)


def test_per_shift_rate_without_a_shift_count_stays_unknown(read) -> None:
    assert read("We handle about 200 calls per shift.").facts.requests_per_day is None


@pytest.mark.parametrize(
    ("turns", "per_day"),
    [
        (("We get ~9,000 tickets a day.", "correction: 900 not 9,000"), 900),
        (("about 3,000 enquiries a week", "those numbers are monthly btw"), 100),
    ],
)
def test_later_replies_correct_the_number_or_its_period(read, turns, per_day) -> None:
    assert read(*turns).facts.requests_per_day.value == pytest.approx(per_day, rel=0.01)


def test_an_error_rate_is_read_as_the_quality_it_leaves(read) -> None:
    facts = read("A spot check showed it is wrong 25% of the time.").facts
    assert facts.baseline_quality.value == pytest.approx(0.75)
    assert facts.prompting_exhausted is True


def test_a_share_of_something_else_is_not_a_quality_figure(read) -> None:
    assert read("About 40% of our revenue comes from renewals.").facts.baseline_quality is None


def test_mixed_authors_make_mixed_quality_even_when_some_are_juniors(read) -> None:
    text = "We have 1,000 past reports, some by senior analysts and some by interns."
    assert read(text).facts.data_quality.value == "mixed"


def test_a_bare_yes_is_not_guessed_when_several_questions_were_asked(read) -> None:
    state = read(
        "We summarise calls.",
        "yep, it's fine",
        asked=("labeled_examples", "needs_knowledge", "requests_per_day"),
    )
    assert state.facts.needs_knowledge is None


@pytest.mark.parametrize(
    "text",
    [
        "Support agents want to query our internal runbooks and past incident notes.",
        "Due dates and grades come live from our LMS.",
        "It quotes each customer's current balance from our billing system.",
        "It must pull the warranty terms for that product line.",
        "The price list on our pricing page changes every two weeks.",
        "Claimants ask about the status of their own application.",
    ],
)
def test_knowledge_that_lives_in_the_teams_own_systems_is_read(read, text) -> None:
    assert read(text).facts.needs_knowledge is True


@pytest.mark.parametrize(
    ("text", "fact"),
    [
        ("We run a self-hosted model because of customer contracts.", "specialized_domain"),
        ("It mangles hospitality phrasing now and then.", "specialized_domain"),
        ("It returns JSON with approve, reason_code and clauses.", "specialized_domain"),
        ("Training pairs come from our repo.", "needs_knowledge"),
    ],
)
def test_incidental_words_do_not_make_a_domain_or_a_knowledge_need(read, text, fact) -> None:
    assert getattr(read(text).facts, fact) is None


@pytest.mark.parametrize(
    ("text", "fact", "value"),
    [
        ("Answers come from our clause bank and past research memos.", "needs_knowledge", True),
        (
            "Letters use each client's balances and fee data in our billing system.",
            "needs_knowledge",
            True,
        ),
        (
            "A small prompted model is too inaccurate and a big one too slow.",
            "prompting_exhausted",
            True,
        ),
        ("It works pretty well, reviewers barely edit the drafts.", "prompting_exhausted", False),
        ("We have only tried it once or twice in ChatGPT.", "prompting_exhausted", False),
        (
            "The reply has to appear within 2 seconds or agents won't wait.",
            "latency_sensitive",
            True,
        ),
        ("It reads jet engine maintenance manuals.", "specialized_domain", True),
    ],
)
def test_sixth_round_phrasings(read, text, fact, value) -> None:
    assert getattr(read(text).facts, fact) is value


def test_cases_written_up_by_engineers_are_labeled_examples(read) -> None:
    assert (
        read("We have 1,300 fault cases written up by our engineers.").facts.labeled_examples.value
        == 1300
    )
