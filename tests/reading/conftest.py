"""The reader as the advisor uses it: the project's vocabulary and shipped weights."""

from __future__ import annotations

import pytest
from reading_helpers import Read

from bot.case import CaseState
from bot.reading import Reader, load_reader


@pytest.fixture(scope="session")
def reader() -> Reader:
    return load_reader()


@pytest.fixture
def read(reader: Reader) -> Read:
    """Read turns in order, as a thread would: read("first", "reply", ...); ``asked`` is
    what the bot asked before the last turn."""

    def _read(*turns: str, asked: tuple[str, ...] = ()) -> CaseState:
        state = CaseState()
        for i, text in enumerate(turns):
            state = reader.read_turn(text, state, asked=asked if i == len(turns) - 1 else ())
        return state

    return _read
