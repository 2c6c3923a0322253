"""The database engine: SQLite (WAL, busy timeout, files private to their owner, deleted
content overwritten) or PostgreSQL through psycopg 3. Bound parameters (users' text) never
appear in errors.

Every write of the app is one statement, so engines run in autocommit: a statement is its
own transaction, taken and committed inside the driver's one call. With an explicit
BEGIN ... COMMIT, SQLite's single write lock stayed held across the Python between the
two, and a thread holding it could wait for the GIL behind the advisor's CPU work while
every acknowledgement waited for the lock. Migrations get a transactional connection
(:func:`transactional`)."""

from __future__ import annotations

import os
import stat
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from sqlalchemy import Connection, Engine, create_engine, event
from sqlalchemy.engine import make_url

REQUEST_TIMEOUT_SECONDS = 2.0
"""How long a statement may wait for a lock on the request path: a locked database must
fail fast enough that the user still hears from the bot within Slack's 3 seconds."""
BACKGROUND_TIMEOUT_SECONDS = 10.0
"""The same for answering and jobs, off the request path."""
MIGRATION_TIMEOUT_SECONDS = 600.0
"""Schema changes wait for each other (one instance migrates, the others wait its lock)."""
PRIVATE_SUFFIXES = ("", "-wal", "-shm", "-journal")


def make_engine(url: str, *, timeout: float = BACKGROUND_TIMEOUT_SECONDS) -> Engine:
    """An engine for ``url`` whose statements give up after ``timeout`` seconds waiting for
    a lock; SQLite files are created (or tightened) to mode 0600."""
    if url.startswith("sqlite"):
        database = make_url(url).database
        if database and database != ":memory:":
            make_private(Path(database))
        engine = create_engine(
            url,
            hide_parameters=True,
            isolation_level="AUTOCOMMIT",
            connect_args={"check_same_thread": False, "timeout": timeout},
        )
        event.listen(engine, "connect", _sqlite_pragmas(int(timeout * 1000)))
        return engine
    milliseconds = int(timeout * 1000)
    return create_engine(
        url,
        hide_parameters=True,
        isolation_level="AUTOCOMMIT",
        pool_pre_ping=True,
        pool_size=10,
        max_overflow=10,
        pool_timeout=timeout,
        connect_args={
            "connect_timeout": max(1, int(timeout)),
            "options": f"-c lock_timeout={milliseconds} -c statement_timeout={milliseconds * 3}",
        },
    )


def transactional(engine: Engine) -> Engine:
    """The engine with statements grouped in transactions again (for migrations)."""
    level = "SERIALIZABLE" if engine.dialect.name == "sqlite" else "READ COMMITTED"
    return engine.execution_options(isolation_level=level)


@contextmanager
def write_transaction(engine: Engine) -> Iterator[Connection]:
    """A connection whose statements are one transaction, committed at the end (rolled
    back on an error): for the few writes that must change several rows at once. On
    SQLite it holds the write lock from the start (``BEGIN IMMEDIATE``), so what it reads
    first cannot change before it writes; on PostgreSQL, lock the rows it depends on
    (``SELECT ... FOR UPDATE``, or write them first)."""
    if engine.dialect.name != "sqlite":
        with transactional(engine).begin() as conn:
            yield conn
        return
    with engine.connect() as conn:  # autocommit: the driver adds no BEGIN of its own
        conn.exec_driver_sql("BEGIN IMMEDIATE")
        try:
            yield conn
        except BaseException:
            conn.exec_driver_sql("ROLLBACK")
            raise
        conn.exec_driver_sql("COMMIT")


def make_private(database: Path) -> None:
    """Create the SQLite file readable by its owner only, or take group and other access
    away from it and its companions (SQLite gives -wal and -shm the database's mode)."""
    if not database.exists():
        database.parent.mkdir(parents=True, exist_ok=True)
        os.close(os.open(database, os.O_CREAT | os.O_WRONLY, 0o600))
    for suffix in PRIVATE_SUFFIXES:
        path = database.with_name(database.name + suffix)
        try:
            mode = stat.S_IMODE(path.stat().st_mode)
            if mode & 0o077:
                path.chmod(mode & 0o700)
        except (FileNotFoundError, PermissionError):
            continue


def _sqlite_pragmas(busy_ms: int) -> Any:
    def on_connect(dbapi_connection: Any, _record: Any) -> None:
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA journal_mode=WAL")
        # In WAL mode NORMAL is durable across application crashes and never corrupts; it
        # skips an fsync per commit, which held the write lock long enough to stall acks.
        cursor.execute("PRAGMA synchronous=NORMAL")
        cursor.execute(f"PRAGMA busy_timeout={busy_ms}")
        cursor.execute("PRAGMA foreign_keys=ON")
        # Deleted and overwritten content is zeroed in the file, not left in free pages or
        # free space within a page (text purged by bot/store/lifecycle.py must be gone).
        cursor.execute("PRAGMA secure_delete=ON")
        cursor.close()

    return on_connect


CHECKPOINT_TRIES = 3


def checkpoint(engine: Engine) -> bool:
    """SQLite: copy the write-ahead log into the database and truncate it to nothing, so no
    earlier version of a page (text since purged) stays in the ``-wal`` file; True when it
    did (False: readers kept it busy after :data:`CHECKPOINT_TRIES` tries). Other
    databases: nothing to do, True."""
    if engine.dialect.name != "sqlite":
        return True
    for _ in range(CHECKPOINT_TRIES):
        with engine.connect() as conn:
            busy = conn.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)").first()
        if busy is not None and busy[0] == 0:
            return True
    return False
