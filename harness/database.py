"""Databases for tests: a store on a migrated database, and a database emptied again."""

from __future__ import annotations

from sqlalchemy import Engine, MetaData

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
