"""The production server: gunicorn (gthread workers) serving the Bolt app through its WSGI
adapter, with ``GET /healthz`` in front. The app, its database engine and its Web API
client are built in each worker, after gunicorn forks."""

from __future__ import annotations

import json
import logging
from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING, Any

from gunicorn.app.base import BaseApplication
from slack_bolt import App
from slack_bolt.adapter.wsgi import SlackRequestHandler
from slack_sdk import WebClient

from bot.digest.command import DigestCommand
from bot.interface import AdvisorLike, default_advisor
from bot.settings import Settings, load_settings
from bot.slack.app import create_app
from bot.store import Store

if TYPE_CHECKING:
    from wsgiref.types import StartResponse, WSGIApplication, WSGIEnvironment

log = logging.getLogger(__name__)
EVENTS_PATH = "/slack/events"
HEALTH_PATH = "/healthz"


def build_app(
    settings: Settings, store: Store, advisor: AdvisorLike, client: WebClient | None = None
) -> App:
    """The Bolt app with every part of the bot on Slack: the consultations
    (bot/slack/) and ``/advise digest`` (bot/digest/), which never import each other."""
    digests = DigestCommand(store, settings.advisor_timezone)
    return create_app(settings, store, advisor, client, subcommands=[digests])


class AdvisorWSGI:
    """``/healthz`` (200 when the app is built and its database answers), else Bolt."""

    def __init__(self, settings: Settings, make_advisor: Callable[[], AdvisorLike]) -> None:
        self.store = Store.open(settings.database_url)
        self.app = build_app(settings, self.store, make_advisor())
        self.slack = SlackRequestHandler(self.app, path=EVENTS_PATH)

    def __call__(self, environ: WSGIEnvironment, start_response: StartResponse) -> Iterable[bytes]:
        if environ.get("PATH_INFO") == HEALTH_PATH and environ.get("REQUEST_METHOD") == "GET":
            ready = self.store.ping()
            body = json.dumps({"ok": ready, "database": "ok" if ready else "unreachable"}).encode()
            status = "200 OK" if ready else "503 Service Unavailable"
            start_response(
                status, [("Content-Type", "application/json"), ("Content-Length", str(len(body)))]
            )
            return [body]
        return self.slack(environ, start_response)


def wsgi_app() -> WSGIApplication:
    """For ``gunicorn 'bot.server:wsgi_app()'``: settings from the environment."""
    return AdvisorWSGI(load_settings(), default_advisor)


class GunicornServer(BaseApplication):
    """gunicorn run programmatically; ``load`` runs in each worker, after the fork."""

    def __init__(
        self,
        settings: Settings,
        *,
        host: str,
        port: int,
        workers: int = 1,
        threads: int = 8,
        make_advisor: Callable[[], AdvisorLike] = default_advisor,
        hooks: dict[str, Callable[..., Any]] | None = None,
    ) -> None:
        """``hooks``: gunicorn server hooks (``when_ready``, ``post_fork``, ...), e.g. the
        channel digests' scheduler (bot/digest/scheduler.py)."""
        self.settings = settings
        self.make_advisor = make_advisor
        self.options: dict[str, Any] = {
            "bind": f"{host}:{port}",
            "workers": workers,
            "worker_class": "gthread",
            "threads": threads,
            "timeout": 60,
            "graceful_timeout": 10,
            "accesslog": None,
            "errorlog": "-",
            "loglevel": "info",
            "preload_app": False,
            **(hooks or {}),
        }
        super().__init__()

    def load_config(self) -> None:
        for key, value in self.options.items():
            self.cfg.set(key, value)

    def load(self) -> WSGIApplication:
        logging.basicConfig(
            level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s %(message)s"
        )
        return AdvisorWSGI(self.settings, self.make_advisor)
