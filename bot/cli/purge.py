"""``advisor purge --due [--now ISO]``: the retention job once, for cron. The store is
imported inside the command, so importing the CLI never loads SQLAlchemy.

It purges the words of consultations older than ``ADVISOR_RETENTION_DAYS`` (and finishes
the purge of any workspace that removed the app), once per hour whichever processes run it
(``advisor serve`` runs the same job): see bot/store/expiry.py. Only ``DATABASE_URL`` and
``ADVISOR_RETENTION_DAYS`` are read; no Slack setting is needed.
"""

from __future__ import annotations

import click

from bot.cli.app import database_errors, iso_moment
from bot.clock import aware, utc_now


@click.command("purge")
@click.option(
    "--due",
    is_flag=True,
    help="purge the words of consultations older than ADVISOR_RETENTION_DAYS",
)
@click.option(
    "--now", "now_text", metavar="ISO", help="evaluate as of this moment (UTC without an offset)"
)
def purge(due: bool, now_text: str | None) -> None:
    """Retention: purge what is due (run it hourly or daily, e.g. from cron)."""
    if not due:
        raise click.UsageError("nothing to do: pass --due to purge what is past its retention")
    given = iso_moment(now_text, "an ISO time such as 2026-11-23T09:05:00+01:00")
    now = aware(given) if given else utc_now()
    from bot.retention import RetentionRunner, describe
    from bot.settings import load_retention_settings
    from bot.store import Store
    from bot.store.engine import MIGRATION_TIMEOUT_SECONDS, make_engine
    from bot.store.migrate import upgrade

    with database_errors("purge"):
        settings = load_retention_settings()
        engine = make_engine(settings.database_url, timeout=MIGRATION_TIMEOUT_SECONDS)
        upgrade(engine)  # a no-op when serve or `advisor db upgrade` did it
        engine.dispose()
        store = Store.open(settings.database_url)
        try:
            outcome = RetentionRunner(settings, store=store).run(now)
        finally:
            store.close()
    click.echo(describe(outcome))


def register(group: click.Group) -> None:
    """Add ``purge`` to the ``advisor`` group (bot/cli/main.py lists this module)."""
    group.add_command(purge)
