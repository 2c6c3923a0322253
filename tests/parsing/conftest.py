import pytest

from bot.case import CaseState
from bot.parsing import read_turn


@pytest.fixture
def read():
    """Read turns in order, as a thread would: read("first", "reply", ...)."""

    def _read(*turns: str, asked: tuple[str, ...] = ()) -> CaseState:
        state = CaseState()
        for i, text in enumerate(turns):
            state = read_turn(text, state, asked=asked if i == len(turns) - 1 else ())
        return state

    return _read
