"""``advisor digest --due [--now ISO]``: post every channel digest that is due, once.

For cron or a Kubernetes CronJob. Slack modules are imported inside the command, so
importing the CLI never loads them.
"""

from __future__ import annotations

import click

from bot.cli.app import AdvisorFailure, iso_moment
from bot.errors import AdvisorError


@click.command("digest")
@click.option("--due", is_flag=True, help="post every digest that is due and not yet posted")
@click.option(
    "--now",
    "now_text",
    metavar="ISO",
    help="evaluate as of this moment (a time without offset is in ADVISOR_TIMEZONE)",
)
def digest(due: bool, now_text: str | None) -> None:
    """Channel digests: post the due ones (run it every few minutes, e.g. from cron)."""
    if not due:
        raise click.UsageError("nothing to do: pass --due to post the digests that are due")
    now = iso_moment(now_text, "an ISO time such as 2026-11-23T09:05:00+01:00")
    from bot.settings import load_settings  # pydantic-settings: only for this command

    try:
        settings = load_settings()
    except AdvisorError as err:
        raise AdvisorFailure(str(err)) from None
    from bot.clock import utc_now
    from bot.digest import wording
    from bot.digest.job import results
    from bot.digest.scheduler import DigestRunner

    if now is None:
        now = utc_now()
    elif now.tzinfo is None:
        now = now.replace(tzinfo=settings.timezone)
    from bot.store.engine import MIGRATION_TIMEOUT_SECONDS, make_engine
    from bot.store.migrate import upgrade

    engine = make_engine(settings.database_url, timeout=MIGRATION_TIMEOUT_SECONDS)
    upgrade(engine)  # a no-op when serve or `advisor db upgrade` did it
    engine.dispose()
    report = DigestRunner(settings).run(now)
    for line in results(report):
        click.echo(line)
    posted = report.count("posted")
    click.echo(wording.run_summary(posted, len(report.outcomes) - posted))
    if not report.ok:
        raise click.exceptions.Exit(1)


def register(group: click.Group) -> None:
    """Add ``digest`` to the ``advisor`` group (bot/cli/main.py lists this module)."""
    group.add_command(digest)
