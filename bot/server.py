"""The production server: gunicorn as the process manager, uvicorn workers (asyncio) serving
the ASGI gateway (:mod:`bot.gateway.asgi`) in front of the Bolt app.

Why this stack: with threaded workers, a client that sends headers and then trickles its
body holds a thread until it finishes, and eight of them stalled every request. An
asyncio worker reads bodies on its event loop, so slow clients cost a socket each and
everything else keeps being answered; the gateway bounds how long and how much it reads.
gunicorn keeps what it is good at: forking workers (one per CPU by default), restarting
them, and running the digest scheduler once in its master (see bot/digest/scheduler.py).

The app, its database engine and its Web API client are built in each worker, after the
fork, at the ASGI lifespan's start.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from gunicorn.app.base import BaseApplication
from uvicorn_worker import UvicornWorker

from bot import logs
from bot.gateway.asgi import EVENTS_PATH, HEALTH_PATH, Gateway
from bot.settings import Settings, load_settings

if TYPE_CHECKING:
    from slack_bolt import App
    from slack_sdk import WebClient

    from bot.slack.jobs import Jobs
    from bot.slack.listeners.commands import Subcommand
    from bot.store import Store

__all__ = ["EVENTS_PATH", "HEALTH_PATH", "AdvisorWorker", "GunicornServer", "asgi_app"]

KEEPALIVE_SECONDS = 5
MAX_CONNECTIONS = 1000
"""Per worker; beyond it uvicorn answers 503 rather than queueing without bound."""


def default_workers() -> int:
    """One worker per CPU this process may use."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # not on Linux
        return max(1, os.cpu_count() or 1)


def subcommands(settings: Settings, store: Store) -> list[Subcommand]:
    """The ``/advise <word>`` commands of the parts of the bot that bot/slack/ may not
    import: ``/advise digest`` (bot/digest/). bot/slack/ and bot/digest/ never import each
    other; this is where they meet."""
    from bot.digest.command import DigestCommand

    return [DigestCommand(store, settings.advisor_timezone)]


def build_app(settings: Settings, store: Store, jobs: Jobs, client: WebClient | None = None) -> App:
    """The Bolt app with every part of the bot on Slack: the consultations (bot/slack/) and
    ``/advise digest`` (bot/digest/). For Socket Mode; over HTTP, :func:`build_gateway`."""
    from bot.slack.app import create_app

    return create_app(settings, store, jobs, client, subcommands=subcommands(settings, store))


def build_gateway(settings: Settings) -> Gateway:
    """The advisor behind the gateway: Bolt app, store and answering, for one worker."""
    from bot.slack.service import SlackService

    return SlackService(settings, subcommands=subcommands).gateway()


def asgi_app() -> Gateway:
    """For ``uvicorn --factory bot.server:asgi_app`` or
    ``gunicorn -k bot.server.AdvisorWorker 'bot.server:asgi_app()'``."""
    from bot.store.engine import MIGRATION_TIMEOUT_SECONDS, make_engine
    from bot.store.migrate import upgrade

    logs.configure()
    settings = load_settings()
    engine = make_engine(settings.database_url, timeout=MIGRATION_TIMEOUT_SECONDS)
    upgrade(engine)  # under a lock: every worker may try, one makes the schema
    engine.dispose()
    return build_gateway(settings)


class AdvisorWorker(UvicornWorker):
    """uvicorn under gunicorn: asyncio and h11, no access log (a request line is enough in
    the proxy's log), a bounded number of connections, and the ASGI lifespan on (the app
    starts its answering process there)."""

    CONFIG_KWARGS: dict[str, Any] = {  # noqa: RUF012 (uvicorn_worker's own attribute)
        "loop": "asyncio",
        "http": "h11",
        "lifespan": "on",
        "access_log": False,
        "limit_concurrency": MAX_CONNECTIONS,
        "server_header": False,
    }


class GunicornServer(BaseApplication):
    """gunicorn run programmatically; ``load`` runs in each worker, after the fork."""

    def __init__(
        self,
        settings: Settings,
        *,
        host: str,
        port: int,
        workers: int | None = None,
        make_app: Callable[[Settings], Any] | None = None,
        hooks: dict[str, Callable[..., Any]] | None = None,
    ) -> None:
        """``make_app(settings)``: the ASGI app of a worker (the advisor's gateway by
        default); ``hooks``: gunicorn server hooks, e.g. the digest scheduler's."""
        self.settings = settings
        self.make_app = make_app or build_gateway
        self.options: dict[str, Any] = {
            "bind": f"{host}:{port}",
            "workers": workers or default_workers(),
            "worker_class": f"{AdvisorWorker.__module__}.{AdvisorWorker.__name__}",
            "timeout": 60,
            "graceful_timeout": 10,
            "keepalive": KEEPALIVE_SECONDS,
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

    def load(self) -> Any:
        logs.configure()
        return self.make_app(self.settings)
