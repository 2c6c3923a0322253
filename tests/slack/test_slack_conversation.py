"""A whole conversation, driven over HTTP as Slack would drive it."""

from __future__ import annotations

from bot.rules import rules_version
from harness import FakeSlack, SlackRequests
from harness.reading import (
    as_message,
    event_type,
    first_button,
    in_thread,
    payload,
    shown,
    start,
)

TICKETS = "We want to classify support tickets into 12 categories"


def test_advise_acks_at_once_then_restates_the_case_and_asks_in_its_thread(
    fake: FakeSlack, slack: SlackRequests, channel: str
) -> None:
    answer = slack.command(TICKETS, channel=channel)
    assert answer.status == 200 and answer.seconds < 3
    thread_ts, first = start(fake, slack, channel, TICKETS + " again")
    root = next(c for c in fake.calls_to("chat.postMessage") if c.ts == thread_ts)
    assert "classify support tickets" in root.args["text"]
    assert event_type(first) == "advisor_questions"
    assert 1 <= len(payload(first)["facts"]) <= 3
    assert sum(b["type"] == "actions" for b in first.args["blocks"]) == len(payload(first)["facts"])


def test_typed_and_clicked_answers_skip_and_a_correction_update_the_advice(
    fake: FakeSlack, slack: SlackRequests, channel: str
) -> None:
    thread_ts, _ = start(fake, slack, channel, TICKETS)

    typed = "about 5k a day, 800 reviewed examples, legal"
    slack.message(typed, channel=channel, thread_ts=thread_ts)
    second = in_thread(fake, channel, thread_ts, 2)[-1]
    assert event_type(second) == "advisor_questions"
    asked = payload(second)["facts"]
    assert not {"requests_per_day", "labeled_examples"} & set(asked), "never re-ask"
    block_id, button = first_button(second)
    clicked = slack.click(
        action_id=button["action_id"],
        value=button["value"],
        block_id=block_id,
        message=as_message(second),
        channel=channel,
    )
    assert clicked.status == 200
    update = fake.wait_for("chat.update", where=lambda c: c.args.get("ts") == second.ts)[0]
    assert block_id not in str(update.args["blocks"]), "the answered buttons are gone"
    after_click = in_thread(fake, channel, thread_ts, 3)[-1]
    if event_type(after_click) == "advisor_questions":
        assert block_id.removeprefix("q:") not in payload(after_click)["facts"]
        slack.message("skip", channel=channel, thread_ts=thread_ts)
    advice = fake.wait_for(
        "chat.postMessage",
        where=lambda c: (
            c.args.get("thread_ts") == thread_ts and event_type(c) == "advisor_recommendation"
        ),
    )[0]
    facts = payload(advice)["facts"]
    assert facts["requests_per_day"] == 5000 and facts["labeled_examples"] == 800
    assert payload(advice)["strategy"] in (
        "prompt_engineering",
        "rag",
        "fine_tuning",
        "rag+fine_tuning",
    )
    assert "Suggested prompt" in shown(advice)
    count = len(in_thread(fake, channel, thread_ts, 1))

    slack.message("we actually have 3k examples", channel=channel, thread_ts=thread_ts)
    updated = in_thread(fake, channel, thread_ts, count + 1)[-1]
    assert event_type(updated) == "advisor_recommendation"
    assert "Updated recommendation" in shown(updated)
    assert "labeled examples 800 → 3,000" in shown(updated)
    assert payload(updated)["facts"]["labeled_examples"] == 3000

    slack.message("thanks!", channel=channel, thread_ts=thread_ts)
    unchanged = in_thread(fake, channel, thread_ts, count + 2)[-1]
    assert "Nothing in that changes the advice" in shown(unchanged)


def test_just_tell_me_gives_the_advice_with_its_assumptions(
    fake: FakeSlack, slack: SlackRequests, channel: str
) -> None:
    thread_ts, _ = start(fake, slack, channel, TICKETS)
    slack.message("just tell me", channel=channel, thread_ts=thread_ts)
    advice = in_thread(fake, channel, thread_ts, 2)[-1]
    assert event_type(advice) == "advisor_recommendation"
    assert "Assumed" in shown(advice)


def test_a_full_description_gets_the_recommendation_at_once(
    fake: FakeSlack, slack: SlackRequests, channel: str
) -> None:
    text = (
        "Support bot answering questions from our internal docs, which change weekly; "
        "20k requests a day; we tried few-shot prompting and it falls short; "
        "no labeled examples; everyday language; no ratings; just tell me"
    )
    _, first = start(fake, slack, channel, text)
    assert event_type(first) == "advisor_recommendation"
    assert payload(first)["strategy"] in ("rag", "rag+fine_tuning")
    assert payload(first)["rules_version"] == rules_version()


