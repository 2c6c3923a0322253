"""Where the user's words go when they change: an edited or deleted reply, an edited
description, and a consultation forgotten by its asker or whose root message was deleted.

A user's words live in four places: the description (``consultations.description``), each
reply (``turns.text``), the saved state (``consultations.state_json``: the turns and the
evidence quoting them) and each recommendation (``recommendations.advice_json``: the
turns, the evidence, the suggested prompt). Each change below updates them all in one
transaction, and bumps the consultation's ``revision``: an answer computed from the words
as they were saves neither its state nor its recommendation (bot/store/store.py and
bot/store/history.py check the revision they were computed at).

- An edit or a deletion of a reply or of the description drops the saved state (the next
  answer replays every turn as they are now) and redacts the recommendations given since
  those words were stored (:func:`bot.store.redaction.without_words`).
- Forgetting, or a deleted root message, ends the consultation: its description, state,
  replies and recommendations are removed, the stored copies of the bot's messages lose
  their content, and only a row of ids and dates stays (a *tombstone*: it stops every job
  still queued for it, and lists the bot's messages in the thread until they are deleted
  from Slack, bot/slack/forgetting.py).

On SQLite the file's deleted content is zeroed (``secure_delete``, bot/store/engine.py);
:meth:`Lifecycle.checkpoint` then clears the write-ahead log of the pages that held it.
"""

from __future__ import annotations

import time
from datetime import datetime, timedelta

from sqlalchemy import Connection, Engine, and_, delete, exists, or_, select, update

from bot.clock import aware, utc_now
from bot.store import redaction, schema
from bot.store.engine import checkpoint, write_transaction
from bot.store.records import ENDED, WITHDRAWN

WITHDRAWN_LOOK_BACK = timedelta(days=1)
"""A consultation ended longer ago than this is no longer looked at for messages left."""


