"""An answer says what it was decided from (the turns, where each fact was read) and with
(the advisor's and the rules' versions), so it can be kept as a record and stored."""

from __future__ import annotations

from datetime import date

from bot.advice import Advice
from bot.advisor import Advisor
from bot.rules import rules_version
from bot.version import advisor_version

TICKETS = "We classify ~2k support tickets a day into 12 queues"
EXAMPLES = "about 600 examples, reviewed by our leads"


def test_advice_keeps_the_turns_and_the_words_each_fact_came_from() -> None:
    advice = Advisor(today=lambda: date(2026, 12, 1)).run([TICKETS, EXAMPLES])
    assert advice.turns == [TICKETS, EXAMPLES]
    assert advice.evidence["requests_per_day"].turn == 0
    assert "2k" in advice.evidence["requests_per_day"].quote
    assert advice.evidence["labeled_examples"].turn == 1
    assert "600" in advice.evidence["labeled_examples"].quote
    assert set(advice.evidence) <= set(advice.facts.known())


def test_advice_names_the_advisor_and_rules_versions_it_was_decided_with() -> None:
    advice = Advisor().run([TICKETS])
    assert advice.advisor_version == advisor_version()
    assert advice.rules_version == rules_version()


def test_the_json_contract_is_unchanged_by_what_advice_keeps() -> None:
    contract = Advisor().run([TICKETS]).contract()
    assert set(contract) == {"facts", "questions", "recommendation", "suggested_prompt"}


def test_stored_advice_from_before_it_kept_its_sources_still_loads() -> None:
    stored = (
        Advisor()
        .run([TICKETS])
        .model_dump(exclude={"turns", "evidence", "advisor_version", "rules_version"})
    )
    old = Advice.model_validate(stored)
    assert old.turns == [] and old.rules_version == ""
