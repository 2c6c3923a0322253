"""Hostile HTTP against the running server, sent as an attacker would: malformed signature
headers, huge or unbounded bodies, slow clients, and a slash command Bolt misreads."""

from __future__ import annotations

import json
import time
import urllib.request
from urllib.parse import urlencode

from bot.slack import wording
from harness import FakeSlack, ServerProcess, SlackRequests
from harness.raw import post_head, request, trickle
from harness.reading import event_type, start

MIB = 1024 * 1024
FORGED = "\n2026-01-01 00:00:00,000 ERROR bot.forged FORGED LINE"


def _thread_event(channel: str, marker: str = "hello") -> str:
    """A thread reply naming a channel, a thread and a user, as a forger would write it."""
    return json.dumps(
        {
            "type": "event_callback",
            "team_id": "T1",
            "event_id": "EvFORGED",
            "event": {
                "type": "message",
                "user": "UVICTIM",
                "text": marker,
                "channel": channel,
                "ts": "1700000001.000001",
                "thread_ts": "1700000000.000001",
            },
        }
    )


def _wait_quiet(fake: FakeSlack, seconds: float = 1.0) -> None:
    """Give a (wrongly) accepted request time to reach the fake Slack."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        time.sleep(0.05)


def test_a_malformed_timestamp_is_refused_with_401_and_posts_nothing(
    fake: FakeSlack, slack: SlackRequests, channel: str
) -> None:
    for stamp in ("abc", "1e3", "", "12.5", "-1", "0x10", " 1"):
        headers = {"X-Slack-Request-Timestamp": stamp, "X-Slack-Signature": "v0=00"}
        answer = slack.post(
            _thread_event(channel), "application/json", headers=headers, signed=False
        )
        assert answer.status == 401, (stamp, answer)
    _wait_quiet(fake)
    assert [c for c in fake.calls if c.args.get("channel") == channel] == []


def test_a_malformed_timestamp_on_a_click_posts_nothing(
    fake: FakeSlack, slack: SlackRequests, channel: str
) -> None:
    payload = {
        "type": "block_actions",
        "user": {"id": "UVICTIM"},
        "container": {"channel_id": channel, "message_ts": "1.2", "thread_ts": "1.1"},
        "actions": [{"action_id": "answer:0", "block_id": "q:x", "value": "{broken"}],
    }
    body = urlencode({"payload": json.dumps(payload)})
    headers = {"X-Slack-Request-Timestamp": "abc", "X-Slack-Signature": "v0=00"}
    answer = slack.post(body, "application/x-www-form-urlencoded", headers=headers, signed=False)
    assert answer.status == 401
    _wait_quiet(fake)
    assert [c for c in fake.calls if c.args.get("channel") == channel] == []


def test_a_body_over_one_mib_is_refused_with_413_before_it_is_read(server: ServerProcess) -> None:
    head = post_head(
        "/slack/events",
        {"Content-Type": "application/json", "Content-Length": str(100 * MIB)},
    )
    status, _ = request(server.port, head, b"{", timeout=10)
    assert status == 413


def test_a_body_of_exactly_one_mib_is_read_and_then_refused_unsigned(
    server: ServerProcess,
) -> None:
    body = b"x" * MIB
    head = post_head(
        "/slack/events", {"Content-Type": "application/json", "Content-Length": str(len(body))}
    )
    status, _ = request(server.port, head, body)
    assert status == 401


def test_a_body_without_a_length_is_refused_with_411(server: ServerProcess) -> None:
    head = post_head(
        "/slack/events",
        {"Content-Type": "application/json", "Transfer-Encoding": "chunked"},
    )
    status, _ = request(server.port, head, b"5\r\nhello\r\n0\r\n\r\n")
    assert status == 411


def test_request_bodies_and_forged_lines_never_reach_the_log(
    slack: SlackRequests, server: ServerProcess, channel: str
) -> None:
    secret_text = "BODY-MARKER-" + channel
    unsigned = _thread_event(channel, secret_text + FORGED) + " " * 200_000
    assert slack.post(unsigned, "application/json", signed=False).status == 401
    bad = {"X-Slack-Request-Timestamp": str(int(time.time())), "X-Slack-Signature": "v0=00"}
    assert slack.post(unsigned, "application/json", headers=bad, signed=False).status == 401
    assert slack.command(secret_text + FORGED, channel=channel, user="U1" + FORGED).status == 200
    time.sleep(1.0)
    log = server.log_path.read_text(errors="replace")
    assert secret_text not in log
    assert not any(line.startswith("2026-01-01") for line in log.splitlines())


def test_a_slash_command_that_says_payload_starts_a_consultation(
    fake: FakeSlack, slack: SlackRequests, channel: str
) -> None:
    """Regression: bolt 1.30 reads any form body containing "payload" as a button click
    and dropped the command (Slack showed the user "dispatch_failed")."""
    text = "We want an LLM that returns a strict JSON payload for each invoice, 40k a month"
    _, first = start(fake, slack, channel, text)
    assert event_type(first) in ("advisor_questions", "advisor_recommendation")


def test_a_command_whose_every_field_says_payload_is_still_a_command(
    fake: FakeSlack, slack: SlackRequests, channel: str
) -> None:
    answer = slack.command("help", channel=channel, user="Upayload")
    assert answer.status == 200 and "/advise" in answer.body


def test_slow_clients_do_not_stall_healthz_or_commands(
    slack: SlackRequests, server: ServerProcess
) -> None:
    slow = [trickle(server.port) for _ in range(32)]
    try:
        with urllib.request.urlopen(server.base_url + "/healthz", timeout=5) as answer:
            assert answer.status == 200
        helped = slack.command("help")
        assert helped.status == 200 and "/advise" in helped.body
    finally:
        for sock in slow:
            sock.close()


def test_the_apology_is_never_posted_for_an_unverified_request(
    fake: FakeSlack, slack: SlackRequests, channel: str
) -> None:
    stale = int(time.time()) - 3600
    answer = slack.post(_thread_event(channel), "application/json", timestamp=stale)
    assert answer.status == 401
    _wait_quiet(fake)
    texts = [c.args.get("text") for c in fake.calls]
    assert wording.ERROR not in texts
