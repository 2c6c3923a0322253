"""The advisor as the front ends and the eval see it: :class:`AdvisorLike`, and
:func:`default_advisor`, the real one over the project's data files.

Importing this module is light: the core (parsing, rules, templates) is imported, and its
data files read, only when :func:`default_advisor` is called.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, BinaryIO, Protocol

from bot.advice import Advice, Question
from bot.amount import Amount
from bot.case import CaseState

if TYPE_CHECKING:  # the conversation policy imports the reader and the rules: not at import
    from bot.conversation import Step
    from bot.datacheck import DataReport


class AdvisorLike(Protocol):
    """What the CLI, the Slack app and scoring need of an advisor (:class:`bot.advisor.Advisor`
    has it; tests pass fakes)."""

    def start(self, description: str) -> CaseState: ...
    def reply(self, state: CaseState, text: str, *, about: str | None = None) -> CaseState: ...
    def answer(
        self, state: CaseState, fact: str, value: bool | Amount | str, *, words: str | None = None
    ) -> CaseState: ...
    def correct(self, state: CaseState, fact: str, words: str) -> CaseState: ...
    def corrected_value(self, fact: str, words: str) -> bool | Amount | str | None: ...
    def next_step(self, state: CaseState, rounds: int) -> Step: ...
    def questions(self, state: CaseState) -> list[Question]: ...
    def advise(self, state: CaseState) -> Advice: ...
    def run(self, turns: Sequence[str]) -> Advice: ...
    def check_data(self, source: Path | BinaryIO, *, name: str | None = None) -> DataReport: ...
    def measure(self, state: CaseState, report: DataReport) -> CaseState: ...
    def measured_changes(self, before: CaseState, after: CaseState) -> list[str]: ...


class CorrectorLike(Protocol):
    """What a form needs to check a corrected fact (:class:`bot.conversation.Corrector`)."""

    def corrected_value(self, fact: str, words: str) -> bool | Amount | str | None: ...


def default_corrector() -> CorrectorLike:
    """The real corrector over the project's vocabulary: no model, a fraction of a second."""
    from bot.conversation import load_corrector

    return load_corrector()


def default_advisor() -> AdvisorLike:
    """The real advisor over the project's rules, vocabulary and prompts (bot/paths.py)."""
    from bot.advisor import Advisor  # the core loads its data files: only on first use

    return Advisor()
