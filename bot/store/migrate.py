"""The database schema, made and changed by Alembic migrations (``bot/store/migrations``).

``advisor db upgrade`` runs them once per deploy; ``advisor serve`` (and the other
commands that open the database) run them at start-up too unless told not to. Either way
:func:`upgrade` holds a lock while it works, so instances started at the same moment on
an empty database make the schema once: a PostgreSQL advisory lock, or on SQLite an
exclusive lock on a file beside the database. A database made before migrations existed
(by ``create_all``) is recognised and stamped with the baseline revision, keeping its data.
"""

from __future__ import annotations

import fcntl
import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Connection, Engine, inspect, text

from bot.errors import AdvisorError
from bot.store.engine import transactional

SCRIPTS = Path(__file__).parent / "migrations"
BASELINE = "0001"
"""The schema as ``create_all`` made it before migrations."""
ADVISORY_LOCK = 7_106_881_300_918_120_817
"""The PostgreSQL advisory lock key of schema changes (any fixed 64-bit number)."""


class SchemaBehind(AdvisorError):
    """The database is not at the schema this version needs."""


def _config(connection: Connection | None = None) -> Config:
    config = Config()
    config.set_main_option("script_location", str(SCRIPTS))
    if connection is not None:
        config.attributes["connection"] = connection
    return config


def head() -> str:
    """The newest revision this version knows."""
    found = ScriptDirectory.from_config(_config()).get_current_head()
    assert found is not None
    return found


def current(engine: Engine) -> str | None:
    """The database's revision (None: no schema, or one made before migrations)."""
    with engine.connect() as conn:
        return MigrationContext.configure(conn).get_current_revision()


def upgrade(engine: Engine) -> tuple[str | None, str]:
    """Bring the schema to :func:`head` under the lock; the revisions before and after."""
    with _schema_lock(engine), transactional(engine).begin() as conn:
        config = _config(conn)
        before = MigrationContext.configure(conn).get_current_revision()
        if before is None and inspect(conn).has_table("consultations"):
            command.stamp(config, BASELINE)  # made by create_all before migrations
        command.upgrade(config, "head")
    return before, head()


def require_current(engine: Engine) -> None:
    """Raise :class:`SchemaBehind` unless the database is at :func:`head`."""
    found, wanted = current(engine), head()
    if found != wanted:
        raise SchemaBehind(
            f"the database schema is at {found or 'nothing'}, this version needs {wanted}: "
            "run `advisor db upgrade`"
        )


@contextmanager
def _schema_lock(engine: Engine) -> Iterator[None]:
    if engine.dialect.name == "postgresql":
        with engine.connect() as conn:
            conn.execute(text("SELECT pg_advisory_lock(:key)"), {"key": ADVISORY_LOCK})
            try:
                yield
            finally:
                conn.execute(text("SELECT pg_advisory_unlock(:key)"), {"key": ADVISORY_LOCK})
                conn.commit()
        return
    database = engine.url.database
    if engine.dialect.name != "sqlite" or not database or database == ":memory:":
        yield
        return
    lock_path = f"{database}.migrate-lock"
    descriptor = os.open(lock_path, os.O_RDWR | os.O_CREAT, 0o600)
    try:
        fcntl.flock(descriptor, fcntl.LOCK_EX)
        yield
    finally:
        fcntl.flock(descriptor, fcntl.LOCK_UN)
        os.close(descriptor)
