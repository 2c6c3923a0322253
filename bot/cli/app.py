"""What every command shares: the advisor (built on first use) and error translation."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

import click

from bot.errors import AdvisorError
from bot.interface import AdvisorLike, default_advisor

EXIT_ADVISOR_ERROR = 2


class AdvisorFailure(click.ClickException):
    """A core error shown as ``Error: <message>`` on stderr, exit code 2, no traceback."""

    exit_code = EXIT_ADVISOR_ERROR


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
