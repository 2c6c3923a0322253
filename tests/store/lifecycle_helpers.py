"""A consultation whose words (a secret phrase) are in every place the store keeps words:
the description, a reply, the saved state, a recommendation and a question's blocks."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import UTC, datetime

from sqlalchemy import update

from bot.store import PostedMessage, Store, lease, schema

SECRET = "Project Nightingale"
"""Words a user would not want kept: in a description or a reply, never in the bot's own."""


@dataclass(frozen=True)
class Given:
    consultation_id: str
    thread_ts: str
    reply_source: str
    """The ``source_id`` of the reply that names the secret."""


def advice_json(turns: list[str], examples: int = 800, strategy: str = "rag") -> str:
    """An advice as the answer stores it: the turns, facts, reasons and a prompt."""
    return json.dumps(
        {
            "facts": {"labeled_examples": {"low": examples, "high": examples}},
            "questions": [],
            "recommendation": {
                "strategy": strategy,
                "path": [strategy],
                "technique": None,
                "confidence": "high",
                "reasons": [{"rule": "fresh-docs", "text": f"Because {turns[-1]}", "facts": []}],
                "warnings": [{"rule": "no-baseline", "text": "No baseline yet.", "facts": []}],
                "next_steps": ["Measure a baseline."],
            },
            "suggested_prompt": f"You help with: {turns[0]}",
            "turns": turns,
        }
    )


def given_consultation(
    store: Store,
    *,
    team: str = "T1",
    channel: str = "C1",
    thread_ts: str = "1700000000.000100",
    created: datetime | None = None,
    secret_in: str = "reply",
) -> Given:
    """A consultation advised once, its words everywhere; ``secret_in`` says whether the
    secret is in the ``reply`` or the ``description``."""
    description = f"Classify tickets for {SECRET}" if secret_in == "description" else "Classify"
    reply = f"we have 800 examples from {SECRET}" if secret_in == "reply" else "800 examples"
    found = store.create_consultation(
        team_id=team,
        channel_id=channel,
        user_id="U1",
        description=description,
        origin="mention",
        thread_ts=thread_ts,
        root_ts=thread_ts,
    )
    assert found is not None
    cid = found.id
    source = f"msg:{channel}:{thread_ts}1"
    turn = store.add_turn(cid, user_id="U1", text=reply, source_id=source)
    assert turn is not None
    owner = lease.try_acquire(store, cid, 20.0)
    assert owner is not None
    state = json.dumps({"turns": [description, reply], "evidence": {"q": reply}})
    assert store.save_state(
        cid,
        owner=owner,
        state_json=state,
        state_version=1,
        state_turns=1,
        status="advised",
        answered_through=turn,
        question_rounds=1,
        release=True,
    )
    store.add_recommendation(
        cid,
        strategy="rag",
        path=["rag"],
        technique=None,
        confidence="high",
        advice_json=advice_json([description, reply]),
        message_ts=f"{thread_ts}9",
    )
    store.record_message(
        PostedMessage(
            channel_id=channel,
            ts=f"{thread_ts}8",
            thread_ts=thread_ts,
            kind="questions",
            consultation_id=cid,
            content_json=json.dumps({"text": "Questions", "blocks": []}),
        )
    )
    if created is not None:
        with store.engine.begin() as conn:
            conn.execute(
                update(schema.consultations)
                .where(schema.consultations.c.id == cid)
                .values(created_at=created.astimezone(UTC))
            )
    return Given(cid, thread_ts, source)
