"""Only Slack gets in (signed, fresh requests), and nobody gets pinged through the bot."""

from __future__ import annotations

import json
import time
import urllib.request
from urllib.parse import urlencode

from harness import FakeSlack, ServerProcess, SlackRequests
from harness.reading import in_thread, shown, start

INJECTION = "<!channel> <!here> <@U123> <https://evil.example|click me>"
RAW = ("<!channel>", "<!here>", "<@U123>", "<https://evil")


def test_mentions_in_a_description_or_reply_ping_nobody(
    fake: FakeSlack, slack: SlackRequests, channel: str
) -> None:
    thread_ts, _ = start(fake, slack, channel, f"classify tickets {INJECTION}")
    slack.message(f"just tell me {INJECTION}", channel=channel, thread_ts=thread_ts)
    in_thread(fake, channel, thread_ts, 2)
    posted = [shown(c) for c in fake.calls if c.args.get("channel") == channel]
    assert any("&lt;!channel&gt;" in text for text in posted)
    for text in posted:
        for raw in RAW:
            assert raw not in text


def _form() -> str:
    return urlencode(
        {
            "command": "/advise",
            "text": "x",
            "user_id": "U1",
            "channel_id": "C1",
            "team_id": "T1",
            "trigger_id": "1",
        }
    )


def test_an_unsigned_request_is_refused(slack: SlackRequests) -> None:
    answer = slack.post(_form(), "application/x-www-form-urlencoded", signed=False)
    assert answer.status == 401


def test_a_request_signed_with_another_secret_is_refused(server: ServerProcess) -> None:
    forged = SlackRequests(server.base_url, "not-the-secret")
    assert forged.command("x").status == 401


def test_a_request_older_than_five_minutes_is_refused(slack: SlackRequests) -> None:
    stale = int(time.time()) - 6 * 60
    answer = slack.post(_form(), "application/x-www-form-urlencoded", timestamp=stale)
    assert answer.status == 401


def test_refused_requests_post_nothing(fake: FakeSlack, slack: SlackRequests, channel: str) -> None:
    slack.post(_form(), "application/x-www-form-urlencoded", signed=False)
    slack.post(_form(), "application/x-www-form-urlencoded", timestamp=int(time.time()) - 400)
    start(fake, slack, channel, "classify tickets")
    assert {c.args.get("channel") for c in fake.calls_to("chat.postMessage")} == {channel}


def test_the_url_verification_challenge_is_answered(slack: SlackRequests) -> None:
    body = json.dumps({"type": "url_verification", "challenge": "abc123", "token": "t"})
    answer = slack.post(body, "application/json")
    assert answer.status == 200 and "abc123" in answer.body


def test_healthz_answers_200_when_the_app_and_database_are_ready(server: ServerProcess) -> None:
    with urllib.request.urlopen(server.base_url + "/healthz", timeout=5) as answer:
        assert answer.status == 200
        assert json.loads(answer.read()) == {"ok": True, "database": "ok"}
