"""``advisor serve``: the Slack app over HTTP (gunicorn) or Socket Mode.

Slack modules and the settings (pydantic-settings) are imported inside the command, so
importing the CLI never loads them.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import click

from bot.cli.app import AdvisorFailure
from bot.errors import AdvisorError

if TYPE_CHECKING:
    from bot.settings import Settings


@click.command("serve")
@click.option("--port", type=click.IntRange(1, 65535), default=3000, show_default=True)
@click.option("--host", default="0.0.0.0", show_default=True, help="address to listen on")
@click.option(
    "--workers",
    type=click.IntRange(1, 64),
    default=None,
    help="worker processes  [default: one per CPU]",
)
@click.option("--socket-mode", is_flag=True, help="connect over Socket Mode (SLACK_APP_TOKEN)")
@click.option("--no-digests", is_flag=True, help="do not post channel digests from this server")
@click.option(
    "--skip-migrations",
    is_flag=True,
    help="do not upgrade the database schema at start-up (`advisor db upgrade` did); "
    "refuse to start if it is behind",
)
def serve(
    port: int,
    host: str,
    workers: int | None,
    socket_mode: bool,
    no_digests: bool,
    skip_migrations: bool,
) -> None:
    """Run the advisor Slack app (POST /slack/events, GET /healthz)."""
    from bot.settings import ConfigurationError, load_settings

    try:
        settings = load_settings()
        if socket_mode and not settings.slack_app_token:
            raise ConfigurationError(
                "SLACK_APP_TOKEN is not set: Socket Mode needs an app-level token (xapp-...) "
                "with the connections:write scope"
            )
        _check_slack_accepts(settings)
        _prepare_database(settings, upgrade=not skip_migrations)
    except AdvisorError as err:
        raise AdvisorFailure(str(err)) from None
    if socket_mode:
        _run_socket_mode(settings, digests=not no_digests)
        return
    from bot import retention
    from bot.digest.scheduler import gunicorn_hooks
    from bot.periodic import combine
    from bot.server import GunicornServer

    jobs = [retention.gunicorn_hooks(settings)]  # the jobs run in the master
    if not no_digests:
        jobs.append(gunicorn_hooks(settings))
    hooks = combine(*jobs)
    GunicornServer(settings, host=host, port=port, workers=workers, hooks=hooks).run()


def _prepare_database(settings: Settings, *, upgrade: bool) -> None:
    """Upgrade the schema (under a lock: instances started together make it once), or
    check it is current; before any worker is forked."""
    from sqlalchemy.exc import SQLAlchemyError

    from bot.settings import ConfigurationError, database_problem
    from bot.store.engine import MIGRATION_TIMEOUT_SECONDS, make_engine
    from bot.store.migrate import require_current
    from bot.store.migrate import upgrade as run_upgrade

    try:
        engine = make_engine(settings.database_url, timeout=MIGRATION_TIMEOUT_SECONDS)
    except (SQLAlchemyError, ValueError) as err:
        raise ConfigurationError(f"DATABASE_URL cannot be used: {database_problem(err)}") from None
    try:
        if upgrade:
            run_upgrade(engine)
        else:
            require_current(engine)
    except SQLAlchemyError as err:
        raise ConfigurationError(f"DATABASE_URL cannot be used: {database_problem(err)}") from None
    finally:
        engine.dispose()


def _check_slack_accepts(settings: Settings) -> None:
    """Ask Slack (``auth.test``) whether it takes the bot token, before serving anything."""
    from slack_sdk.errors import SlackApiError

    from bot.settings import ConfigurationError
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
    from bot.retention import RetentionRunner, retention_job
    from bot.server import build_app
    from bot.slack.conversation import Conversations
    from bot.slack.jobs import ThreadJobs
    from bot.slack.poster import Poster
    from bot.slackkit.client import make_client
    from bot.store import Store

    store = Store.open(settings.database_url)
    client = make_client(settings)
    jobs = ThreadJobs(Conversations(store, default_advisor(), Poster(client, store)))
    app = build_app(settings, store, jobs, client)
    if digests:
        DigestScheduler(DigestRunner(settings, store=store).run).start()
    retention_job(RetentionRunner(settings, store=store).run).start()
    assert settings.slack_app_token is not None
    SocketModeHandler(app, settings.slack_app_token).start()


def register(group: click.Group) -> None:
    """Add ``serve`` to the ``advisor`` group (bot/cli/main.py)."""
    group.add_command(serve)
