"""The record is valid CommonMark whose structure is the record's own: parsed with
markdown-it-py (CommonMark, and with GitHub's pipe tables), its tokens walked, never
matched with regular expressions. The user's words come out as the same text, inside a
fence or a text token, however hostile."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date

import pytest
from markdown_it import MarkdownIt
from markdown_it.token import Token
from record_cases import CASES, DECIDED, RecordCase

from bot.advisor import Advisor
from bot.records import Superseded, decision_record
from bot.records.markdown import one_line
from bot.report import format_value

COMMONMARK = MarkdownIt("commonmark")
WITH_TABLES = MarkdownIt("commonmark").enable("table")
SECTIONS = [
    (2, "Context"),
    (2, "Facts"),
    (2, "Decision"),
    (2, "Reasons"),
    (2, "Consequences"),
    (3, "Warnings"),
    (3, "Next steps"),
    (2, "Cost per month (USD)"),
    (2, "Suggested prompt"),
    (2, "Versions"),
]
INLINE_KINDS = {"text", "strong_open", "strong_close"}
"""All an inline run of the record may hold: text, and the bold of its field labels."""
HOSTILE = (
    "# Heading\n"
    "<script>alert(1)</script>\n"
    "[click](javascript:alert(1)) ![img](http://x.test/i.png) <http://x.test>\n"
    "| a | b |\n|---|---|\n| c | d |\n"
    "````\n~~~\n"
    "    indented\n"
    "> quote\n"
    "* * *\n"
    "&amp; &#60; \\*not em\\* _em_ **strong** `code`\r\n"
    "1) one\r2. two\0"
)


@pytest.fixture(scope="module")
def advisor() -> Advisor:
    return Advisor(today=lambda: DECIDED)


def walk(tokens: list[Token]) -> Iterator[Token]:
    for token in tokens:
        yield token
        if token.children:
            yield from walk(token.children)


def headings(tokens: list[Token]) -> list[tuple[int, str]]:
    found = []
    for i, token in enumerate(tokens):
        if token.type == "heading_open":
            found.append((int(token.tag[1]), text_of(tokens[i + 1])))
    return found


def text_of(inline: Token) -> str:
    return "".join(child.content for child in inline.children or [] if child.type == "text")


def cells(tokens: list[Token], table: int) -> list[list[str]]:
    """The text of every cell of the ``table``-th table, row by row (header first)."""
    rows: list[list[str]] = []
    seen = -1
    inside = False
    for i, token in enumerate(tokens):
        if token.type == "table_open":
            seen += 1
            inside = seen == table
        elif token.type == "table_close":
            inside = False
        elif inside and token.type == "tr_open":
            rows.append([])
        elif inside and token.type in ("th_open", "td_open"):
            rows[-1].append(text_of(tokens[i + 1]))
    return rows


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_the_record_has_its_title_and_sections_in_order(case: RecordCase, advisor: Advisor) -> None:
    record = decision_record(case.advice(advisor), decided=DECIDED)
    for parser in (COMMONMARK, WITH_TABLES):
        found = headings(parser.parse(record))
        assert found[0][0] == 1 and found[0][1].startswith("Decision record: ")
        assert found[1:] == SECTIONS


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_the_record_holds_no_html_link_image_or_code_span(
    case: RecordCase, advisor: Advisor
) -> None:
    tokens = WITH_TABLES.parse(decision_record(case.advice(advisor), decided=DECIDED))
    kinds = {token.type for token in walk(tokens)}
    assert not kinds & {"html_block", "html_inline", "link_open", "image", "code_inline"}
    assert not kinds & {"code_block", "blockquote_open", "hr", "em_open"}
    for token in tokens:
        if token.type == "inline":
            assert {child.type for child in token.children or []} <= INLINE_KINDS, token.content


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_the_turns_and_the_prompt_are_fences_holding_exactly_their_text(
    case: RecordCase, advisor: Advisor
) -> None:
    advice = case.advice(advisor)
    tokens = COMMONMARK.parse(decision_record(advice, decided=DECIDED))
    fences = [token.content for token in tokens if token.type == "fence"]
    assert fences == [f"{text}\n" for text in [*case.turns, advice.suggested_prompt.rstrip()]]


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_the_facts_table_shows_each_fact_its_value_and_the_words_it_came_from(
    case: RecordCase, advisor: Advisor
) -> None:
    tokens = WITH_TABLES.parse(decision_record(case.advice(advisor), decided=DECIDED))
    header, *rows = cells(tokens, 0)
    assert header == ["Fact", "Value", "From the words"]
    assert len(rows) == len(case.facts)
    for (turn, quote), row in zip(case.sources.values(), rows, strict=True):
        where = "description" if turn == 0 else f"answer {turn}"
        assert row[2] == f"“{quote}” ({where})"


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_the_cost_table_has_one_row_per_model_and_volume(
    case: RecordCase, advisor: Advisor
) -> None:
    advice = case.advice(advisor)
    cost = advice.recommendation.cost
    assert cost is not None
    header, *rows = cells(WITH_TABLES.parse(decision_record(advice, decided=DECIDED)), 1)
    assert header[:1] == ["model"] and header[-1] == "payback"
    assert [row[0] for row in rows] == [model.model for model in cost.models]


def test_hostile_words_stay_text_in_every_place_they_are_quoted(advisor: Advisor) -> None:
    case = CASES[2]
    state = case.state()
    state.turns = [HOSTILE, HOSTILE]
    state.facts.domain = HOSTILE
    for name in state.evidence:
        state.evidence[name] = state.evidence[name].model_copy(update={"quote": HOSTILE})
    advice = advisor.advise(state)
    earlier = Superseded(number=1, decided=date(2026, 11, 30), strategy=HOSTILE)
    record = decision_record(advice, decided=DECIDED, number=2, supersedes=earlier)
    tokens = WITH_TABLES.parse(record)

    assert headings(tokens)[1:] == SECTIONS
    kinds = {token.type for token in walk(tokens)}
    assert not kinds & {"html_block", "html_inline", "link_open", "image", "code_inline"}
    normalized = HOSTILE.replace("\r\n", "\n").replace("\r", "\n").replace("\0", "\ufffd")
    fences = [token.content for token in tokens if token.type == "fence"]
    assert fences[:2] == [f"{normalized}\n", f"{normalized}\n"]
    flat = one_line(HOSTILE)
    value = one_line(format_value("domain", HOSTILE))  # as the CLI report says it
    facts = cells(tokens, 0)
    assert ["domain", value, f"“{flat[:159].rstrip()}…” (description)"] in facts
    assert len(cells(tokens, 1)[0]) == 6, "the cost table keeps its six columns"
