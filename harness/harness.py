"""Everything at once: a fake Slack, the real server pointed at it, and a signed sender."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from harness.fake_slack import Call, FakeSlack
from harness.requests import SlackRequests
from harness.server_process import ServerProcess

SIGNING_SECRET = "test-signing-secret"
SLACK_ONLY = ["--no-digests"]
"""``advisor serve`` arguments for Slack tests and benchmarks: no channel digest job."""


def server_env(slack_api_url: str, database_url: str, **more: str) -> dict[str, str]:
    """The environment of a server under test: fast retries, no real Slack."""
    return {
        "SLACK_BOT_TOKEN": "xoxb-test",
        "SLACK_SIGNING_SECRET": SIGNING_SECRET,
        "SLACK_API_URL": slack_api_url,
        "DATABASE_URL": database_url,
        "SLACK_RETRY_COUNT": "2",
        "SLACK_RETRY_BACKOFF": "0.01",
        **more,
    }


@dataclass
class Loopback:
    fake: FakeSlack
    server: ServerProcess
    slack: SlackRequests

    def thread(self, channel: str, thread_ts: str) -> list[Call]:
        """The bot's messages in a thread, in order."""
        return [
            c
            for c in self.fake.calls_to("chat.postMessage")
            if c.args.get("channel") == channel and c.args.get("thread_ts") == thread_ts
        ]


@contextmanager
def loopback(workdir: Path, extra_args: list[str] | None = None) -> Iterator[Loopback]:
    """Start the fake Slack and ``advisor serve`` on a SQLite file in ``workdir``."""
    with FakeSlack() as fake:
        env = server_env(fake.base_url, f"sqlite:///{workdir / 'advisor.db'}")
        server = ServerProcess(env, workdir / "server.log", extra_args=extra_args).start()
        try:
            yield Loopback(fake, server, SlackRequests(server.base_url, SIGNING_SECRET))
        finally:
            server.stop()
