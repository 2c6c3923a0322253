"""User text echoed into mrkdwn is shown, never parsed: nobody gets pinged through the bot."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from bot.slackkit.mrkdwn import clip, code_block, escape


@pytest.mark.parametrize(
    ("text", "shown"),
    [
        ("<!channel>", "&lt;!channel&gt;"),
        ("<!here> now", "&lt;!here&gt; now"),
        ("ask <@U123>", "ask &lt;@U123&gt;"),
        ("<https://x|y>", "&lt;https://x|y&gt;"),
        ("R&D", "R&amp;D"),
    ],
)
def test_escape_makes_mentions_and_links_inert(text: str, shown: str) -> None:
    assert escape(text) == shown


@given(st.text())
def test_escaped_text_holds_no_angle_brackets(text: str) -> None:
    assert "<" not in escape(text) and ">" not in escape(text)


@given(st.text(), st.integers(min_value=1, max_value=200))
def test_clip_keeps_the_limit_and_never_cuts_an_entity(text: str, limit: int) -> None:
    clipped = clip(escape(text), limit)
    assert len(clipped) <= limit
    body = clipped.removesuffix("…")
    tail = body[body.rfind("&") :] if "&" in body else ""
    assert tail == "" or tail.startswith(("&amp;", "&lt;", "&gt;"))


def test_a_code_block_cannot_be_closed_early_by_user_text() -> None:
    block = code_block("a ``` <!channel>")
    assert block.count("```") == 2 and "&lt;!channel&gt;" in block
