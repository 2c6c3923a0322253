"""A workspace that uninstalled the app or revoked its token: all its data purged.

Slack's ``app_uninstalled`` (or ``tokens_revoked`` naming the bot's token) is recorded at
once in ``removed_workspaces`` (:meth:`Workspaces.mark_removed`, on the request path); the
purge itself runs off it (:meth:`Workspaces.purge_workspace`), and a purge that was lost
with its process is found again (:meth:`Workspaces.removals_pending`). The purge deletes
every row of the workspace: its consultations with their replies, recommendations and the
bot's messages, and every other table's rows with its ``team_id`` (the digests'
subscriptions and runs, and any table a later version adds), then the bot's messages that
were posted outside a consultation in its channels (digests). What stays is the row in
``removed_workspaces``: the team id and when it was removed and purged.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import Connection, Engine, MetaData, Table, delete, inspect, select, update
from sqlalchemy.exc import IntegrityError

from bot.clock import utc_now
from bot.store import schema
from bot.store.engine import checkpoint, write_transaction

CHILDREN = (schema.messages, schema.turns, schema.recommendations)
"""The tables whose rows belong to a consultation (by ``consultation_id``)."""
KEPT = frozenset({schema.removed_workspaces.name})


@dataclass(frozen=True)
class WorkspacePurge:
    team_id: str
    consultations: int
    rows: int
    """Every row deleted, in all tables."""


class Workspaces:
    """The removed-workspaces part of :class:`bot.store.Store`."""

    engine: Engine

    def mark_removed(self, team_id: str, reason: str) -> None:
        """Record that ``team_id`` removed the app (``app_uninstalled``, ``tokens_revoked``):
        its data is to be purged (again, if it had been installed and removed before)."""
        table, now = schema.removed_workspaces, utc_now()
        values = {"reason": reason, "removed_at": now, "purged_at": None}
        try:
            with self.engine.begin() as conn:
                conn.execute(table.insert().values(team_id=team_id, **values))
        except IntegrityError:
            with self.engine.begin() as conn:
                conn.execute(update(table).where(table.c.team_id == team_id).values(**values))

    def removals_pending(self) -> list[str]:
        """Workspaces removed whose data is not purged yet."""
        table = schema.removed_workspaces
        query = select(table.c.team_id).where(table.c.purged_at.is_(None))
        with self.engine.connect() as conn:
            return [str(row[0]) for row in conn.execute(query)]

    def purge_workspace(self, team_id: str) -> WorkspacePurge:
        """Delete every row of ``team_id`` (see the module docstring), in one transaction,
        and mark its removal purged; then clear SQLite's write-ahead log."""
        c = schema.consultations.c
        ids = select(c.id).where(c.team_id == team_id)
        with write_transaction(self.engine) as conn:
            consultations = len(conn.execute(select(c.id).where(c.team_id == team_id)).all())
            teams = _team_tables(conn)
            channels = _channels(conn, teams, team_id)
            m = schema.messages.c
            rows = conn.execute(
                delete(schema.messages).where(
                    m.consultation_id.is_(None), m.channel_id.in_(sorted(channels))
                )
            ).rowcount
            for child in CHILDREN:
                rows += conn.execute(delete(child).where(child.c.consultation_id.in_(ids))).rowcount
            for table in teams:
                rows += conn.execute(delete(table).where(table.c.team_id == team_id)).rowcount
            removed = schema.removed_workspaces
            conn.execute(
                update(removed).where(removed.c.team_id == team_id).values(purged_at=utc_now())
            )
        checkpoint(self.engine)
        return WorkspacePurge(team_id, consultations, int(rows))


def _team_tables(conn: Connection) -> list[Table]:
    """Every table with a ``team_id`` column (consultations last: the others may name it),
    but :data:`KEPT`."""
    found = MetaData()
    names = [
        name
        for name in inspect(conn).get_table_names()
        if name not in KEPT
        and any(col["name"] == "team_id" for col in inspect(conn).get_columns(name))
    ]
    tables = [Table(name, found, autoload_with=conn) for name in sorted(names)]
    return sorted(tables, key=lambda t: t.name == schema.consultations.name)


def _channels(conn: Connection, tables: list[Table], team_id: str) -> set[str]:
    """The channels the workspace's rows name."""
    channels: set[str] = set()
    for table in tables:
        if "channel_id" in table.c:
            query = select(table.c.channel_id).where(table.c.team_id == team_id).distinct()
            channels.update(str(row[0]) for row in conn.execute(query))
    return channels
