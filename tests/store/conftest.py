"""A store on a fresh SQLite file, and on PostgreSQL when ADVISOR_TEST_DATABASE_URL is set."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

from bot.store import Store
from bot.store.engine import make_engine
from bot.store.migrate import upgrade
from harness.database import reset

POSTGRES_URL = os.environ.get("ADVISOR_TEST_DATABASE_URL")


@pytest.fixture(params=["sqlite", "postgresql"])
def store(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Store]:
    if request.param == "sqlite":
        url = f"sqlite:///{tmp_path / 'advisor.db'}"
    elif POSTGRES_URL:
        url = POSTGRES_URL
    else:
        pytest.skip("set ADVISOR_TEST_DATABASE_URL=postgresql+psycopg://... to run on PostgreSQL")
    engine = make_engine(url)
    reset(engine)
    upgrade(engine)
    opened = Store(engine)
    yield opened
    opened.close()
