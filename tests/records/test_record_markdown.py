"""Whatever the text, an escaped inline run reads back as exactly that text (on one line)
and a fence holds exactly its text: checked on markdown-it-py's tokens for any string."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st
from markdown_it import MarkdownIt
from markdown_it.token import Token

from bot.records.markdown import fenced, heading, inline, one_line, table

PARSER = MarkdownIt("commonmark").enable("table")
FRAGMENTS = [
    *"#-+=*_`~[]()<>!|&;$\\.):/ \t\n\r09aZé\0",
    *("&amp;", "&#35;", "&#x26;", "<b>", "</div>", "<http://x.test>", "[x](y)", "![i](j)"),
    *("[r]: /u", "**", "__", "~~", "```", "~~~", "---", "***", "1. ", "1) ", "- ", "> ", "# "),
    *("    ", "\r\n", "| a |", "|---|", "\\*", "$x$", "www.x.test", "a_b", "_a_"),
]
MARKDOWNISH = st.lists(st.sampled_from(FRAGMENTS), max_size=12).map("".join)
ANY_TEXT = st.one_of(MARKDOWNISH, st.text(max_size=60))


def shape(tokens: list[Token]) -> list[str]:
    return [token.type for token in tokens]


def inline_text(token: Token) -> str:
    assert {child.type for child in token.children or []} <= {"text"}, token.children
    return "".join(child.content for child in token.children or [])


@settings(max_examples=400)
@given(ANY_TEXT)
def test_an_escaped_text_in_a_list_item_is_one_item_of_exactly_that_text(text: str) -> None:
    tokens = PARSER.parse(f"- {inline(text)}\n")
    if not one_line(text):
        return  # an empty item
    assert shape(tokens) == [
        "bullet_list_open",
        "list_item_open",
        "paragraph_open",
        "inline",
        "paragraph_close",
        "list_item_close",
        "bullet_list_close",
    ]
    assert inline_text(tokens[3]) == one_line(text)


@settings(max_examples=400)
@given(ANY_TEXT)
def test_an_escaped_text_as_a_paragraph_is_exactly_that_text(text: str) -> None:
    tokens = PARSER.parse(f"{inline(text)}\n")
    if not one_line(text):
        assert tokens == []
        return
    assert shape(tokens) == ["paragraph_open", "inline", "paragraph_close"]
    assert inline_text(tokens[1]) == one_line(text)


@settings(max_examples=400)
@given(ANY_TEXT, ANY_TEXT)
def test_escaped_cells_keep_a_table_to_its_columns(left: str, right: str) -> None:
    tokens = PARSER.parse(table(["a", "b"], [[left, right]]) + "\n")
    cells = [tokens[i + 1] for i, t in enumerate(tokens) if t.type in ("th_open", "td_open")]
    assert [inline_text(cell) for cell in cells] == ["a", "b", one_line(left), one_line(right)]


@settings(max_examples=300)
@given(ANY_TEXT)
def test_an_escaped_heading_is_a_heading_of_exactly_that_text(text: str) -> None:
    tokens = PARSER.parse(heading(2, text) + "\n")
    assert shape(tokens) == ["heading_open", "inline", "heading_close"]
    assert inline_text(tokens[1]) == one_line(text)


@settings(max_examples=400)
@given(ANY_TEXT)
def test_a_fence_holds_exactly_its_text_and_nothing_follows_it_out(text: str) -> None:
    tokens = PARSER.parse(fenced(text) + "\nafter\n")
    body = text.replace("\r\n", "\n").replace("\r", "\n").replace("\0", "\ufffd").rstrip("\n")
    assert shape(tokens) == ["fence", "paragraph_open", "inline", "paragraph_close"]
    assert tokens[0].content == (f"{body}\n" if body else "")
    assert inline_text(tokens[2]) == "after"


def test_readable_where_safe_escaped_where_not() -> None:
    assert inline("decision_rules.yaml costs $5") == "decision_rules.yaml costs $5"
    assert inline("_em_ from $5 to $10") == "\\_em\\_ from \\$5 to \\$10"
    assert inline("- a") == "\\- a" and inline("1. a") == "1\\. a" and inline("0.1.0") == "0.1.0"
    assert fenced("``` x") == "````text\n``` x\n````"
