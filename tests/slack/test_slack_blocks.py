"""Block Kit messages, tested as data: Slack's limits hold whatever the input."""

from __future__ import annotations

import json
from datetime import date
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from bot.advice import (
    Advice,
    AdviceWarning,
    Confidence,
    CostEstimate,
    ModelCost,
    Question,
    QuickAnswer,
    Reason,
    Recommendation,
    Strategy,
    Technique,
)
from bot.facts import Facts
from bot.slack import blocks
from bot.slack.metadata import questions_metadata, recommendation_metadata
from bot.slackkit import blocks as kit

INJECTION = "<!channel> <!here> <@U123> <https://x|y>"
texts = st.text(min_size=0, max_size=5000) | st.just(INJECTION * 200)


def _advice(text: str, n: int, prompt: str) -> Advice:
    cost = CostEstimate(
        requests_per_day=5000,
        models=[
            ModelCost(
                model=text[:50] or "m",
                prompt_route_monthly=10.0,
                fine_tuned_monthly=5.0,
                training_one_time=100.0,
                monthly_saving=5.0,
                payback_months=20.0,
            )
        ]
        * n,
        prices_read=date(2025, 8, 21),
        prices_source=text[:100],
        never_pays=False,
        summary=text,
    )
    rec = Recommendation(
        strategy=Strategy.RAG_FINE_TUNING,
        path=["prompt_engineering", "rag", "rag+fine_tuning"],
        technique=Technique.LORA,
        confidence=Confidence.MEDIUM,
        reasons=[Reason(rule="r", text=text)] * n,
        warnings=[AdviceWarning(rule="w", text=text)] * n,
        next_steps=[text] * n,
        cost=cost,
        assumptions=[text] * n,
    )
    return Advice(
        facts=Facts(domain=text[:80] or None),
        questions=[],
        recommendation=rec,
        suggested_prompt=prompt,
    )


def _mrkdwn_texts(block: dict[str, Any]) -> list[str]:
    found: list[str] = []
    if isinstance(block, dict):
        if block.get("type") == "mrkdwn":
            found.append(block["text"])
        for value in block.values():
            if isinstance(value, dict | list):
                found += _mrkdwn_texts(value)  # type: ignore[arg-type]
    elif isinstance(block, list):
        for item in block:
            found += _mrkdwn_texts(item)
    return found


def _check_limits(message: blocks.Message) -> list[dict[str, Any]]:
    dicts = message.block_dicts()  # slack_sdk validates its own limits here
    assert len(dicts) <= kit.MAX_BLOCKS
    assert len(message.text) <= kit.MAX_MESSAGE_TEXT
    for block in dicts:
        if block["type"] == "header":
            assert len(block["text"]["text"]) <= kit.MAX_HEADER_TEXT
        if block["type"] == "section":
            assert len(block["text"]["text"]) <= kit.MAX_SECTION_TEXT
        for element in block.get("elements", []):
            if element.get("type") == "button":
                assert len(element["text"]["text"]) <= kit.MAX_BUTTON_TEXT
                assert len(element["value"]) <= kit.MAX_BUTTON_VALUE
    return dicts


@settings(max_examples=40, deadline=None)
@given(texts, st.integers(min_value=0, max_value=80), texts)
def test_a_recommendation_stays_within_slack_limits(text: str, n: int, prompt: str) -> None:
    advice = _advice(text, n, prompt)
    message = blocks.recommendation_message(advice, changes=[text] * n, consultation_id="c-1")
    dicts = _check_limits(message)
    assert dicts[-1]["block_id"] == "decision_record", "the Save button is never cut off"


def test_a_recommendation_ends_with_the_save_as_decision_record_button() -> None:
    message = blocks.recommendation_message(_advice("why", 1, "p"), consultation_id="c-1")
    [button] = message.block_dicts()[-1]["elements"]
    assert button["text"]["text"] == "Save as decision record"
    assert button["action_id"] == "save_record"
    assert json.loads(button["value"]) == {"c": "c-1"}


