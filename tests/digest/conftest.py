"""Fixtures of the digest tests: a store on a SQLite file, a fake Slack per test."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from digest_helpers import DigestSlack

from bot.digest.store import DigestStore
from bot.store import Store
from harness.database import open_store


@pytest.fixture
def database_url(tmp_path: Path) -> str:
    """A SQLite file with the schema made (as ``advisor serve`` makes it at start-up)."""
    url = f"sqlite:///{tmp_path / 'advisor.db'}"
    open_store(url).close()
    return url


@pytest.fixture
def store(database_url: str) -> Iterator[Store]:
    opened = Store.open(database_url)
    yield opened
    opened.close()


@pytest.fixture
def digests(store: Store) -> DigestStore:
    return DigestStore(store.engine)


@pytest.fixture
def fake() -> Iterator[DigestSlack]:
    running = DigestSlack()
    with running:
        yield running
