"""``advisor db upgrade`` / ``advisor db current``: the database schema (Alembic migrations).

Run ``advisor db upgrade`` once per deploy, before the new version serves; ``advisor
serve`` also upgrades at start-up (under a lock, so instances started together make the
schema once) unless started with ``--skip-migrations``. The settings and the store are
imported inside the commands: other commands never load SQLAlchemy.
"""

from __future__ import annotations

import click

from bot.cli.app import AdvisorFailure
from bot.errors import AdvisorError


@click.group("db")
def db() -> None:
    """The database schema: upgrade it, or show its revision."""


@db.command("upgrade")
def upgrade() -> None:
    """Bring the schema of DATABASE_URL to this version's newest revision (idempotent)."""
    from bot.settings import database_problem, load_database_settings
    from bot.store.engine import MIGRATION_TIMEOUT_SECONDS, make_engine
    from bot.store.migrate import upgrade as run_upgrade

    try:
        settings = load_database_settings()
        engine = make_engine(settings.database_url, timeout=MIGRATION_TIMEOUT_SECONDS)
        before, after = run_upgrade(engine)
    except AdvisorError as err:
        raise AdvisorFailure(str(err)) from None
    except Exception as err:
        raise AdvisorFailure(f"could not upgrade the database: {database_problem(err)}") from None
    if before == after:
        click.echo(f"The database is at revision {after}: nothing to do.")
    else:
        click.echo(f"The database went from revision {before or 'none'} to {after}.")


@db.command("current")
def current() -> None:
    """Print the schema revision of DATABASE_URL and the one this version needs."""
    from bot.settings import database_problem, load_database_settings
    from bot.store.engine import MIGRATION_TIMEOUT_SECONDS, make_engine
    from bot.store.migrate import current as revision
    from bot.store.migrate import head

    try:
        settings = load_database_settings()
        found = revision(make_engine(settings.database_url, timeout=MIGRATION_TIMEOUT_SECONDS))
    except AdvisorError as err:
        raise AdvisorFailure(str(err)) from None
    except Exception as err:
        raise AdvisorFailure(f"could not read the database: {database_problem(err)}") from None
    click.echo(f"database: {found or 'none'}; this version needs: {head()}")


def register(group: click.Group) -> None:
    """Add ``db`` to the ``advisor`` group (bot/cli/main.py lists this module)."""
    group.add_command(db)
