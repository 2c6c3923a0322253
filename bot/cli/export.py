"""``advisor export --team T [--channel C] [--since DATE]``: every stored consultation of
a workspace as JSON Lines on standard output, for an audit (bot/store/export.py says what a
record holds). Only ``DATABASE_URL`` is read; the database is not changed. The store is
imported inside the command, so importing the CLI never loads SQLAlchemy.
"""

from __future__ import annotations

import json

import click

from bot.cli.app import database_errors, iso_moment
from bot.clock import aware


@click.command("export")
@click.option("--team", "team_id", required=True, metavar="T", help="the workspace's team id")
@click.option("--channel", "channel_id", metavar="C", help="only this channel's consultations")
@click.option(
    "--since",
    metavar="DATE",
    help="only consultations started at or after DATE (YYYY-MM-DD or an ISO time; UTC "
    "unless it has an offset)",
)
def export(team_id: str, channel_id: str | None, since: str | None) -> None:
    """Write a workspace's stored consultations as JSON Lines, one per line, oldest first."""
    start = iso_moment(since, "a date such as 2026-11-01 or an ISO time")
    start = aware(start) if start else None
    from bot.settings import load_database_settings
    from bot.store.engine import make_engine
    from bot.store.export import export_records
    from bot.store.migrate import require_current

    count = 0
    with database_errors("read the database"):
        engine = make_engine(load_database_settings().database_url)
        try:
            require_current(engine)
            for record in export_records(engine, team_id, channel_id=channel_id, since=start):
                click.echo(json.dumps(record, ensure_ascii=False, sort_keys=True))
                count += 1
        finally:
            engine.dispose()
    click.echo(f"exported {count} consultation{'s' if count != 1 else ''} of {team_id}", err=True)


def register(group: click.Group) -> None:
    """Add ``export`` to the ``advisor`` group (bot/cli/main.py lists this module)."""
    group.add_command(export)
