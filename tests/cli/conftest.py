"""Fixtures for the CLI tests: the fake advisor and a runner over it."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from click.testing import CliRunner, Result
from fake_advisor import FakeAdvisor

from bot.cli.app import App
from bot.cli.main import cli
from bot.interface import AdvisorLike

Invoke = Callable[..., Result]


@pytest.fixture
def fake() -> FakeAdvisor:
    return FakeAdvisor()


@pytest.fixture
def invoke(fake: FakeAdvisor) -> Invoke:
    """Run ``advisor ARGS`` over the fake advisor, feeding ``input`` as the keyboard."""

    def run(*args: str, input: str | None = None, advisor: AdvisorLike | None = None) -> Result:
        app = App(make_advisor=lambda: advisor or fake)
        return CliRunner().invoke(cli, list(args), input=input, obj=app)

    return run
