"""A bare Bolt app on the advisor's own server stack, to show what the advisor itself costs.

Same server (:class:`bot.server.GunicornServer`: gunicorn with uvicorn workers, one per
CPU by default), the same gateway in front of Bolt (:class:`bot.gateway.asgi.Gateway`:
body limits, signature, parsing), the same Web API client (retries included) and the same
bolt listener pool size. Its handlers only acknowledge and echo:

- ``/advise TEXT``: ack, post TEXT to the channel, then post it again in that message's
  thread (the advisor's shape: a root message, then its first thread message);
- a message in a thread: post its text back in the thread.

Served as ``python -m bench.bare_app serve --host H --port P`` (``--no-digests`` and other
``advisor serve`` flags are accepted and ignored).
"""

from __future__ import annotations

import argparse
from collections.abc import Sequence
from concurrent.futures import ThreadPoolExecutor
from typing import Any

from slack_bolt import Ack, App, BoltContext
from slack_sdk import WebClient

from bot.gateway.asgi import Gateway
from bot.server import GunicornServer
from bot.settings import Settings, load_settings
from bot.slack.app import LISTENER_THREADS
from bot.slackkit.client import make_client


def create_bare_app(settings: Settings) -> App:
    """Bolt with an ``/advise`` that acks and echoes, and a thread-reply echo."""
    app = App(
        name="bare",
        client=make_client(settings),
        signing_secret=settings.slack_signing_secret,
        request_verification_enabled=False,  # the gateway verifies, as for the advisor
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


def bare_gateway(settings: Settings) -> Gateway:
    """The bare app behind the advisor's own gateway (same checks, same thread pool), with
    a ``/healthz`` that has no database to prove."""
    return Gateway(
        signing_secret=settings.slack_signing_secret,
        dispatch=create_bare_app(settings).dispatch,
        health=lambda: True,
    )


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description="the bare Bolt app, served like advisor serve")
    parser.add_argument("serve", choices=["serve"])
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=3000)
    parser.add_argument("--workers", type=int, default=None)
    args, _ignored = parser.parse_known_args(argv)
    settings = load_settings()
    GunicornServer(
        settings, host=args.host, port=args.port, workers=args.workers, make_app=bare_gateway
    ).run()


if __name__ == "__main__":
    main()
