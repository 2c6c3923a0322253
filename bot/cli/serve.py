"""``advisor serve``: the Slack app over HTTP (gunicorn) or Socket Mode.

Slack modules are imported inside the command, so importing the CLI never loads them.
"""

from __future__ import annotations

import click

from bot.errors import AdvisorError
from bot.settings import ConfigurationError, Settings, load_settings


class SettingsProblem(click.ClickException):
    """A missing or malformed setting: its message, exit code 2, no traceback."""

    exit_code = 2


@click.command("serve")
@click.option("--port", type=click.IntRange(1, 65535), default=3000, show_default=True)
@click.option("--host", default="0.0.0.0", show_default=True, help="address to listen on")
@click.option("--workers", type=click.IntRange(1, 64), default=1, show_default=True)
@click.option("--threads", type=click.IntRange(1, 256), default=8, show_default=True)
@click.option("--socket-mode", is_flag=True, help="connect over Socket Mode (SLACK_APP_TOKEN)")
@click.option("--no-digests", is_flag=True, help="do not post channel digests from this server")
def serve(
    port: int, host: str, workers: int, threads: int, socket_mode: bool, no_digests: bool
) -> None:
    """Run the advisor Slack app (POST /slack/events, GET /healthz)."""
    try:
        settings = load_settings()
        if socket_mode and not settings.slack_app_token:
            raise ConfigurationError(
                "SLACK_APP_TOKEN is not set: Socket Mode needs an app-level token (xapp-...) "
                "with the connections:write scope"
            )
        _check_slack_accepts(settings)
    except AdvisorError as err:
        raise SettingsProblem(str(err)) from None
    if socket_mode:
        _run_socket_mode(settings, digests=not no_digests)
        return
    from bot.digest.scheduler import gunicorn_hooks
    from bot.server import GunicornServer

    hooks = {} if no_digests else gunicorn_hooks(settings)  # the digest job, in the master
    GunicornServer(
        settings, host=host, port=port, workers=workers, threads=threads, hooks=hooks
    ).run()


def _check_slack_accepts(settings: Settings) -> None:
    """Ask Slack (``auth.test``) whether it takes the bot token, before serving anything."""
    from slack_sdk.errors import SlackApiError

    from bot.slackkit.client import make_client
    from bot.slackkit.errors import slack_error

    try:
        make_client(settings).auth_test()
    except SlackApiError as err:
        raise ConfigurationError(
            f"SLACK_BOT_TOKEN was refused by Slack ({slack_error(err) or err.response.status_code})"
        ) from None
    except OSError as err:
        raise ConfigurationError(
            f"SLACK_API_URL cannot be reached ({settings.slack_api_url}): {err}"
        ) from None


def _run_socket_mode(settings: Settings, *, digests: bool) -> None:
    from slack_bolt.adapter.socket_mode import SocketModeHandler

    from bot.digest.scheduler import DigestRunner, DigestScheduler
    from bot.interface import default_advisor
    from bot.server import build_app
    from bot.store import Store

    store = Store.open(settings.database_url)
    app = build_app(settings, store, default_advisor())
    if digests:
        DigestScheduler(DigestRunner(settings, store=store).run).start()
    assert settings.slack_app_token is not None
    SocketModeHandler(app, settings.slack_app_token).start()


def register(group: click.Group) -> None:
    """Add ``serve`` to the ``advisor`` group (bot/cli/main.py)."""
    group.add_command(serve)
