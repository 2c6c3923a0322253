"""Purged words leave the SQLite files too: the database file's free pages and free space
(``secure_delete``) and its write-ahead log (a checkpoint that truncates it). The files'
bytes are read, before (the words are there) and after (they are not)."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from lifecycle_helpers import SECRET, Given, given_consultation

from bot.store import Store
from harness.database import columns_holding, files_holding, open_store

NOW = datetime.now(UTC)


def _forget(store: Store, given: Given) -> None:
    store.withdraw(given.consultation_id, "forgotten")
    store.checkpoint()  # the forget job does, once the thread is cleared


def _delete_reply(store: Store, given: Given) -> None:
    store.delete_turn(given.reply_source)
    store.checkpoint()  # the reread job does, before answering again


def _edit_reply(store: Store, given: Given) -> None:
    store.edit_turn(given.reply_source, "we have 800 examples")
    store.checkpoint()


def _expire(store: Store, _given: Given) -> None:
    store.run_retention(NOW + timedelta(days=91), 90)  # checkpoints itself


def _uninstall(store: Store, _given: Given) -> None:
    store.mark_removed("T1", "app_uninstalled")
    store.purge_workspace("T1")  # checkpoints itself


PURGES: dict[str, Callable[[Store, Given], None]] = {
    "forgotten": _forget,
    "reply deleted": _delete_reply,
    "reply edited": _edit_reply,
    "expired": _expire,
    "uninstalled": _uninstall,
}


@pytest.fixture
def database(tmp_path: Path) -> Path:
    return tmp_path / "advisor.db"


@pytest.fixture
def store(database: Path) -> Iterator[Store]:
    opened = open_store(f"sqlite:///{database}")
    yield opened
    opened.close()


@pytest.mark.parametrize("purge", sorted(PURGES))
def test_purged_words_stay_neither_in_the_database_file_nor_in_its_write_ahead_log(
    store: Store, database: Path, purge: str
) -> None:
    given = given_consultation(store, secret_in="reply")
    assert "advisor.db-wal" in files_holding(database, SECRET), "written to the log first"
    store.checkpoint()
    assert files_holding(database, SECRET) == ["advisor.db"], "then into the database file"

    PURGES[purge](store, given)

    assert columns_holding(store.engine, SECRET) == []
    assert files_holding(database, SECRET) == []
    assert database.with_name("advisor.db-wal").stat().st_size == 0


def test_a_long_description_in_overflow_pages_is_zeroed_when_forgotten(
    store: Store, database: Path
) -> None:
    """Text longer than a page lives in overflow pages, freed (not rewritten) on purge."""
    found = store.create_consultation(
        team_id="T1",
        channel_id="C1",
        user_id="U1",
        description=f"{SECRET} " + "and all the details of it " * 2000,
        origin="mention",
        thread_ts="9.9",
        root_ts="9.9",
    )
    assert found is not None
    store.checkpoint()
    assert files_holding(database, SECRET) == ["advisor.db"]

    store.withdraw(found.id, "forgotten")
    store.checkpoint()

    assert files_holding(database, SECRET) == []
    assert files_holding(database, "and all the details of it") == []


def test_every_connection_of_the_store_overwrites_deleted_content(store: Store) -> None:
    """On whatever SQLite build: some default ``secure_delete`` to on, others to off."""
    with store.engine.connect() as conn:
        assert conn.exec_driver_sql("PRAGMA secure_delete").scalar() == 1


def test_the_scan_finds_words_a_deletion_leaves_in_the_file_without_secure_delete(
    tmp_path: Path,
) -> None:
    """The control: with ``secure_delete`` off, a deleted row's words stay in the file's
    bytes, and :func:`files_holding` finds them (so its empty answers above mean gone)."""
    database = tmp_path / "plain.db"
    conn = sqlite3.connect(database, isolation_level=None)
    conn.execute("PRAGMA journal_mode=WAL")
    conn.execute("PRAGMA secure_delete=OFF")
    conn.execute("CREATE TABLE t (id INTEGER PRIMARY KEY, body TEXT)")
    conn.execute("INSERT INTO t (body) VALUES (?)", (f"we have 800 examples from {SECRET}",))
    conn.execute("INSERT INTO t (body) VALUES ('other words')")
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    conn.execute("DELETE FROM t WHERE body LIKE ?", (f"%{SECRET}%",))
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    conn.close()
    assert files_holding(database, SECRET) == ["plain.db"]
