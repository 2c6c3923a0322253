"""The conversation policy in the core: ask, confirm an unsure reading, or advise, within
the limits of decision_rules.yaml, the same for every front end."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from bot.advisor import Advisor
from bot.amount import Amount
from bot.case import CaseState, Tentative
from bot.conversation import NO, UNKNOWN, YES, Move
from bot.facts import Evidence
from bot.paths import rules_path
from bot.rules import load_rulebook

TRIAGE = "We classify ~2k support tickets a day into 12 queues. Our prompt gets 80%, we need 95%."


@pytest.fixture(scope="module")
def advisor() -> Advisor:
    return Advisor()


def unsure_examples(advisor: Advisor) -> CaseState:
    """The triage case with "1,800 tickets our leads re-checked" read without certainty."""
    text = TRIAGE + " There are 1,800 tickets our leads re-checked."
    state = advisor.start(text)
    state.facts.specialized_domain = True  # a driver, so the count of examples decides
    state.facts.labeled_examples = None
    state.evidence.pop("labeled_examples", None)
    quote = "1,800 tickets our leads re-checked"
    start = text.index(quote)
    state.tentative["labeled_examples"] = Tentative(
        value=1800,
        evidence=Evidence(turn=0, start=start, end=start + len(quote), quote=quote, confidence=0.4),
    )
    return state


def test_an_unsure_reading_is_confirmed_with_the_users_words(advisor: Advisor) -> None:
    step = advisor.next_step(unsure_examples(advisor), rounds=0)
    assert step.move is Move.ASK
    confirm = step.questions[0]
    assert confirm.fact == "labeled_examples" and confirm.confirms is not None
    assert "You wrote “There are 1,800 tickets our leads re-checked”:" in confirm.text
    assert "1,800 labeled examples" in confirm.text
    assert [b.label for b in confirm.quick_answers] == ["Yes", "No"]


def test_yes_takes_the_reading_and_no_drops_it_for_a_plain_question(advisor: Advisor) -> None:
    state = unsure_examples(advisor)
    yes = advisor.reply(state, YES, about="labeled_examples")
    assert yes.facts.labeled_examples == Amount.exactly(1800)
    assert "labeled_examples" not in yes.tentative
    no = advisor.reply(state, NO, about="labeled_examples")
    assert no.facts.labeled_examples is None and "labeled_examples" not in no.tentative
    asked = advisor.next_step(no, rounds=1).questions
    plain = [q for q in asked if q.fact == "labeled_examples"]
    assert plain and plain[0].confirms is None


def test_a_fact_the_user_does_not_know_is_not_asked_again(advisor: Advisor) -> None:
    state = advisor.start("We want an assistant for our support team.")
    first = advisor.next_step(state, rounds=0).questions[0]
    after = advisor.reply(state, "not sure, honestly", about=first.fact)
    assert first.fact in after.unsure
    assert first.fact not in [q.fact for q in advisor.next_step(after, rounds=1).questions]


def test_a_skip_or_the_last_round_gives_the_advice(advisor: Advisor) -> None:
    state = advisor.start("We want an assistant for our support team.")
    limit = advisor.rulebook.spec.conversation.max_rounds
    assert advisor.next_step(state, rounds=limit).move is Move.ADVISE
    skipped = advisor.reply(state, "just tell me what you'd do")
    assert advisor.next_step(skipped, rounds=0).move is Move.ADVISE


def test_the_limits_are_the_rules_files_not_the_front_ends(tmp_path: Path) -> None:
    data = yaml.safe_load(rules_path().read_text(encoding="utf-8"))
    data["conversation"]["max_questions"] = 1
    data["conversation"]["max_rounds"] = 1
    edited = tmp_path / "decision_rules.yaml"
    edited.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    (tmp_path / "pricing.yaml").write_text(
        (rules_path().parent / "pricing.yaml").read_text(encoding="utf-8"), encoding="utf-8"
    )
    advisor = Advisor(rulebook=load_rulebook(edited))
    state = advisor.start("We want an assistant for our support team.")
    assert len(advisor.next_step(state, rounds=0).questions) == 1
    assert advisor.next_step(state, rounds=1).move is Move.ADVISE


def test_a_correction_must_give_a_figure_of_zero_or_more(advisor: Advisor) -> None:
    assert advisor.corrected_value("requests_per_day", "20k") == Amount.exactly(20000)
    assert advisor.corrected_value("requests_per_day", "300-800") is not None
    for words in ("-5", "about -5", "lots"):
        assert advisor.corrected_value("requests_per_day", words) is None, words
    assert advisor.corrected_value("data_quality", "mixed") == "mixed"
    assert advisor.corrected_value("domain", " insurance claims ") == "insurance claims"


def test_a_correction_to_unknown_forgets_the_fact(advisor: Advisor) -> None:
    state = advisor.start("We classify about 2,000 support tickets a day.")
    assert state.facts.requests_per_day is not None
    after = advisor.correct(state, "requests_per_day", UNKNOWN)
    assert after.facts.requests_per_day is None and "requests_per_day" not in after.evidence
    assert after.turns[-1] == UNKNOWN
