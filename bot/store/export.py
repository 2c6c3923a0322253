"""Everything the store holds about a workspace's consultations, one record each, for an
audit (``advisor export``): what a workspace admin asks to see before approving an app.

A record is a consultation's row (ids, who asked, where, its status and dates, the
description), its replies, its saved state, its recommendations (the whole advice as
stored, or what redaction left of it) and the bot's messages (where, what kind, and the
content kept of a questions message). Consultations are read :data:`PAGE` at a time, oldest
first, so an export of any size runs in bounded memory.
"""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Iterator, Sequence
from datetime import datetime
from typing import Any

from sqlalchemy import Connection, Engine, RowMapping, Table, and_, or_, select

from bot.clock import aware, utc
from bot.store import schema

PAGE = 200
_MOMENTS = frozenset({"created_at", "updated_at", "ended_at"})
"""The columns exported as ISO text (aware, in UTC as stored)."""


def export_records(
    engine: Engine, team_id: str, *, channel_id: str | None = None, since: datetime | None = None
) -> Iterator[dict[str, Any]]:
    """The stored consultations of ``team_id`` (of ``channel_id`` only, started at or after
    ``since`` only), oldest first, each as a JSON-ready dict."""
    c = schema.consultations.c
    query = select(schema.consultations).where(c.team_id == team_id)
    if channel_id is not None:
        query = query.where(c.channel_id == channel_id)
    if since is not None:
        query = query.where(c.created_at >= utc(since))
    last: tuple[datetime, str] | None = None
    while True:
        page = query
        if last is not None:
            page = page.where(
                or_(c.created_at > last[0], and_(c.created_at == last[0], c.id > last[1]))
            )
        with engine.connect() as conn:
            rows = conn.execute(page.order_by(c.created_at, c.id).limit(PAGE)).mappings().all()
            if not rows:
                return
            ids = [str(row["id"]) for row in rows]
            turns = _by_consultation(conn, schema.turns, ids)
            given = _by_consultation(conn, schema.recommendations, ids)
            posted = _by_consultation(conn, schema.messages, ids)
        for row in rows:
            key = str(row["id"])
            yield _record(row, turns[key], given[key], posted[key])
        last = (rows[-1]["created_at"], str(rows[-1]["id"]))


def _by_consultation(
    conn: Connection, table: Table, ids: Sequence[str]
) -> dict[str, list[RowMapping]]:
    found: dict[str, list[RowMapping]] = defaultdict(list)
    query = select(table).where(table.c.consultation_id.in_(ids)).order_by(table.c.id)
    for row in conn.execute(query).mappings():
        found[str(row["consultation_id"])].append(row)
    return found


def _record(
    row: RowMapping,
    turns: list[RowMapping],
    given: list[RowMapping],
    posted: list[RowMapping],
) -> dict[str, Any]:
    return {
        "consultation_id": row["id"],
        **_columns(row, "team_id channel_id user_id origin thread_ts root_ts status"),
        **_columns(row, "created_at updated_at ended_at description"),
        "replies": [
            {**_columns(t, "user_id text created_at"), "quick_answer_for": t["about"]}
            for t in turns
        ],
        "state": _json(row["state_json"]),
        "recommendations": [
            {
                **_columns(r, "strategy technique confidence message_ts created_at"),
                "path": _json(r["path"]),
                "advice": _json(r["advice_json"]),
            }
            for r in given
        ],
        "bot_messages": [
            {**_columns(m, "ts thread_ts kind created_at"), "content": _json(m["content_json"])}
            for m in posted
        ],
    }


def _columns(row: RowMapping, names: str) -> dict[str, Any]:
    """The columns ``names`` (space-separated) of ``row`` under their own names, the
    moments among them as ISO text."""
    return {n: _when(row[n]) if n in _MOMENTS else row[n] for n in names.split()}


def _when(moment: datetime | None) -> str | None:
    return aware(moment).isoformat() if moment is not None else None


def _json(text: str | None) -> Any:
    if text is None:
        return None
    try:
        return json.loads(text)
    except ValueError:
        return text
