"""A workspace that uninstalls the app, or revokes its bot token: its work stops and every
row of it is purged, digest subscriptions included (a server of its own per test: the
purge takes every consultation of the test workspace)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from privacy_helpers import SECRET, wait_until
from sqlalchemy import MetaData, func, select

from bot.digest.store import DigestStore
from bot.store import Store
from harness import SIGNING_SECRET, SLACK_ONLY, FakeSlack, ServerProcess, SlackRequests, server_env
from harness.database import columns_holding, files_holding
from harness.reading import in_thread, start

TICKETS = f"We want to classify support tickets for {SECRET}"


@pytest.fixture
def server(fake: FakeSlack, tmp_path: Path) -> Iterator[ServerProcess]:
    env = server_env(fake.base_url, f"sqlite:///{tmp_path / 'advisor.db'}")
    process = ServerProcess(env, tmp_path / "server.log", extra_args=SLACK_ONLY).start()
    yield process
    process.stop()


@pytest.fixture
def database(server: ServerProcess, tmp_path: Path) -> Path:
    return tmp_path / "advisor.db"


@pytest.fixture
def store(database: Path) -> Iterator[Store]:
    opened = Store.open(f"sqlite:///{database}")
    yield opened
    opened.close()


def _rows_of(store: Store, team_id: str) -> dict[str, int]:
    meta = MetaData()
    meta.reflect(store.engine)
    found = {}
    with store.engine.connect() as conn:
        for table in meta.tables.values():
            if "team_id" in table.c:
                count = conn.execute(
                    select(func.count()).select_from(table).where(table.c.team_id == team_id)
                ).scalar()
                if count:
                    found[table.name] = int(count)
    return found


def _a_workspace_in_use(fake: FakeSlack, slack: SlackRequests, store: Store) -> str:
    """Two consultations and a digest subscription of T1; the first consultation's thread."""
    fake.reset()
    thread_ts, _ = start(fake, slack, "C1", TICKETS)
    slack.message("about 5k a day", channel="C1", thread_ts=thread_ts)
    in_thread(fake, "C1", thread_ts, 2)
    start(fake, slack, "C2", "Summarize our sales calls")
    assert slack.command("digest daily", channel="C1").status == 200
    assert _rows_of(store, "T1").keys() == {"consultations", "digest_subscriptions"}
    return thread_ts


def test_uninstalling_stops_the_workspace_and_purges_every_row_of_it(
    fake: FakeSlack, server: ServerProcess, store: Store, database: Path
) -> None:
    slack = SlackRequests(server.base_url, SIGNING_SECRET)
    thread_ts = _a_workspace_in_use(fake, slack, store)

    answer = slack.event({"type": "app_uninstalled"})

    assert answer.status == 200
    wait_until(lambda: _rows_of(store, "T1") == {"removed_workspaces": 1})
    assert DigestStore(store.engine).active_subscriptions() == []
    assert columns_holding(store.engine, SECRET) == []
    assert files_holding(database, SECRET) == []
    posted = len(fake.calls_to("chat.postMessage"))
    slack.message("we have 800 examples", channel="C1", thread_ts=thread_ts)
    assert store.find_by_thread("C1", thread_ts) is None
    assert len(fake.calls_to("chat.postMessage")) == posted, "nothing more is done for it"
    log = server.log_path.read_text(errors="replace")
    assert "workspace T1: app_uninstalled" in log and SECRET not in log


def test_revoking_the_bot_token_purges_the_workspace_and_revoking_user_tokens_does_not(
    fake: FakeSlack, server: ServerProcess, store: Store
) -> None:
    slack = SlackRequests(server.base_url, SIGNING_SECRET)
    _a_workspace_in_use(fake, slack, store)

    slack.event({"type": "tokens_revoked", "tokens": {"oauth": ["U7"]}})
    slack.message("hello", channel="C9")  # something after it, to wait on
    assert _rows_of(store, "T1").keys() == {"consultations", "digest_subscriptions"}

    slack.event({"type": "tokens_revoked", "tokens": {"bot": ["UBOT"]}})

    wait_until(lambda: _rows_of(store, "T1") == {"removed_workspaces": 1})
    assert columns_holding(store.engine, SECRET) == []