class Lifecycle:
    """The lifecycle part of :class:`bot.store.Store`."""

    engine: Engine

    def edit_turn(self, source_id: str, text: str) -> str | None:
        """A stored reply now reads ``text`` (its Slack message was edited); the
        consultation's id, or None when nothing changed (no such reply, the same text, or
        the consultation ended)."""
        t = schema.turns.c
        with self.engine.connect() as conn:  # most edits Slack reports are of no reply
            stored = conn.execute(select(t.text).where(t.source_id == source_id)).scalar()
        if stored is None or stored == text:
            return None
        with write_transaction(self.engine) as conn:
            found = conn.execute(
                select(t.id, t.consultation_id, t.text, t.created_at)
                .where(t.source_id == source_id)
                .with_for_update()
            ).first()
            if found is None or found.text == text or not _invalidate(conn, found.consultation_id):
                return None
            conn.execute(update(schema.turns).where(t.id == found.id).values(text=text))
            _redact_since(conn, found.consultation_id, aware(found.created_at))
            return str(found.consultation_id)

    def delete_turn(self, source_id: str, *, prefixed: str | None = None) -> str | None:
        """A stored reply is removed (its Slack message was deleted), and with ``prefixed``
        every turn whose source starts with it (what that message shared: a file's report);
        the consultation's id, or None when there was no such turn (or it ended)."""
        t = schema.turns.c
        match = t.source_id == source_id
        if prefixed:
            match = or_(match, t.source_id.startswith(prefixed, autoescape=True))
        with self.engine.connect() as conn:  # most deletions Slack reports are of no reply
            if conn.execute(select(t.id).where(match).limit(1)).first() is None:
                return None
        with write_transaction(self.engine) as conn:
            found = conn.execute(
                select(t.id, t.consultation_id, t.created_at).where(match).with_for_update()
            ).all()
            if not found or not _invalidate(conn, found[0].consultation_id):
                return None
            consultation_id = str(found[0].consultation_id)
            ids = [row.id for row in found if str(row.consultation_id) == consultation_id]
            conn.execute(delete(schema.turns).where(t.id.in_(ids)))
            since = min(aware(row.created_at) for row in found)
            _redact_since(conn, consultation_id, since)
            return consultation_id

    def edit_description(self, consultation_id: str, text: str) -> bool:
        """The description now reads ``text`` (its root message was edited); False when
        nothing changed (the same text, or the consultation ended)."""
        c = schema.consultations.c
        with write_transaction(self.engine) as conn:
            current = conn.execute(
                select(c.description).where(c.id == consultation_id).with_for_update()
            ).scalar()
            if current is None or current == text:
                return False
            if not _invalidate(conn, consultation_id, description=text):
                return False
            _redact_since(conn, consultation_id, None)
            return True

    def withdraw(self, consultation_id: str, status: str) -> bool:
        """End a consultation by its people (``forgotten`` or ``deleted``, see
        :data:`bot.store.records.WITHDRAWN`): remove its words and its replies and
        recommendations, and empty the stored copies of the bot's messages; False if it
        had ended already."""
        assert status in WITHDRAWN, status
        now = utc_now()
        with write_transaction(self.engine) as conn:
            if not _invalidate(
                conn,
                consultation_id,
                unless=WITHDRAWN,  # an expired one may still be forgotten: its messages go
                description="",
                status=status,
                ended_at=now,
            ):
                return False
            conn.execute(
                delete(schema.turns).where(schema.turns.c.consultation_id == consultation_id)
            )
            recommendations = schema.recommendations
            conn.execute(
                delete(recommendations).where(recommendations.c.consultation_id == consultation_id)
            )
            messages = schema.messages
            conn.execute(
                update(messages)
                .where(messages.c.consultation_id == consultation_id)
                .values(content_json=None)
            )
            return True

    def drop_message(self, channel_id: str, ts: str) -> None:
        """Forget the bot's message at ``ts`` (deleted from Slack, or it cannot be)."""
        m = schema.messages.c
        with self.engine.begin() as conn:
            conn.execute(delete(schema.messages).where(m.channel_id == channel_id, m.ts == ts))

    def withdrawn_with_messages(self, *, limit: int = 100) -> list[str]:
        """Consultations withdrawn lately whose bot messages are not all deleted from Slack
        yet (the job that deletes them was lost or Slack failed), free of any live lease."""
        c, m = schema.consultations.c, schema.messages.c
        query = (
            select(c.id)
            .where(
                c.status.in_(sorted(WITHDRAWN)),
                c.ended_at > utc_now() - WITHDRAWN_LOOK_BACK,
                exists().where(m.consultation_id == c.id),
                or_(c.lock_owner.is_(None), c.lock_until < time.time()),
            )
            .limit(limit)
        )
        with self.engine.connect() as conn:
            return [str(row[0]) for row in conn.execute(query)]

    def checkpoint(self) -> bool:
        """After a purge: SQLite's write-ahead log emptied (see
        :func:`bot.store.engine.checkpoint`)."""
        return checkpoint(self.engine)


def _invalidate(
    conn: Connection, consultation_id: str, *, unless: frozenset[str] = ENDED, **values: object
) -> bool:
    """Drop the saved state and bump the revision (and set ``values``), unless the
    consultation's status is one of ``unless`` (ended); True if it did. On PostgreSQL this
    locks the row until the end of the transaction, so an answer's write waits for it and
    then sees the new revision."""
    c = schema.consultations.c
    result = conn.execute(
        update(schema.consultations)
        .where(c.id == consultation_id, c.status.not_in(sorted(unless)))
        .values(
            state_json=None,
            state_version=None,
            revision=c.revision + 1,
            updated_at=utc_now(),
            **values,
        )
    )
    return result.rowcount == 1


def _redact_since(conn: Connection, consultation_id: str, since: datetime | None) -> None:
    """Redact the recommendations given since ``since`` (all of them: None), the ones that
    may have read the words that changed, and empty the stored copies of the bot's messages
    posted since (a confirmation quotes the words it is unsure of)."""
    m = schema.messages.c
    posted = m.consultation_id == consultation_id
    if since is not None:
        posted = and_(posted, m.created_at >= since)
    conn.execute(update(schema.messages).where(posted).values(content_json=None))
    r = schema.recommendations.c
    query = select(r.id, r.advice_json).where(r.consultation_id == consultation_id)
    if since is not None:
        query = query.where(r.created_at >= since)
    for row in conn.execute(query).all():
        if not redaction.is_redacted(row.advice_json):
            conn.execute(
                update(schema.recommendations)
                .where(r.id == row.id)
                .values(advice_json=redaction.without_words(row.advice_json))
            )
