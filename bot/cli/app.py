"""What every command shares: the advisor (built on first use), its errors and the database's
as messages with exit code 2, and the parsing of an ISO moment given as an option."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import datetime

import click

from bot.errors import AdvisorError
from bot.interface import AdvisorLike, default_advisor

EXIT_ADVISOR_ERROR = 2


class AdvisorFailure(click.ClickException):
    """A core error, a setting or the database: ``Error: <message>`` on stderr, exit code 2,
    no traceback."""

    exit_code = EXIT_ADVISOR_ERROR


@contextmanager
def database_errors(failing: str) -> Iterator[None]:
    """A command's work on the database: a core error (a setting) or the database's own,
    as :class:`AdvisorFailure` (``could not <failing>: <what the database said>``). Loads
    SQLAlchemy only when entered, so importing the CLI never does."""
    from sqlalchemy.exc import SQLAlchemyError

    from bot.settings import database_problem

    try:
        yield
    except AdvisorError as err:
        raise AdvisorFailure(str(err)) from None
    except SQLAlchemyError as err:
        raise AdvisorFailure(f"could not {failing}: {database_problem(err)}") from None


def iso_moment(value: str | None, expected: str) -> datetime | None:
    """An option's ISO date or time (``--now``, ``--since``), None when not given; one that
    does not parse is a usage error saying what was ``expected``. A naive moment stays
    naive: each command says which zone it is in."""
    if value is None:
        return None
    try:
        return datetime.fromisoformat(value)
    except ValueError:
        raise click.BadParameter(f"expected {expected}, got {value!r}") from None


@dataclass
class App:
    """The ``click`` context object; tests pass their own ``make_advisor``."""

    make_advisor: Callable[[], AdvisorLike] = default_advisor
    _advisor: AdvisorLike | None = field(default=None, init=False, repr=False)

    @property
    def advisor(self) -> AdvisorLike:
        if self._advisor is None:
            self._advisor = self.make_advisor()
        return self._advisor


pass_app = click.make_pass_decorator(App, ensure=True)


class AdvisorGroup(click.Group):
    """A command group that turns the core's errors into a message and exit code 2."""

    def invoke(self, ctx: click.Context) -> object:
        try:
            return super().invoke(ctx)
        except AdvisorError as exc:
            raise AdvisorFailure(str(exc)) from exc
