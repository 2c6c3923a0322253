"""The WSGI app in front of Bolt: /healthz tells a load balancer whether it can serve."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from bot.server import AdvisorWSGI, default_advisor
from bot.settings import load_settings
from harness import FakeSlack


@pytest.fixture
def wsgi(tmp_path: Path) -> Iterator[AdvisorWSGI]:
    with FakeSlack() as fake:
        settings = load_settings(
            slack_bot_token="xoxb-test",
            slack_signing_secret="s",
            slack_api_url=fake.base_url,
            database_url=f"sqlite:///{tmp_path / 'advisor.db'}",
        )
        yield AdvisorWSGI(settings, default_advisor)


def _get(app: AdvisorWSGI, path: str) -> tuple[str, dict[str, Any]]:
    seen: dict[str, str] = {}

    def start_response(status: str, headers: list[tuple[str, str]], *_: Any) -> Any:
        seen["status"] = status
        return lambda _data: None

    environ = {"REQUEST_METHOD": "GET", "PATH_INFO": path, "wsgi.input": None}
    body = b"".join(app(environ, start_response))  # type: ignore[arg-type]
    return seen["status"], json.loads(body) if body.startswith(b"{") else {}


def test_healthz_is_200_when_the_database_answers(wsgi: AdvisorWSGI) -> None:
    assert _get(wsgi, "/healthz") == ("200 OK", {"ok": True, "database": "ok"})


def test_healthz_is_503_when_the_database_does_not(
    wsgi: AdvisorWSGI, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(wsgi.store, "ping", lambda: False)
    status, body = _get(wsgi, "/healthz")
    assert status.startswith("503") and body["database"] == "unreachable"
