"""The schema is made by migrations: they agree with the tables the code reads, keep the data
of a database made before them, and run once when several processes start together."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest
from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import Engine, MetaData, inspect, text

from bot.digest import tables as digest_tables
from bot.store import Store, schema
from bot.store.engine import make_engine
from bot.store.migrate import BASELINE, SchemaBehind, _config, current, head, require_current
from bot.store.migrate import upgrade as run_upgrade
from harness.database import reset
from harness.postgres import base_url

POSTGRES_URL = base_url()
BASELINE_ROW = text(
    "INSERT INTO consultations (id, team_id, channel_id, user_id, origin, description, status,"
    " question_rounds, answered_through, created_at, updated_at) VALUES ('c1', 'T1', 'C1',"
    " 'U1', 'command', 'classify tickets', 'advised', 1, 3, :now, :now)"
)


@pytest.fixture(params=["sqlite", "postgresql"])
def url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'advisor.db'}"
        return
    if not POSTGRES_URL:
        pytest.skip("set ADVISOR_TEST_DATABASE_URL=postgresql+psycopg://... to run on PostgreSQL")
    engine = make_engine(POSTGRES_URL)
    reset(engine)
    engine.dispose()
    yield POSTGRES_URL


@pytest.fixture
def engine(url: str) -> Iterator[Engine]:
    made = make_engine(url)
    yield made
    made.dispose()


def _code_tables() -> MetaData:
    assert digest_tables.subscriptions.metadata is schema.metadata  # one MetaData for both
    return schema.metadata


def test_migrations_make_exactly_the_tables_the_code_reads(engine: Engine) -> None:
    run_upgrade(engine)
    with engine.connect() as conn:
        differences = compare_metadata(MigrationContext.configure(conn), _code_tables())
    assert differences == []


def test_upgrading_twice_changes_nothing(engine: Engine) -> None:
    assert run_upgrade(engine) == (None, head())
    assert run_upgrade(engine) == (head(), head())


def test_a_database_made_before_migrations_keeps_its_consultations(engine: Engine) -> None:
    with engine.begin() as conn:  # the baseline schema, as create_all made it, and no version
        command.upgrade(_config(conn), BASELINE)
        conn.execute(text("DROP TABLE alembic_version"))
        conn.execute(BASELINE_ROW, {"now": datetime.now(UTC)})
    assert current(engine) is None
    run_upgrade(engine)
    assert current(engine) == head()
    kept = Store(engine).get("c1")
    assert kept is not None and kept.description == "classify tickets"
    assert {"state_version", "state_turns"} <= {
        c["name"] for c in inspect(engine).get_columns("consultations")
    }


def test_a_server_refuses_a_schema_behind_when_told_not_to_migrate(engine: Engine) -> None:
    with pytest.raises(SchemaBehind, match=r"run `advisor db upgrade`"):
        require_current(engine)
    run_upgrade(engine)
    require_current(engine)


def test_upgrades_started_together_make_the_schema_once(url: str) -> None:
    start = threading.Barrier(4)
    errors: list[BaseException] = []

    def process() -> None:
        own = make_engine(url)  # its own engine, like another instance
        start.wait()
        try:
            run_upgrade(own)
        except BaseException as err:
            errors.append(err)
        finally:
            own.dispose()

    workers = [threading.Thread(target=process) for _ in range(4)]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join()
    assert errors == []
    assert current(make_engine(url)) == head()
