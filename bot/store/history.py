"""What was said and posted in a consultation: recommendations given and messages posted."""

from __future__ import annotations

import json

from sqlalchemy import Engine, RowMapping, delete, exists, insert, select, update

from bot.clock import aware, utc_now
from bot.store import schema
from bot.store.records import PostedMessage, StoredRecommendation
from bot.store.turns import insert_while_open


class History:
    """The recommendations and messages part of :class:`bot.store.Store`."""

    engine: Engine

    def add_recommendation(
        self,
        consultation_id: str,
        *,
        strategy: str,
        path: list[str],
        technique: str | None,
        confidence: str,
        advice_json: str,
        message_ts: str | None = None,
        revision: int | None = None,
    ) -> int | None:
        """Record a recommendation (before posting it, so a crash cannot forget it was
        given); its id, for :meth:`set_recommendation_message`. None (nothing recorded: do
        not post it) if the consultation ended, or with ``revision``, if its words changed
        since that revision (bot/store/lifecycle.py)."""
        values = {
            "consultation_id": consultation_id,
            "strategy": strategy,
            "path": json.dumps(path),
            "technique": technique,
            "confidence": confidence,
            "advice_json": advice_json,
            "message_ts": message_ts,
            "created_at": utc_now(),
        }
        statement = insert_while_open(schema.recommendations, values, consultation_id, revision)
        with self.engine.begin() as conn:
            found = conn.execute(statement).scalar()
        return None if found is None else int(found)

    def restore_recommendation(
        self, recommendation_id: int, advice_json: str, *, revision: int
    ) -> bool:
        """Give a redacted recommendation its advice again, as computed from the words at
        ``revision`` (an edit that changed nothing in it); False if they changed since."""
        r, c = schema.recommendations.c, schema.consultations.c
        current = exists().where(c.id == r.consultation_id, c.revision == revision)
        with self.engine.begin() as conn:
            result = conn.execute(
                update(schema.recommendations)
                .where(r.id == recommendation_id, current)
                .values(advice_json=advice_json)
            )
        return result.rowcount == 1

    def set_recommendation_message(self, recommendation_id: int, message_ts: str) -> None:
        """The ts of the message that carried a recommendation."""
        with self.engine.begin() as conn:
            conn.execute(
                update(schema.recommendations)
                .where(schema.recommendations.c.id == recommendation_id)
                .values(message_ts=message_ts)
            )

    def forget_recommendation(self, recommendation_id: int) -> None:
        """Remove a recommendation that could not be posted."""
        with self.engine.begin() as conn:
            conn.execute(
                delete(schema.recommendations).where(
                    schema.recommendations.c.id == recommendation_id
                )
            )

    def recommendations(self, consultation_id: str) -> list[StoredRecommendation]:
        """Every recommendation given in a consultation, oldest first."""
        r = schema.recommendations.c
        query = (
            select(schema.recommendations)
            .where(r.consultation_id == consultation_id)
            .order_by(r.id)
        )
        with self.engine.connect() as conn:
            return [_recommendation(row) for row in conn.execute(query).mappings()]

    def latest_recommendation(self, consultation_id: str) -> StoredRecommendation | None:
        found = self.recommendations(consultation_id)
        return found[-1] if found else None

    def record_message(self, message: PostedMessage) -> None:
        """Remember a message the bot posted (any feature may reuse this)."""
        with self.engine.begin() as conn:
            conn.execute(
                insert(schema.messages).values(
                    consultation_id=message.consultation_id,
                    channel_id=message.channel_id,
                    ts=message.ts,
                    thread_ts=message.thread_ts,
                    kind=message.kind,
                    event_type=message.event_type,
                    content_json=message.content_json,
                    created_at=utc_now(),
                )
            )

    def messages(self, consultation_id: str) -> list[PostedMessage]:
        m = schema.messages.c
        query = select(schema.messages).where(m.consultation_id == consultation_id).order_by(m.id)
        with self.engine.connect() as conn:
            return [_message(r) for r in conn.execute(query).mappings()]

    def message_at(self, channel_id: str, ts: str) -> PostedMessage | None:
        """The message the bot posted at ``ts`` in a channel, if it did."""
        m = schema.messages.c
        query = select(schema.messages).where(m.channel_id == channel_id, m.ts == ts)
        with self.engine.connect() as conn:
            row = conn.execute(query).mappings().first()
        return _message(row) if row else None


def _message(row: RowMapping) -> PostedMessage:
    return PostedMessage(
        channel_id=row["channel_id"],
        ts=row["ts"],
        thread_ts=row["thread_ts"],
        kind=row["kind"],
        consultation_id=row["consultation_id"],
        event_type=row["event_type"],
        content_json=row["content_json"],
    )


def _recommendation(row: RowMapping) -> StoredRecommendation:
    values = {k: row[k] for k in StoredRecommendation.__dataclass_fields__}
    values["path"] = json.loads(values["path"])
    values["created_at"] = aware(values["created_at"])
    return StoredRecommendation(**values)
