"""A fact the reader is unsure of is confirmed in the thread, quoting the user's words with
Yes / No buttons; a click (or a typed answer) settles it like any other answer."""

from __future__ import annotations

import functools
import json
from dataclasses import dataclass
from typing import Any

from bot.advice import Question, QuickAnswer
from bot.advisor import Advisor
from bot.slack import blocks
from harness import Call, FakeSlack, SlackRequests
from harness.reading import as_message, event_type, in_thread, payload, shown, start

UNSURE = (
    "Slack bot answering questions about our expense rules and mileage rates.",
    "Teams bot answering questions about our IT security rules.",
    "Hi, I help run an online second-hand bookshop. Could AI write the listing blurbs for "
    "our books? I think it is maybe 200 books a day.",
    "We'd like to summarise recorded calls into a short file note. I'm told it's maybe "
    "5,000 calls a day.",
)
"""Descriptions with words a reader may be unsure of (a hedge, a need half said). Which of
them the shipped reader is unsure of depends on its trained weights; what the user sees
when it is must not."""


@dataclass(frozen=True)
class Unsure:
    description: str
    fact: str
    quote: str
    value: object


@functools.cache
def unsure() -> Unsure:
    """The first of :data:`UNSURE` whose first step confirms a reading (the real advisor,
    as the server runs it)."""
    advisor = Advisor()
    for description in UNSURE:
        state = advisor.start(description)
        for question in advisor.next_step(state, 0).questions:
            if question.confirms is not None:
                value = state.tentative[question.fact].value
                return Unsure(description, question.fact, question.confirms, value)
    raise AssertionError("the reader is sure of every hedge in UNSURE: add one it is not")


def _confirmation(call: Call) -> tuple[dict[str, Any], dict[str, Any]]:
    """The question block quoting the user's words, and the actions block under it."""
    found = call.args["blocks"]
    for i, block in enumerate(found):
        if block.get("type") == "section" and f"“{unsure().quote}”" in block["text"]["text"]:
            return block, found[i + 1]
    raise AssertionError(f"no confirmation quoting {unsure().quote!r} in {shown(call)}")


def _recommendation(fake: FakeSlack, channel: str, thread_ts: str) -> Call:
    return fake.wait_for(
        "chat.postMessage",
        where=lambda c: (
            c.args.get("channel") == channel
            and c.args.get("thread_ts") == thread_ts
            and event_type(c) == "advisor_recommendation"
        ),
    )[0]


def test_an_unsure_reading_is_asked_quoting_the_users_words_with_yes_and_no(
    fake: FakeSlack, slack: SlackRequests, channel: str
) -> None:
    _, questions = start(fake, slack, channel, unsure().description)
    assert event_type(questions) == "advisor_questions"
    question, actions = _confirmation(questions)
    assert f"You wrote “{unsure().quote}”" in question["text"]["text"]
    assert [b["text"]["text"] for b in actions["elements"]] == ["Yes", "No"]
    assert actions["block_id"] == f"q:{unsure().fact}"


def test_clicking_yes_makes_the_unsure_reading_count(
    fake: FakeSlack, slack: SlackRequests, channel: str
) -> None:
    thread_ts, questions = start(fake, slack, channel, unsure().description)
    _, actions = _confirmation(questions)
    yes = actions["elements"][0]
    assert json.loads(yes["value"])["r"] == "yes"
    clicked = slack.click(
        action_id=yes["action_id"],
        value=yes["value"],
        block_id=actions["block_id"],
        message=as_message(questions),
        channel=channel,
    )
    assert clicked.status == 200
    update = fake.wait_for("chat.update", where=lambda c: c.args.get("ts") == questions.ts)[0]
    assert "✓ Yes (<@U1>)" in json.dumps(update.args["blocks"], ensure_ascii=False)
    assert actions["block_id"] not in [b.get("block_id") for b in update.args["blocks"]]
    after = in_thread(fake, channel, thread_ts, 2)[-1]
    if event_type(after) == "advisor_questions":
        assert unsure().fact not in payload(after)["facts"], "confirmed: never asked again"
        slack.message("skip", channel=channel, thread_ts=thread_ts)
    advice = _recommendation(fake, channel, thread_ts)
    assert payload(advice)["facts"][unsure().fact] == unsure().value


def test_clicking_no_drops_the_reading_and_a_typed_yes_still_confirms(
    fake: FakeSlack, slack: SlackRequests, channel: str
) -> None:
    thread_ts, questions = start(fake, slack, channel, unsure().description)
    _, actions = _confirmation(questions)
    no = actions["elements"][1]
    slack.click(
        action_id=no["action_id"],
        value=no["value"],
        block_id=actions["block_id"],
        message=as_message(questions),
        channel=channel,
    )
    in_thread(fake, channel, thread_ts, 2)
    slack.message("skip", channel=channel, thread_ts=thread_ts)
    assert unsure().fact not in payload(_recommendation(fake, channel, thread_ts))["facts"]

    other = channel + "T"  # a second consultation: its own channel, its own root message
    typed_ts, typed_questions = start(fake, slack, other, unsure().description)
    _confirmation(typed_questions)
    slack.message("yes", channel=other, thread_ts=typed_ts)
    in_thread(fake, other, typed_ts, 2)
    slack.message("skip", channel=other, thread_ts=typed_ts)
    assert payload(_recommendation(fake, other, typed_ts))["facts"][unsure().fact] == unsure().value


def test_a_confirmation_quoting_hostile_words_pings_nobody() -> None:
    evil = "<!channel> & <@U999> 200 a day"
    question = Question(
        fact="requests_per_day",
        text=f"You wrote “{evil}”: it handles 200 requests a day?",
        quick_answers=[QuickAnswer(label="Yes", reply="yes"), QuickAnswer(label="No", reply="no")],
        confirms=evil,
    )
    message = blocks.questions_message("c-1", [question], "intro")
    rendered = json.dumps(message.block_dicts()) + message.text
    assert "<!channel>" not in rendered and "<@U999>" not in rendered
    assert "&lt;!channel&gt; &amp; &lt;@U999&gt;" in rendered
