"""The replies of a consultation, append-only, once per Slack message or click."""

from __future__ import annotations

from typing import Any

from sqlalchemy import Engine, Insert, Table, func, insert, literal, select
from sqlalchemy.exc import IntegrityError

from bot.clock import aware, utc_now
from bot.store import schema
from bot.store.records import ENDED, Turn


class Turns:
    """The turns part of :class:`bot.store.Store`."""

    engine: Engine

    def add_turn(
        self,
        consultation_id: str,
        *,
        user_id: str,
        text: str,
        source_id: str,
        about: str | None = None,
    ) -> int | None:
        """Append a reply; its id (the existing one if ``source_id`` was already stored), or
        None if the consultation has ended (forgotten, deleted, expired): it stores no
        more words."""
        values = {
            "consultation_id": consultation_id,
            "user_id": user_id,
            "text": text,
            "about": about,
            "source_id": source_id,
            "created_at": utc_now(),
        }
        try:
            with self.engine.begin() as conn:
                found = conn.execute(
                    insert_while_open(schema.turns, values, consultation_id)
                ).scalar()
                return None if found is None else int(found)
        except IntegrityError:
            query = select(schema.turns.c.id).where(schema.turns.c.source_id == source_id)
            with self.engine.connect() as conn:
                return int(conn.execute(query).scalar_one())

    def turns(self, consultation_id: str) -> list[Turn]:
        """Every reply of a consultation, in the order they were stored."""
        t = schema.turns.c
        query = select(schema.turns).where(t.consultation_id == consultation_id).order_by(t.id)
        with self.engine.connect() as conn:
            return [
                Turn(**{**r, "created_at": aware(r["created_at"])})
                for r in conn.execute(query).mappings()
            ]

    def turns_after(self, consultation_id: str, turn_id: int) -> list[Turn]:
        """The replies stored after ``turn_id``, in order."""
        t = schema.turns.c
        query = (
            select(schema.turns)
            .where(t.consultation_id == consultation_id, t.id > turn_id)
            .order_by(t.id)
        )
        with self.engine.connect() as conn:
            return [
                Turn(**{**r, "created_at": aware(r["created_at"])})
                for r in conn.execute(query).mappings()
            ]

    def turn_totals(self, consultation_id: str, through: int) -> tuple[int, int]:
        """How many replies up to ``through``, and their characters."""
        t = schema.turns.c
        query = select(func.count(t.id), func.coalesce(func.sum(func.length(t.text)), 0)).where(
            t.consultation_id == consultation_id, t.id <= through
        )
        with self.engine.connect() as conn:
            count, chars = conn.execute(query).one()
        return int(count), int(chars)

    def last_turn_id(self, consultation_id: str) -> int:
        t = schema.turns.c
        query = select(func.max(t.id)).where(t.consultation_id == consultation_id)
        with self.engine.connect() as conn:
            return int(conn.execute(query).scalar() or 0)


def insert_while_open(
    table: Table, values: dict[str, Any], consultation_id: str, revision: int | None = None
) -> Insert:
    """``INSERT INTO table (values) RETURNING id``, made only while the consultation has
    not ended (and, with ``revision``, is still at that revision): one statement, so a
    consultation forgotten, edited or purged a moment before stores nothing computed from
    the words it had. On PostgreSQL it waits for a change of the consultation in progress
    (``FOR SHARE``) and then sees it."""
    c = schema.consultations.c
    source = select(*(literal(v, table.c[k].type) for k, v in values.items())).where(
        c.id == consultation_id, c.status.not_in(sorted(ENDED))
    )
    if revision is not None:
        source = source.where(c.revision == revision)
    return (
        insert(table)
        .from_select(list(values), source.with_for_update(read=True))
        .returning(table.c.id)
    )
