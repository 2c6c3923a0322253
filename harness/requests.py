"""Requests to the app as Slack sends them: slash commands, events and button clicks,
signed with Slack's real algorithm (v0 HMAC-SHA256 over ``v0:{timestamp}:{body}``)."""

from __future__ import annotations

import json
import threading
import time
import urllib.error
import urllib.request
import uuid
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlencode

from slack_sdk.signature import SignatureVerifier

from harness.fake_slack import BOT_USER_ID, TEAM_ID

_TS_LOCK = threading.Lock()
_last_micros = 0


@dataclass(frozen=True)
class Response:
    status: int
    body: str
    seconds: float


def sign(secret: str, body: str, timestamp: int | None = None) -> dict[str, str]:
    """The two headers Slack adds to every request."""
    stamp = str(int(time.time()) if timestamp is None else timestamp)
    signature = SignatureVerifier(secret).generate_signature(timestamp=stamp, body=body)
    return {"X-Slack-Request-Timestamp": stamp, "X-Slack-Signature": signature or ""}


class SlackRequests:
    """Sends signed requests to ``{base_url}/slack/events`` like Slack would."""

    def __init__(self, base_url: str, signing_secret: str) -> None:
        self.url = base_url.rstrip("/") + "/slack/events"
        self.secret = signing_secret

    def next_ts(self) -> str:
        """A message ts, unique and increasing (Slack's format: seconds.microseconds)."""
        global _last_micros
        with _TS_LOCK:
            micros = _last_micros = max(time.time_ns() // 1000, _last_micros + 1)
        return f"{micros // 1_000_000}.{micros % 1_000_000:06d}"

    def post(
        self,
        body: str,
        content_type: str,
        *,
        headers: dict[str, str] | None = None,
        signed: bool = True,
        timestamp: int | None = None,
    ) -> Response:
        """POST a raw body; signed with the real secret unless told otherwise."""
        all_headers = {"Content-Type": content_type, **(headers or {})}
        if signed:
            all_headers.update(sign(self.secret, body, timestamp))
        request = urllib.request.Request(
            self.url, data=body.encode(), headers=all_headers, method="POST"
        )
        start = time.perf_counter()
        try:
            with urllib.request.urlopen(request, timeout=10) as answer:
                status, text = answer.status, answer.read().decode()
        except urllib.error.HTTPError as err:
            status, text = err.code, err.read().decode()
        return Response(status, text, time.perf_counter() - start)

    def command(
        self, text: str, *, user: str = "U1", channel: str = "C1", command: str = "/advise"
    ) -> Response:
        """A slash command, form-encoded."""
        form = {
            "token": "legacy",
            "team_id": TEAM_ID,
            "team_domain": "test",
            "channel_id": channel,
            "channel_name": "general",
            "user_id": user,
            "user_name": "someone",
            "command": command,
            "text": text,
            "api_app_id": "A1",
            "is_enterprise_install": "false",
            "response_url": "http://127.0.0.1:9/commands/1",
            "trigger_id": f"{int(time.time())}.{uuid.uuid4().int % 10**12}",  # new each time
        }
        return self.post(urlencode(form), "application/x-www-form-urlencoded")

    def event(
        self, event: dict[str, Any], *, event_id: str | None = None, retry_num: int | None = None
    ) -> Response:
        """An Events API callback; ``retry_num`` marks a re-delivery."""
        body = {
            "token": "legacy",
            "team_id": TEAM_ID,
            "api_app_id": "A1",
            "type": "event_callback",
            "event_id": event_id or f"Ev{uuid.uuid4().hex[:12].upper()}",
            "event_time": int(time.time()),
            "authorizations": [{"team_id": TEAM_ID, "user_id": BOT_USER_ID, "is_bot": True}],
            "event": event,
        }
        headers = {}
        if retry_num is not None:
            headers = {"X-Slack-Retry-Num": str(retry_num), "X-Slack-Retry-Reason": "http_timeout"}
        return self.post(json.dumps(body), "application/json", headers=headers)

    def message(
        self,
        text: str,
        *,
        user: str = "U1",
        channel: str = "C1",
        thread_ts: str | None = None,
        channel_type: str = "channel",
        event_id: str | None = None,
        retry_num: int | None = None,
        **extra: Any,
    ) -> tuple[str, Response]:
        """A message event; returns the message's ts and the response."""
        ts = extra.pop("ts", None) or self.next_ts()
        event = {
            "type": "message",
            "user": user,
            "text": text,
            "channel": channel,
            "ts": ts,
            "event_ts": ts,
            "channel_type": channel_type,
            "team": TEAM_ID,
            **extra,
        }
        if thread_ts:
            event["thread_ts"] = thread_ts
        return ts, self.event(event, event_id=event_id, retry_num=retry_num)

    def edit(
        self,
        ts: str,
        text: str,
        *,
        user: str = "U1",
        channel: str = "C1",
        thread_ts: str | None = None,
        event_id: str | None = None,
        retry_num: int | None = None,
    ) -> Response:
        """The ``message_changed`` event of the message at ``ts`` now reading ``text``."""
        now = self.next_ts()
        message = {"type": "message", "user": user, "text": text, "ts": ts, "team": TEAM_ID}
        if thread_ts:
            message["thread_ts"] = thread_ts
        event = {
            "type": "message",
            "subtype": "message_changed",
            "hidden": True,
            "channel": channel,
            "ts": now,
            "event_ts": now,
            "channel_type": "channel",
            "message": {**message, "edited": {"user": user, "ts": now}},
            "previous_message": {**message, "text": "(the words before)"},
        }
        return self.event(event, event_id=event_id, retry_num=retry_num)

    def delete(
        self,
        ts: str,
        *,
        user: str = "U1",
        channel: str = "C1",
        thread_ts: str | None = None,
        event_id: str | None = None,
    ) -> Response:
        """The ``message_deleted`` event of the message at ``ts``."""
        now = self.next_ts()
        previous = {"type": "message", "user": user, "text": "(the words)", "ts": ts}
        if thread_ts:
            previous["thread_ts"] = thread_ts
        event = {
            "type": "message",
            "subtype": "message_deleted",
            "hidden": True,
            "channel": channel,
            "ts": now,
            "deleted_ts": ts,
            "event_ts": now,
            "channel_type": "channel",
            "previous_message": previous,
        }
        return self.event(event, event_id=event_id)

    def mention(
        self, text: str, *, user: str = "U1", channel: str = "C1", thread_ts: str | None = None
    ) -> tuple[str, Response]:
        """An app_mention event (``text`` should hold ``<@UBOT>``)."""
        ts = self.next_ts()
        event = {
            "type": "app_mention",
            "user": user,
            "text": text,
            "channel": channel,
            "ts": ts,
            "event_ts": ts,
            "team": TEAM_ID,
        }
        if thread_ts:
            event["thread_ts"] = thread_ts
        return ts, self.event(event)

    def click(
        self,
        *,
        action_id: str,
        value: str,
        block_id: str,
        message: dict[str, Any],
        user: str = "U1",
        channel: str = "C1",
        team: str = TEAM_ID,
        trigger_id: str = "1.2.3",
    ) -> Response:
        """A button click (block_actions) on ``message`` (as posted: ts, blocks, text)."""
        payload = {
            "type": "block_actions",
            "team": {"id": team, "domain": "test"},
            "user": {"id": user, "username": "someone", "team_id": team},
            "api_app_id": "A1",
            "token": "legacy",
            "trigger_id": trigger_id,
            "container": {
                "type": "message",
                "message_ts": message["ts"],
                "channel_id": channel,
                "is_ephemeral": False,
                "thread_ts": message.get("thread_ts"),
            },
            "channel": {"id": channel, "name": "general"},
            "message": message,
            "response_url": "http://127.0.0.1:9/actions/1",
            "actions": [
                {
                    "type": "button",
                    "action_id": action_id,
                    "block_id": block_id,
                    "value": value,
                    "action_ts": f"{time.time():.6f}",
                    "text": {"type": "plain_text", "text": "x"},
                }
            ],
        }
        return self.post(
            urlencode({"payload": json.dumps(payload)}), "application/x-www-form-urlencoded"
        )

    def view_submission(
        self,
        view: dict[str, Any],
        values: dict[str, dict[str, dict[str, Any]]],
        *,
        view_id: str = "V1",
        user: str = "U1",
        team: str = TEAM_ID,
    ) -> Response:
        """A modal's submission (view_submission): ``view`` as opened (callback_id,
        private_metadata, blocks) with its inputs' ``values`` (block id -> action id ->
        ``{"type": ..., "value"|"selected_option": ...}``)."""
        payload = {
            "type": "view_submission",
            "team": {"id": team, "domain": "test"},
            "user": {"id": user, "username": "someone", "team_id": team},
            "api_app_id": "A1",
            "token": "legacy",
            "trigger_id": f"{int(time.time())}.{uuid.uuid4().int % 10**12}",
            "view": {
                **view,
                "id": view_id,
                "team_id": team,
                "type": "modal",
                "state": {"values": values},
                "hash": "1.abc",
            },
            "response_urls": [],
        }
        return self.post(
            urlencode({"payload": json.dumps(payload)}), "application/x-www-form-urlencoded"
        )
