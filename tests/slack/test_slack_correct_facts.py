"""What I understood, and Correct the facts: the recommendation shows the facts it rests on
with the user's words, and its asker can put them right in a form (views.open with the
click's trigger id; view_submission checked, errors shown in the form); the thread then gets
an updated recommendation saying what changed and who changed it."""

from __future__ import annotations

import json
from typing import Any

from harness import Call, FakeSlack, SlackRequests
from harness.reading import as_message, event_type, in_thread, payload, shown, start

TICKETS = (
    "We classify about 2,000 support tickets a day into 12 queues. "
    "We have about 800 examples, reviewed by our leads."
)


def _advised(fake: FakeSlack, slack: SlackRequests, channel: str) -> tuple[str, Call]:
    """A consultation given its advice (the questions skipped): its thread and the advice."""
    thread_ts, first = start(fake, slack, channel, TICKETS)
    if event_type(first) == "advisor_questions":
        slack.message("skip", channel=channel, thread_ts=thread_ts)
    advice = in_thread(fake, channel, thread_ts, 2)[-1]
    assert event_type(advice) == "advisor_recommendation", shown(advice)
    return thread_ts, advice


def _button(call: Call) -> tuple[str, dict[str, Any]]:
    for block in call.args["blocks"]:
        if block.get("type") == "actions" and block["block_id"] == "correct_facts":
            return block["block_id"], block["elements"][0]
    raise AssertionError(f"no Correct the facts button in {shown(call)}")


def _open(
    fake: FakeSlack, slack: SlackRequests, channel: str, advice: Call, user: str = "U1"
) -> Any:
    block_id, button = _button(advice)
    return slack.click(
        action_id=button["action_id"],
        value=button["value"],
        block_id=block_id,
        message=as_message(advice),
        channel=channel,
        user=user,
        trigger_id=f"trigger-{channel}",
    )


def _opened(fake: FakeSlack, channel: str) -> dict[str, Any]:
    call = fake.wait_for(
        "views.open", where=lambda c: c.args.get("trigger_id") == f"trigger-{channel}"
    )[0]
    view = call.args["view"]
    return json.loads(view) if isinstance(view, str) else dict(view)


def _fields(view: dict[str, Any]) -> dict[str, dict[str, Any]]:
    return {b["block_id"]: b["element"] for b in view["blocks"] if b["type"] == "input"}


def _values(view: dict[str, Any], **typed: str) -> dict[str, dict[str, dict[str, Any]]]:
    """The form's values as Slack submits them: every field as opened, ``typed`` changed."""
    values: dict[str, dict[str, dict[str, Any]]] = {}
    for block_id, element in _fields(view).items():
        fact = block_id.removeprefix("fact:")
        if element["type"] == "static_select":
            chosen = element.get("initial_option")
            if fact in typed:
                chosen = next(o for o in element["options"] if o["value"] == typed[fact])
            values[block_id] = {"value": {"type": "static_select", "selected_option": chosen}}
        else:
            text = typed.get(fact, element.get("initial_value"))
            values[block_id] = {"value": {"type": "plain_text_input", "value": text}}
    return values


def test_the_recommendation_says_what_it_understood_in_the_users_words(
    fake: FakeSlack, slack: SlackRequests, channel: str
) -> None:
    _, advice = _advised(fake, slack, channel)
    text = shown(advice)
    assert "What I understood" in text
    assert "*requests per day*: 2,000" in text and "2,000 support tickets a day" in text
    assert "*labeled examples*: 800" in text
    assert _button(advice)[1]["text"]["text"] == "Correct the facts"


def test_correcting_the_facts_round_trip(
    fake: FakeSlack, slack: SlackRequests, channel: str
) -> None:
    thread_ts, advice = _advised(fake, slack, channel)
    assert _open(fake, slack, channel, advice).status == 200
    view = _opened(fake, channel)
    assert view["callback_id"] == "correct_facts"
    consultation_id = payload(advice)["consultation_id"]
    assert view["private_metadata"] == consultation_id
    fields = _fields(view)
    assert fields["fact:requests_per_day"]["initial_value"] == "2,000"
    assert fields["fact:labeled_examples"]["initial_value"] == "800"
    assert fields["fact:task_type"]["initial_option"]["value"] == "classification"
    assert fields["fact:latency_sensitive"]["initial_option"]["value"] == "unknown"
    assert [o["value"] for o in fields["fact:data_quality"]["options"]] == ["high", "mixed", "low"]
    posted = len(in_thread(fake, channel, thread_ts, 1))

    bad = slack.view_submission(view, _values(view, requests_per_day="-5"), view_id="V-bad")
    assert bad.status == 200
    answer = json.loads(bad.body)
    assert answer["response_action"] == "errors"
    assert list(answer["errors"]) == ["fact:requests_per_day"]
    assert "number of 0 or more" in answer["errors"]["fact:requests_per_day"]
    lots = slack.view_submission(view, _values(view, labeled_examples="lots"), view_id="V-lots")
    assert list(json.loads(lots.body)["errors"]) == ["fact:labeled_examples"]

    good = slack.view_submission(view, _values(view, requests_per_day="20k"), view_id="V-good")
    assert good.status == 200 and "errors" not in good.body
    updated = in_thread(fake, channel, thread_ts, posted + 1)[-1]
    assert len(in_thread(fake, channel, thread_ts, posted + 1)) == posted + 1, "nothing else"
    assert event_type(updated) == "advisor_recommendation"
    assert payload(updated)["consultation_id"] == consultation_id
    assert payload(updated)["facts"]["requests_per_day"] == 20000
    text = shown(updated)
    assert "Updated recommendation" in text
    assert "Updated after <@U1> corrected the requests per day to 20,000" in text
    assert "requests per day 2,000 → 20,000" in text


def test_only_the_asker_may_correct_the_facts(
    fake: FakeSlack, slack: SlackRequests, channel: str
) -> None:
    thread_ts, advice = _advised(fake, slack, channel)
    assert _open(fake, slack, channel, advice, user="U2").status == 200
    note = fake.wait_for(
        "chat.postEphemeral",
        where=lambda c: c.args.get("channel") == channel and c.args.get("user") == "U2",
    )[0]
    assert "Only the person who asked" in note.args["text"]
    assert "reply in the thread" in note.args["text"]
    assert fake.calls_to("views.open") == []

    _open(fake, slack, channel, advice)  # the asker's own form, submitted by someone else
    view = _opened(fake, channel)
    forged = slack.view_submission(view, _values(view, requests_per_day="9"), user="U2")
    assert forged.status == 200 and "errors" not in forged.body
    slack.message("thanks", channel=channel, thread_ts=thread_ts)
    after = in_thread(fake, channel, thread_ts, 3)[-1]
    assert "Nothing in that changes the advice" in shown(after), "the forged form did nothing"
