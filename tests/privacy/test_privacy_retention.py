"""Retention as it runs: inside ``advisor serve``, and as ``advisor purge --due`` from cron,
two at once; and ``advisor export`` for an audit. Real processes on a SQLite file."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from privacy_helpers import SECRET, wait_until
from sqlalchemy import update

from bot.store import Store, schema
from harness import SLACK_ONLY, FakeSlack, ServerProcess, server_env
from harness.database import columns_holding, files_holding, open_store

ADVISOR = [sys.executable, "-c", "from bot.cli.main import main; main()"]


@pytest.fixture
def database(tmp_path: Path) -> Path:
    path = tmp_path / "advisor.db"
    open_store(f"sqlite:///{path}").close()
    return path


@pytest.fixture
def store(database: Path) -> Store:
    return Store.open(f"sqlite:///{database}")


def asked(
    store: Store, days_ago: float, thread_ts: str, *, team: str = "T1", words: str = SECRET
) -> str:
    """A consultation started ``days_ago``, its ``words`` in each place words are kept."""
    found = store.create_consultation(
        team_id=team,
        channel_id="C1",
        user_id="U1",
        description=f"Classify tickets for {words}",
        origin="mention",
        thread_ts=thread_ts,
        root_ts=thread_ts,
    )
    assert found is not None
    store.add_turn(found.id, user_id="U1", text=f"{words}: 800 examples", source_id=thread_ts)
    store.add_recommendation(
        found.id,
        strategy="rag",
        path=["rag"],
        technique=None,
        confidence="high",
        advice_json=json.dumps({"suggested_prompt": words, "recommendation": {"strategy": "rag"}}),
    )
    with store.engine.begin() as conn:
        conn.execute(
            update(schema.consultations)
            .where(schema.consultations.c.id == found.id)
            .values(created_at=datetime.now(UTC) - timedelta(days=days_ago))
        )
    return found.id


def test_serve_purges_the_words_past_the_retention_in_a_job_of_its_own(
    fake: FakeSlack, store: Store, database: Path, tmp_path: Path
) -> None:
    old = asked(store, 2.5, "1.1")
    recent = asked(store, 0.5, "1.2", words="Project Heron")
    env = server_env(fake.base_url, f"sqlite:///{database}", ADVISOR_RETENTION_DAYS="2")
    server = ServerProcess(env, tmp_path / "server.log", extra_args=SLACK_ONLY).start()
    try:
        wait_until(lambda: getattr(store.get(old), "status", "") == "expired")
    finally:
        server.stop()

    expired = store.get(old)
    assert expired is not None and expired.description == ""
    assert [r.strategy for r in store.recommendations(old)] == ["rag"]
    kept = store.get(recent)
    assert kept is not None and kept.description == "Classify tickets for Project Heron"
    assert columns_holding(store.engine, SECRET) == []
    assert files_holding(database, SECRET) == []
    assert files_holding(database, "Project Heron") != []
    log = server.log_path.read_text(errors="replace")
    assert "retention: checking every 300 s" in log
    assert "retention: purged the words of 1 consultation started before" in log
    assert SECRET not in log


def test_two_cron_processes_at_once_purge_the_old_words_once(
    store: Store, database: Path, tmp_path: Path
) -> None:
    for i in range(5):
        asked(store, 40 + i, f"2.{i}")
    asked(store, 10, "2.9")
    env = {"DATABASE_URL": f"sqlite:///{database}", "ADVISOR_RETENTION_DAYS": "30"}
    processes = [
        subprocess.Popen(
            [*ADVISOR, "purge", "--due"],
            env={**os.environ, **env},
            cwd=tmp_path,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
        )
        for _ in range(2)
    ]
    outputs = sorted(p.communicate(timeout=60)[0] for p in processes)

    assert [p.returncode for p in processes] == [0, 0], outputs
    purged = [out for out in outputs if out.startswith("purged the words of 5 consultations")]
    others = [out for out in outputs if out not in purged]
    assert len(purged) == 1, outputs
    assert others[0].startswith(("already done this hour: 5", "another process")), outputs
    statuses = [c.status for c in store.consultations_in(
        "T1", "C1", datetime.now(UTC) - timedelta(days=50), datetime.now(UTC))]  # fmt: skip
    assert sorted(statuses) == ["asking"] + ["expired"] * 5
    assert files_holding(database, "800 examples") == ["advisor.db"], "the recent one's, only"


def test_purge_names_a_malformed_retention_and_needs_due(database: Path, tmp_path: Path) -> None:
    env = {**os.environ, "DATABASE_URL": f"sqlite:///{database}", "ADVISOR_RETENTION_DAYS": "0"}
    bad = subprocess.run(
        [*ADVISOR, "purge", "--due"], env=env, cwd=tmp_path, capture_output=True, text=True
    )
    assert bad.returncode == 2 and "ADVISOR_RETENTION_DAYS is malformed" in bad.stderr
    lazy = subprocess.run(
        [*ADVISOR, "purge"], env=env, cwd=tmp_path, capture_output=True, text=True
    )
    assert lazy.returncode == 2 and "pass --due" in lazy.stderr


def test_export_writes_a_workspace_consultations_as_json_lines(
    store: Store, database: Path, tmp_path: Path
) -> None:
    first, second = asked(store, 3, "3.1"), asked(store, 1, "3.2")
    asked(store, 1, "3.3", team="T2")
    env = {**os.environ, "DATABASE_URL": f"sqlite:///{database}"}
    since = (datetime.now(UTC) - timedelta(days=2)).date().isoformat()

    def export(*args: str) -> subprocess.CompletedProcess[str]:
        command = [*ADVISOR, "export", "--team", "T1", *args]
        return subprocess.run(command, env=env, cwd=tmp_path, capture_output=True, text=True)

    everything = export()
    recent = export("--channel", "C1", "--since", since)

    assert everything.returncode == 0, everything.stderr
    records = [json.loads(line) for line in everything.stdout.splitlines()]
    assert [r["consultation_id"] for r in records] == [first, second]
    assert records[0]["description"] == f"Classify tickets for {SECRET}"
    assert records[0]["replies"][0]["text"] == f"{SECRET}: 800 examples"
    assert records[0]["recommendations"][0]["advice"]["suggested_prompt"] == SECRET
    assert everything.stderr.strip() == "exported 2 consultations of T1"
    assert [json.loads(line)["consultation_id"] for line in recent.stdout.splitlines()] == [second]
