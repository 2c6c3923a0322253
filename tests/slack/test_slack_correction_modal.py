"""The Correct the facts form as data: what it shows for each kind of fact, and which
fields of a submission are corrections (no server: see test_slack_correct_facts.py)."""

from __future__ import annotations

from typing import Any

from bot.amount import Amount
from bot.conversation import UNKNOWN
from bot.facts import Facts, TaskType
from bot.slack.correction_modal import changed, correction_view, problems

FACTS = Facts(
    task_type=TaskType.CLASSIFICATION,
    requests_per_day=Amount(low=300, high=800),
    needs_knowledge=True,
    domain="<!channel> insurance",
)


def _text(value: str | None) -> dict[str, Any]:
    return {"value": {"type": "plain_text_input", "value": value}}


def _choice(value: str | None) -> dict[str, Any]:
    chosen = None if value is None else {"value": value}
    return {"value": {"type": "static_select", "selected_option": chosen}}


def test_the_form_shows_each_fact_as_the_advice_says_it() -> None:
    view = correction_view("c-1", FACTS)
    assert view["private_metadata"] == "c-1" and view["callback_id"] == "correct_facts"
    fields = {b["block_id"]: b["element"] for b in view["blocks"] if b["type"] == "input"}
    assert fields["fact:requests_per_day"]["initial_value"] == "300-800"
    assert "initial_value" not in fields["fact:labeled_examples"]
    assert fields["fact:task_type"]["initial_option"]["value"] == "classification"
    assert fields["fact:needs_knowledge"]["initial_option"]["value"] == "yes"
    assert fields["fact:self_hosted"]["initial_option"]["value"] == UNKNOWN
    assert fields["fact:domain"]["initial_value"] == "<!channel> insurance", "plain text: no ping"
    assert all(b.get("optional") for b in view["blocks"] if b["type"] == "input")


def test_only_changed_fields_are_corrections_and_emptied_or_unknown_ones_forget() -> None:
    values = {
        "fact:requests_per_day": _text("300-800"),
        "fact:labeled_examples": _text("600"),
        "fact:domain": _text(""),
        "fact:task_type": _choice("classification"),
        "fact:needs_knowledge": _choice(UNKNOWN),
        "fact:self_hosted": _choice(UNKNOWN),
        "elsewhere": _text("ignored"),
    }
    assert changed(FACTS, values) == {
        "labeled_examples": "600",
        "domain": UNKNOWN,
        "needs_knowledge": UNKNOWN,
    }


def test_a_field_that_cannot_stand_is_named_by_its_block() -> None:
    def figure(fact: str, words: str) -> object:
        return None if words in ("-5", "lots") else 1

    wanted = {
        "requests_per_day": "-5",
        "labeled_examples": "lots",
        "task_type": "poetry",
        "self_hosted": "maybe",
        "domain": UNKNOWN,
        "target_quality": "95%",
    }
    assert problems(wanted, figure) == {
        "fact:requests_per_day": "Write a number of 0 or more, like 20,000, 20k or 300-800.",
        "fact:labeled_examples": "Write a number of 0 or more, like 20,000, 20k or 300-800.",
        "fact:task_type": "Pick one of the choices.",
        "fact:self_hosted": "Pick one of the choices.",
    }