@settings(max_examples=40, deadline=None)
@given(texts, st.integers(min_value=0, max_value=40))
def test_questions_stay_within_slack_limits(text: str, n: int) -> None:
    """However many questions the rules allow a round, the message fits Slack's limits,
    its footer last."""
    answers = [QuickAnswer(label=text, reply=text)] * n
    questions = [Question(fact="labeled_examples", text=text, quick_answers=answers)] * n
    dicts = _check_limits(blocks.questions_message("c-1", questions, "intro"))
    assert sum(b["type"] == "actions" for b in dicts) <= n
    assert dicts[-1]["type"] == "context"


def test_user_text_in_a_recommendation_pings_nobody() -> None:
    message = blocks.recommendation_message(_advice(INJECTION, 2, INJECTION), [INJECTION])
    rendered = json.dumps(_mrkdwn_texts(message.block_dicts())) + message.text
    for raw in ("<!channel>", "<!here>", "<@U123>", "<https://x|y>"):
        assert raw not in rendered


def test_a_prompt_too_long_for_a_block_goes_to_a_snippet() -> None:
    long_prompt = "Classify the ticket.\n" * 400
    message = blocks.recommendation_message(_advice("why", 1, long_prompt))
    assert message.snippet == long_prompt
    assert "snippet" in json.dumps(message.block_dicts())


def test_a_short_prompt_is_a_code_block_in_the_message() -> None:
    message = blocks.recommendation_message(_advice("why", 1, "You are a classifier."))
    assert message.snippet is None
    assert "```You are a classifier.```" in json.dumps(message.block_dicts())


def test_a_button_value_carries_the_consultation_the_reply_and_the_fact() -> None:
    value = json.loads(
        blocks.answer_value("c-1", "10k/day", "about 10000 a day", "requests_per_day")
    )
    assert value == {"c": "c-1", "l": "10k/day", "r": "about 10000 a day", "f": "requests_per_day"}


def test_answered_buttons_are_replaced_by_who_answered() -> None:
    posted = blocks.questions_message(
        "c-1",
        [
            Question(
                fact="domain",
                text="Which domain?",
                quick_answers=[QuickAnswer(label="legal", reply="legal")],
            )
        ],
        "intro",
    ).block_dicts()
    after = blocks.answered_blocks(posted, "q:domain", "✓ legal (<@U1>)")
    assert not any(b["type"] == "actions" for b in after)
    assert len(after) == len(posted)


def test_metadata_names_the_facts_asked_and_the_advice_given() -> None:
    questions = [Question(fact="labeled_examples", text="How many?")]
    assert questions_metadata("c-1", questions).to_dict() == {
        "event_type": "advisor_questions",
        "event_payload": {"consultation_id": "c-1", "facts": ["labeled_examples"]},
    }
    payload = recommendation_metadata("c-1", _advice("x", 1, "p")).to_dict()["event_payload"]
    assert payload["strategy"] == "rag+fine_tuning" and payload["technique"] == "lora"
    assert payload["facts"] == {"domain": "x"}
    assert set(payload) == {
        "consultation_id",
        "strategy",
        "path",
        "technique",
        "confidence",
        "facts",
        "rules_version",
    }


def test_the_recommendation_metadata_names_the_rules_it_was_decided_with() -> None:
    advice = _advice("x", 1, "p").model_copy(update={"rules_version": "0123456789ab"})
    payload = recommendation_metadata("c-1", advice).to_dict()["event_payload"]
    assert payload["rules_version"] == "0123456789ab"


def test_the_cost_section_names_the_volumes_computed_and_old_prices() -> None:
    from bot.advisor import Advisor
    from bot.amount import Amount
    from bot.case import CaseState

    advisor = Advisor(today=lambda: date(2026, 3, 1))
    state = CaseState(
        turns=["We summarize calls."], facts=Facts(requests_per_day=Amount(low=5000, high=20000))
    )
    message = blocks.recommendation_message(advisor.advise(state))
    text = json.dumps(message.block_dicts())
    assert "Computed at both ends of the volume you gave: 5,000 and 20,000 requests a day." in text
    assert "gpt-4.1-mini at 5,000 a day: prompt route" in text
    assert "gpt-4.1-mini at 20,000 a day: prompt route" in text
    assert ":warning: These prices were read on 2025-08-21, 192 days ago" in text
    assert "update pricing.yaml" in text
