"""A signed request replayed by someone who captured it starts nothing, and the database
files are readable by their owner only."""

from __future__ import annotations

import stat
import time
from pathlib import Path
from urllib.parse import urlencode

from harness import FakeSlack, SlackRequests
from harness.reading import start


def _command_form(text: str, channel: str) -> str:
    return urlencode(
        {
            "command": "/advise",
            "text": text,
            "user_id": "U1",
            "channel_id": channel,
            "team_id": "T1",
            "trigger_id": "1.2.3",
        }
    )


def test_a_signed_command_replayed_within_five_minutes_starts_no_second_consultation(
    fake: FakeSlack, slack: SlackRequests, channel: str
) -> None:
    body = _command_form("We want to classify support tickets", channel)
    stamp = int(time.time())
    first = slack.post(body, "application/x-www-form-urlencoded", timestamp=stamp)
    assert first.status == 200
    replayed = slack.post(body, "application/x-www-form-urlencoded", timestamp=stamp)
    assert replayed.status == 401
    fake.wait_for("chat.postMessage", 2, where=lambda c: c.args.get("channel") == channel)
    time.sleep(1.0)
    roots = [
        c
        for c in fake.calls_to("chat.postMessage")
        if c.args.get("channel") == channel and not c.args.get("thread_ts")
    ]
    assert len(roots) == 1


def test_the_database_files_are_readable_by_their_owner_only(
    fake: FakeSlack, slack: SlackRequests, channel: str, workdir: Path
) -> None:
    start(fake, slack, channel, "We want to classify support tickets")
    files = [p for p in workdir.iterdir() if p.name.startswith("advisor.db")]
    assert {p.name for p in files} >= {"advisor.db", "advisor.db-wal", "advisor.db-shm"}
    loose = {p.name: oct(stat.S_IMODE(p.stat().st_mode)) for p in files if p.stat().st_mode & 0o077}
    assert loose == {}
