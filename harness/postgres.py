"""Fresh PostgreSQL databases for tests, made beside the one ``ADVISOR_TEST_DATABASE_URL``
names (its role must be allowed to create databases, as CI's is)."""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from contextlib import contextmanager

from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

URL_VARIABLE = "ADVISOR_TEST_DATABASE_URL"


def base_url() -> str | None:
    """The test PostgreSQL, if one is configured."""
    return os.environ.get(URL_VARIABLE) or None


def reachable(url: str) -> str | None:
    """None if PostgreSQL at ``url`` answers, else why not (one line)."""
    try:
        engine = create_engine(url, connect_args={"connect_timeout": 3})
        with engine.connect() as conn:
            conn.execute(text("SELECT 1"))
        engine.dispose()
    except Exception as err:
        return f"{type(err).__name__}: {str(err).splitlines()[0] if str(err) else ''}"
    return None


@contextmanager
def fresh_database(url: str) -> Iterator[str]:
    """A new empty database on the server of ``url``; its URL; dropped afterwards."""
    name = f"advisor_t_{uuid.uuid4().hex[:10]}"
    admin = create_engine(url, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    try:
        yield make_url(url).set(database=name).render_as_string(hide_password=False)
    finally:
        with admin.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()
