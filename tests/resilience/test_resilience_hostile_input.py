"""Bad input, generated: random and hostile descriptions and replies through the parser,
the rules, the prompt renderer and every Block Kit message the bot builds. Nothing raises,
no output pings anyone, every message stays within Slack's limits."""

from __future__ import annotations

import json
import re
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bot.advisor import Advisor
from bot.slack import blocks, wording
from bot.slack.changes import describe_changes

USER = "U0ASKER"
HOSTILE = (
    "<!channel>", "<!here>", "<!everyone>", "<@U123>", "<@U123|boss>", "<#C123|general>",
    "<!subteam^S123>", "<https://evil.example|click me>", "<mailto:a@b.c|mail>", "{{ 7*7 }}",
    "{% include 'x' %}", "{# hidden #}", "{{ ctx.description }}", "{% for x in y %}", "*bold*",
    "_it_", "~strike~", "`code`", "```block```", ":smile:", ":+1::skin-tone-2:", "&amp;",
    "&lt;!channel&gt;", "&", "<", ">", "\x00", "\x1b[31m", "\r\n", "\t", "\u202e", "\u200b",
    "\ufeff", "\U0001f600", "\U00010000", "\U000e0001", "\U0010fffd", "5k", "2,000 a day",
    "800 labeled examples", "per day", "skip", "just tell me", "1e999", "9" * 400, "-", "%",
)  # fmt: skip
LIVE = re.compile(r"<[@!#]|<(?:https?|mailto):")


def _any_text(max_size: int) -> st.SearchStrategy[str]:
    return st.text(st.characters(blacklist_categories=("Cs",)), max_size=max_size)


def _repeated(parts: list[str]) -> st.SearchStrategy[str]:
    """The parts joined and repeated up to about 4,000 characters."""
    line = " ".join(parts)
    return st.integers(1, 4000 // len(line) + 1).map(lambda n: (line * n)[:4000])


hostile_text = st.one_of(
    _any_text(300),  # every plane, no lone surrogates (they cannot be sent as UTF-8)
    st.text(st.characters(max_codepoint=0x1F), max_size=60),  # control characters
    st.lists(st.one_of(st.sampled_from(HOSTILE), _any_text(12)), max_size=40).map(" ".join),
    st.lists(st.sampled_from(HOSTILE), min_size=1, max_size=8).flatmap(_repeated),  # long
)


@pytest.fixture(scope="module")
def advisor() -> Advisor:
    return Advisor()


def _texts(node: Any) -> list[str]:
    """Every ``text`` string in a block tree (section, header, context, button texts)."""
    found: list[str] = []
    if isinstance(node, dict):
        for key, value in node.items():
            if key == "text" and isinstance(value, str):
                found.append(value)
            else:
                found += _texts(value)
    elif isinstance(node, list):
        for item in node:
            found += _texts(item)
    return found


def assert_within_slack_limits(message: blocks.Message) -> None:
    dicts = message.block_dicts()  # slack_sdk validates its own model limits here
    assert 1 <= len(dicts) <= 50
    assert 0 < len(message.text) <= 40_000
    assert sum(map(len, _texts(dicts))) + len(message.text) <= 40_000
    for block in dicts:
        assert len(block.get("block_id", "")) <= 255
        if block["type"] == "section":
            assert 0 < len(block["text"]["text"]) <= 3000
            assert len(block.get("fields", [])) <= 10
        if block["type"] == "header":
            assert block["text"]["type"] == "plain_text"
            assert 0 < len(block["text"]["text"]) <= 150
        if block["type"] == "context":
            assert 1 <= len(block["elements"]) <= 10
        if block["type"] == "actions":
            assert 1 <= len(block["elements"]) <= 25
            for button in block["elements"]:
                assert button["text"]["type"] == "plain_text"
                assert 0 < len(button["text"]["text"]) <= 75
                assert len(button["value"]) <= 2000 and len(button["action_id"]) <= 255
        for text in _texts(block):
            assert text.strip(), f"an empty text in {block}"


def assert_pings_nobody(message: blocks.Message, allowed: str = "") -> None:
    """No live mention or link from user text; ``allowed`` is the bot's own mention."""
    shown = json.dumps({"text": message.text, "blocks": message.block_dicts()}, ensure_ascii=False)
    if allowed:
        shown = shown.replace(allowed, "")
    assert not LIVE.search(shown), LIVE.search(shown)


def every_message(advisor: Advisor, description: str, replies: list[str]) -> list[blocks.Message]:
    state = advisor.start(description)
    first = advisor.advise(state)
    for text in replies:
        state = advisor.reply(state, text)
    advice = advisor.advise(state)
    label = wording.STRATEGY_LABELS.get(advice.recommendation.strategy.value, "")
    return [
        blocks.root_message(description, USER),
        blocks.questions_message("c-1", advisor.questions(state)[:3], wording.QUESTIONS_INTRO),
        blocks.recommendation_message(first),
        blocks.recommendation_message(advice, describe_changes(first, advice)),
        blocks.plain(wording.nothing_changed(label)),
        blocks.plain(wording.USAGE),
    ]


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(hostile_text, st.lists(hostile_text, max_size=3))
def test_hostile_descriptions_and_replies_never_raise_ping_or_break_slack_limits(
    advisor: Advisor, description: str, replies: list[str]
) -> None:
    for message in every_message(advisor, description, replies):
        assert_within_slack_limits(message)
        assert_pings_nobody(message, allowed=f"<@{USER}>")


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.sampled_from(HOSTILE), min_size=1, max_size=12).map(" ".join))
def test_template_syntax_in_user_text_is_never_evaluated(advisor: Advisor, text: str) -> None:
    prompt = advisor.run([f"We classify tickets {text}", text]).suggested_prompt
    assert "49" not in prompt, "{{ 7*7 }} was evaluated"


@pytest.mark.parametrize(
    "text",
    [
        "9" * 309,
        "we have " + "9" * 400 + " labeled examples",
        "1" + "0" * 400 + " tickets a day",
    ],
)
def test_a_number_too_big_for_a_float_is_read_without_crashing(advisor: Advisor, text: str) -> None:
    """Regression: a count past float range became inf, and int(inf) raised OverflowError."""
    advice = advisor.run([text, text])
    assert_within_slack_limits(blocks.recommendation_message(advice))


@pytest.mark.parametrize("fragment", ["word ", "<!channel> {{ 7*7 }} ", "\x00\u202e", "a"])
def test_a_description_as_long_as_a_slack_message_is_answered_within_limits(
    advisor: Advisor, fragment: str
) -> None:
    huge = (fragment * (40_000 // len(fragment) + 1))[:40_000]
    for message in every_message(advisor, huge, [huge[:4000]]):
        assert_within_slack_limits(message)
        assert_pings_nobody(message, allowed=f"<@{USER}>")
