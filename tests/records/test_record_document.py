"""What the record says besides the advice: its title and number, date and status, what it
supersedes, and the versions it was decided with."""

from __future__ import annotations

from datetime import date

from markdown_it import MarkdownIt
from markdown_it.token import Token
from record_cases import CASES, DECIDED

from bot.advisor import Advisor
from bot.records import Superseded, decision_record, record_filename
from bot.rules import rules_version
from bot.version import advisor_version

PARSER = MarkdownIt("commonmark").enable("table")


def items_under(record: str, section: str) -> list[str]:
    """The text of each list item (or paragraph) between heading ``section`` and the next."""
    tokens = PARSER.parse(record)
    found: list[str] = []
    inside = False
    for i, token in enumerate(tokens):
        if token.type == "heading_open":
            inside = _text(tokens[i + 1]) == section
        elif inside and token.type == "inline" and tokens[i - 1].type == "paragraph_open":
            found.append(_text(token))
    return found


def _text(token: Token) -> str:
    return "".join(c.content for c in token.children or [] if c.type == "text")


def test_the_record_names_the_real_advisor_and_rules_versions_it_was_decided_with() -> None:
    advice = Advisor().run(["We classify support tickets into 12 queues"])
    versions = items_under(decision_record(advice, decided=DECIDED), "Versions")
    assert versions == [
        f"Advisor: {advisor_version()}",
        f"Rules: {rules_version()} (a hash of decision_rules.yaml and pricing.yaml)",
    ]


def test_the_record_is_dated_by_day_and_proposed_until_the_team_accepts_it() -> None:
    advice = CASES[0].advice(Advisor(today=lambda: DECIDED))
    record = decision_record(advice, decided=date(2027, 1, 2))
    assert record.startswith("# Decision record: Better prompting\n\n")
    assert items_under(record, "Decision record: Better prompting") == [
        "Date: 2027-01-02",
        "Status: Proposed (the advisor's recommendation, until the team accepts it)",
    ]


def test_a_later_record_is_numbered_and_says_which_one_it_supersedes() -> None:
    advice = CASES[2].advice(Advisor(today=lambda: DECIDED))
    earlier = Superseded(number=1, decided=date(2026, 11, 30), strategy="prompt_engineering")
    record = decision_record(advice, decided=DECIDED, number=2, supersedes=earlier)
    assert items_under(record, "Decision record 2: Fine-tuning") == [
        "Date: 2026-12-01",
        "Status: Proposed (the advisor's recommendation, until the team accepts it)",
        "Supersedes: decision record 1 of this thread (Better prompting, 2026-11-30)",
    ]
    assert record_filename(2) == "decision-record-2.md"
    assert record_filename() == "decision-record.md"


def test_a_record_without_a_volume_says_why_there_is_no_cost_table() -> None:
    case = CASES[3]
    state = case.state()
    state.facts.requests_per_day = None
    advice = Advisor(today=lambda: DECIDED).advise(state)
    cost = items_under(decision_record(advice, decided=DECIDED), "Cost per month (USD)")
    assert cost == [
        "No cost comparison: tell me how many requests a day you expect and I'll compare "
        "the prompt route with a fine-tuned model."
    ]


def test_a_record_saved_after_a_newer_one_says_it_is_superseded() -> None:
    advice = CASES[0].advice(Advisor(today=lambda: DECIDED))
    record = decision_record(advice, decided=DECIDED, number=1, superseded_by=2)
    assert items_under(record, "Decision record 1: Better prompting") == [
        "Date: 2026-12-01",
        "Status: Superseded by decision record 2 of this thread",
    ]
