"""Databases for tests: a store on a migrated database, a database emptied again, and
where a phrase still is (in any text column; in a SQLite database's files)."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import Engine, MetaData, String, inspect, text

from bot.store import Store
from bot.store.migrate import upgrade


def open_store(url: str) -> Store:
    """A store on ``url``, its schema brought to the newest revision first."""
    store = Store.open(url)
    upgrade(store.engine)
    return store


def reset(engine: Engine) -> None:
    """Drop every table (the migrations' version table too): an empty database again."""
    found = MetaData()
    found.reflect(engine)
    found.drop_all(engine)


def columns_holding(engine: Engine, phrase: str) -> list[str]:
    """Every text column of every table (``table.column``) with a value containing
    ``phrase``: where a user's words still are."""
    found = []
    tables = inspect(engine).get_table_names()
    with engine.connect() as conn:
        for table in tables:
            for column in inspect(engine).get_columns(table):
                if not isinstance(column["type"], String):  # Text, VARCHAR and the like
                    continue
                name = column["name"]
                query = text(f'SELECT COUNT(*) FROM "{table}" WHERE "{name}" LIKE :phrase')
                if conn.execute(query, {"phrase": f"%{phrase}%"}).scalar():
                    found.append(f"{table}.{name}")
    return found


def files_holding(database: Path, phrase: str) -> list[str]:
    """The SQLite database's files (itself, ``-wal``, ``-shm``, ``-journal``) whose bytes
    contain ``phrase`` (UTF-8): where purged words could linger outside the tables."""
    needle = phrase.encode()
    found = []
    for suffix in ("", "-wal", "-shm", "-journal"):
        path = database.with_name(database.name + suffix)
        if path.exists() and needle in path.read_bytes():
            found.append(path.name)
    return found
