"""Helpers of the digest tests: a fake Slack that also answers the reads a digest makes
(users.info, chat.getPermalink, conversations.history), and consultations stored at a
chosen moment with real advice."""

from __future__ import annotations

import json
import uuid
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import update

from bot.settings import Settings, load_settings
from bot.store import Consultation, Store, schema
from harness import FakeSlack

TEAM = "T1"
NAMES = {"UANA": "Ana", "UBEN": "Ben <!channel>", "UCAT": "Cat"}


class DigestSlack(FakeSlack):
    """The loopback fake, plus the reads of a digest and a channel history of its posts."""

    def _answer(self, method: str, args: dict[str, Any]) -> dict[str, Any]:
        if method == "users.info":
            user = str(args.get("user"))
            profile = {"display_name": NAMES.get(user, ""), "real_name": ""}
            return {"ok": True, "user": {"id": user, "name": user.lower(), "profile": profile}}
        if method == "chat.getPermalink":
            ts = str(args.get("message_ts", "")).replace(".", "")
            return {
                "ok": True,
                "permalink": f"https://t.slack.com/archives/{args['channel']}/p{ts}",
            }
        if method == "conversations.history":
            return {
                "ok": True,
                "messages": self.history(str(args.get("channel"))),
                "has_more": False,
            }
        return super()._answer(method, args)

    def history(self, channel: str) -> list[dict[str, Any]]:
        """The channel's messages as conversations.history shows them, newest first."""
        return [
            {"ts": c.ts, "text": c.args.get("text"), "metadata": c.args.get("metadata")}
            for c in reversed(self.calls_to("chat.postMessage"))
            if c.args.get("channel") == channel and c.status == 200 and c.response.get("ok")
        ]

    def digests(self, channel: str | None = None) -> list[Any]:
        """The digests posted (successfully), in order; ``channel`` to pick one channel."""
        return [
            c
            for c in self.calls_to("chat.postMessage")
            if c.status == 200
            and c.response.get("ok")
            and (c.args.get("metadata") or {}).get("event_type") == "advisor_digest"
            and (channel is None or c.args.get("channel") == channel)
        ]


def settings_for(fake: FakeSlack, database_url: str, zone: str = "UTC") -> Settings:
    return load_settings(
        slack_bot_token="xoxb-test",
        slack_signing_secret="secret",
        slack_api_url=fake.base_url,
        database_url=database_url,
        slack_retry_count=2,
        slack_retry_backoff=0.01,
        advisor_timezone=zone,
    )


WARNING_TEXTS = {
    "ft-does-not-teach-facts": "Fine-tuning teaches style, format and patterns, not facts.",
    "no-baseline": "No measured baseline yet: build a small test set from real cases.",
    "cost-motive": "If cost is the main motive: prompt caching <b>beats</b> fine-tuning.",
}


def consultation(
    store: Store,
    at: datetime,
    description: str,
    *,
    strategy: str | None = "rag",
    warnings: tuple[str, ...] = (),
    channel: str = "C1",
    user: str = "UANA",
) -> Consultation:
    """A consultation started at ``at`` in ``channel``, advised ``strategy`` with
    ``warnings`` (rule ids), or still waiting for answers when ``strategy`` is None."""
    created = store.create_consultation(
        team_id=TEAM, channel_id=channel, user_id=user, description=description, origin="command"
    )
    assert created is not None
    ts = f"{int(at.timestamp())}.{uuid.uuid4().int % 1_000_000:06d}"
    store.set_thread(created.id, thread_ts=ts, root_ts=ts)
    with store.engine.begin() as conn:
        conn.execute(
            update(schema.consultations)
            .where(schema.consultations.c.id == created.id)
            .values(
                created_at=at.astimezone(UTC), status="asking" if strategy is None else "advised"
            )
        )
    if strategy is not None:
        found = [{"rule": r, "text": WARNING_TEXTS.get(r, r), "facts": []} for r in warnings]
        advice = {"recommendation": {"strategy": strategy, "warnings": found}}
        store.add_recommendation(
            created.id,
            strategy=strategy,
            path=[strategy],
            technique=None,
            confidence="high",
            advice_json=json.dumps(advice),
            message_ts=ts,
        )
    stored = store.get(created.id)
    assert stored is not None
    return stored
