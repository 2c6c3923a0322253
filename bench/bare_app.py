"""A bare Bolt app on the advisor's own server stack, to show what the advisor itself costs.

Same gunicorn settings (:class:`bot.server.GunicornServer`: gthread, one worker, 8
threads), same WSGI adapter and ``/healthz`` path, same Web API client (retries included)
and the same bolt listener pool size. Its handlers only acknowledge and echo:

- ``/advise TEXT``: ack, post TEXT to the channel, then post it again in that message's
  thread (the advisor's shape: a root message, then its first thread message);
- a message in a thread: post its text back in the thread.

Served as ``python -m bench.bare_app serve --host H --port P`` (``--no-digests`` and other
``advisor serve`` flags are accepted and ignored).
"""

from __future__ import annotations

import argparse
import json
import logging
from collections.abc import Iterable, Sequence
from concurrent.futures import ThreadPoolExecutor
from typing import TYPE_CHECKING, Any

from slack_bolt import Ack, App, BoltContext
from slack_bolt.adapter.wsgi import SlackRequestHandler
from slack_sdk import WebClient

from bot.server import EVENTS_PATH, HEALTH_PATH, GunicornServer
from bot.settings import Settings, load_settings
from bot.slack.app import LISTENER_THREADS
from bot.slackkit.client import make_client

if TYPE_CHECKING:
    from wsgiref.types import StartResponse, WSGIApplication, WSGIEnvironment


def create_bare_app(settings: Settings) -> App:
    """Bolt with an ``/advise`` that acks and echoes, and a thread-reply echo."""
    app = App(
        name="bare",
        client=make_client(settings),
        signing_secret=settings.slack_signing_secret,
        process_before_response=False,
        listener_executor=ThreadPoolExecutor(LISTENER_THREADS, thread_name_prefix="listener"),
    )

    @app.command("/advise")
    def advise(ack: Ack, command: dict[str, Any], client: WebClient) -> None:
        ack()
        text = str(command.get("text") or "…")
        root = client.chat_postMessage(channel=command["channel_id"], text=text)
        client.chat_postMessage(channel=command["channel_id"], thread_ts=root["ts"], text=text)

    @app.event("message")
    def echo(event: dict[str, Any], client: WebClient, context: BoltContext) -> None:
        if event.get("bot_id") or event.get("user") == context.bot_user_id:
            return
        if event.get("thread_ts"):
            text = str(event.get("text") or "…")
            client.chat_postMessage(
                channel=event["channel"], thread_ts=event["thread_ts"], text=text
            )

    return app


class BareWSGI:
    """``/healthz`` then Bolt, like :class:`bot.server.AdvisorWSGI` without a database."""

    def __init__(self, settings: Settings) -> None:
        self.slack = SlackRequestHandler(create_bare_app(settings), path=EVENTS_PATH)

    def __call__(self, environ: WSGIEnvironment, start_response: StartResponse) -> Iterable[bytes]:
        if environ.get("PATH_INFO") == HEALTH_PATH and environ.get("REQUEST_METHOD") == "GET":
            body = json.dumps({"ok": True}).encode()
            start_response(
                "200 OK",
                [("Content-Type", "application/json"), ("Content-Length", str(len(body)))],
            )
            return [body]
        return self.slack(environ, start_response)


class BareServer(GunicornServer):
    """The advisor's gunicorn configuration, loading the bare app in each worker."""

    def load(self) -> WSGIApplication:
        logging.basicConfig(
            level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s %(message)s"
        )
        return BareWSGI(self.settings)


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description="the bare Bolt app, served like advisor serve")
    parser.add_argument("serve", choices=["serve"])
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=3000)
    parser.add_argument("--workers", type=int, default=1)
    parser.add_argument("--threads", type=int, default=8)
    args, _ignored = parser.parse_known_args(argv)
    settings = load_settings()
    BareServer(
        settings, host=args.host, port=args.port, workers=args.workers, threads=args.threads
    ).run()


if __name__ == "__main__":
    main()