def test_advise_help_and_empty_advise_answer_only_the_user(
    fake: FakeSlack, slack: SlackRequests, channel: str
) -> None:
    for text in ("", "help", "  HELP "):
        answer = slack.command(text, channel=channel)
        assert answer.status == 200 and "/advise" in answer.body
    dm_ts, _ = slack.message(TICKETS, channel=channel, channel_type="im")
    in_thread(fake, channel, dm_ts, 1)  # something to wait on: nothing was posted before it
    posted = [c for c in fake.calls_to("chat.postMessage") if c.args.get("channel") == channel]
    assert [c.args.get("thread_ts") for c in posted] == [dm_ts]


def test_a_reply_with_no_answer_in_it_asks_again_and_says_so(
    fake: FakeSlack, slack: SlackRequests, channel: str
) -> None:
    thread_ts, first = start(fake, slack, channel, TICKETS)
    slack.message("hmm, let me think", channel=channel, thread_ts=thread_ts)
    again = in_thread(fake, channel, thread_ts, 2)[-1]
    assert event_type(again) == "advisor_questions"
    assert "couldn't read an answer" in shown(again)
    assert payload(again)["facts"] == payload(first)["facts"]


def test_a_reply_that_answers_other_things_is_echoed_before_the_questions_still_open(
    fake: FakeSlack, slack: SlackRequests, channel: str
) -> None:
    thread_ts, first = start(fake, slack, channel, "Extract invoice fields to JSON")
    slack.message(
        "data must stay on-prem, and answers must come back in under 300 ms",
        channel=channel,
        thread_ts=thread_ts,
    )
    second = in_thread(fake, channel, thread_ts, 2)[-1]
    assert event_type(second) == "advisor_questions"
    answered = {"latency_sensitive", "self_hosted"}
    assert not answered & {*payload(first)["facts"], *payload(second)["facts"]}
    intro = second.args["blocks"][0]["text"]["text"]
    assert intro.startswith("Noted: *latency sensitive* = yes; *must self-host* = yes.")
    assert shown(second) != shown(first), "never the same message twice in a thread"


def test_a_double_click_on_a_quick_answer_counts_once(
    fake: FakeSlack, slack: SlackRequests, channel: str
) -> None:
    thread_ts, questions = start(fake, slack, channel, TICKETS)
    block_id, button = first_button(questions)
    for _ in range(2):
        clicked = slack.click(
            action_id=button["action_id"],
            value=button["value"],
            block_id=block_id,
            message=as_message(questions),
            channel=channel,
        )
        assert clicked.status == 200
    in_thread(fake, channel, thread_ts, 2)
    slack.message("skip", channel=channel, thread_ts=thread_ts)
    posted = in_thread(fake, channel, thread_ts, 3)
    assert [event_type(c) for c in posted] == [
        "advisor_questions",
        "advisor_questions",
        "advisor_recommendation",
    ]


def test_a_clicked_quick_answer_is_read_as_the_fact_its_question_asks(
    fake: FakeSlack, slack: SlackRequests, channel: str
) -> None:
    """A button carries its question's fact: its short reply ('yes, ...') counts for that
    fact, where a typed 'yes' to three questions at once would be too ambiguous to read.
    (The value is clicked as posted: a click with a value the bot never posted is ignored,
    see test_slack_clicks.py.)"""
    import json

    thread_ts, questions = start(fake, slack, channel, TICKETS)
    yes_no = {"specialized_domain", "needs_knowledge", "style_consistency", "latency_sensitive"}
    block = next(
        b
        for b in questions.args["blocks"]
        if b.get("type") == "actions" and b["block_id"].removeprefix("q:") in yes_no
    )
    fact = block["block_id"].removeprefix("q:")
    value = json.loads(block["elements"][0]["value"])
    assert value["f"] == fact and value["r"].startswith("yes")
    slack.click(
        action_id=block["elements"][0]["action_id"],
        value=block["elements"][0]["value"],
        block_id=block["block_id"],
        message=as_message(questions),
        channel=channel,
    )
    in_thread(fake, channel, thread_ts, 2)
    slack.message("skip", channel=channel, thread_ts=thread_ts)
    advice = fake.wait_for(
        "chat.postMessage",
        where=lambda c: (
            c.args.get("thread_ts") == thread_ts and event_type(c) == "advisor_recommendation"
        ),
    )[0]
    assert payload(advice)["facts"][fact] is True
