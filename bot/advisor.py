"""The advisor: from a use-case description (and thread replies) to advice.

This is the one object the front ends (CLI, Slack) use. It knows nothing of Slack.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date
from pathlib import Path
from typing import BinaryIO

from bot.advice import Advice, Question, QuickAnswer
from bot.amount import Amount
from bot.case import CaseState
from bot.conversation import UNKNOWN, Corrector, Step, correction_value, next_step
from bot.datacheck import DataReport, apply_report, check_file, check_stream, describe_measurement
from bot.datacheck.measured import SHARE_THRESHOLD
from bot.datacheck.wording import MISSING_THRESHOLD
from bot.errors import RulesError
from bot.facts import FACT_NAMES, Evidence
from bot.prompting import PromptRenderer
from bot.questions import select_questions
from bot.reading import MAX_CHARS, Reader, load_reader
from bot.rules import RuleBook, analyse, decide, load_rulebook
from bot.version import advisor_version

LONG_TEXT_NOTE = (
    f"your message was very long: I read its first {MAX_CHARS:,} characters "
    "(about 1,300 words); tell me in a reply if something decisive came later"
)


AnswerValue = bool | Amount | str


class Advisor:
    """Read, decide, ask and render, over data loaded once.

    The rule book is compiled once and never changes; every call works on its own state,
    so one advisor serves many threads at once.
    """

    def __init__(
        self,
        rulebook: RuleBook | None = None,
        reader: Reader | None = None,
        prompts: PromptRenderer | None = None,
        today: Callable[[], date] = date.today,
    ) -> None:
        self.rulebook = rulebook or load_rulebook()
        self.reader = reader or load_reader()
        self.prompts = prompts or PromptRenderer()
        self.today = today
        self.version = advisor_version()

    @classmethod
    def from_paths(
        cls,
        rules: Path | None = None,
        vocabulary: Path | None = None,
        prompts: Path | None = None,
    ) -> Advisor:
        return cls(load_rulebook(rules), load_reader(vocabulary), PromptRenderer(prompts))

    def start(self, description: str) -> CaseState:
        """A new consultation from its description (turn 0)."""
        return self.reader.read_turn(description, CaseState())

    def reply(self, state: CaseState, text: str, *, about: str | None = None) -> CaseState:
        """The state after one more thread reply.

        ``about`` names the fact a quick-answer button answers: when ``text`` is that
        button's reply, its value is set as it is (:meth:`answer`). Otherwise the questions
        just asked guide the reading of a bare "about 600" or "yes".
        """
        if about is not None:
            clicked = _clicked(text, about, self.rulebook, lambda: self.questions(state))
            if clicked is not None and clicked.value is not None:
                return self.answer(state, about, clicked.value, words=clicked.reply)
            asked = [about]
        else:
            shown = self.next_step(state, rounds=0).questions
            typed = _typed_button(text, shown)
            if typed is not None:
                fact, button = typed
                return self.answer(state, fact, button.value, words=text)  # type: ignore[arg-type]
            asked = [q.fact for q in shown]
        return self.reader.read_turn(text, state, asked=asked)

    def answer(
        self, state: CaseState, fact: str, value: AnswerValue, *, words: str | None = None
    ) -> CaseState:
        """The state after a clicked quick answer: ``value`` set as ``fact`` as it is
        (bounds stay bounds), never read from text. ``words`` is what the click stands for
        in the thread, kept as the turn and quoted as the fact's source."""
        new = state.model_copy(deep=True)
        text = words if words is not None else str(value)
        new.turns.append(text)
        setattr(new.facts, fact, value)
        new.evidence[fact] = Evidence(turn=len(new.turns) - 1, start=0, end=len(text), quote=text)
        return new

    def next_step(self, state: CaseState, rounds: int) -> Step:
        """Ask (or confirm an unsure reading), or advise: the conversation policy after
        ``rounds`` rounds of questions, with the limits of the rules file."""
        return next_step(state, self.rulebook, self.questions(state), rounds)

    def correct(self, state: CaseState, fact: str, words: str) -> CaseState:
        """The state after the user put ``fact`` right in their own words ("20k",
        "mixed", "no"): a category or yes/no is set as it is, a figure read from the words;
        kept as a turn like any other answer. :data:`bot.conversation.UNKNOWN` takes the
        fact back to unknown."""
        if words == UNKNOWN:
            new = state.model_copy(deep=True)
            new.turns.append(words)
            setattr(new.facts, fact, None)
            new.evidence.pop(fact, None)
            new.tentative.pop(fact, None)
            return new
        value = correction_value(fact, words, self.reader.lexicon)
        if value is None:
            return self.reply(state, words, about=fact)
        return self.answer(state, fact, value, words=words)

    def corrected_value(self, fact: str, words: str) -> AnswerValue | None:
        """The value ``words`` give ``fact`` as a correction of it ("20k", "mixed", "no"),
        or None when they give none (a figure must be a number of 0 or more: not "lots",
        not "-5"). A form checks its fields with this before :meth:`correct`."""
        return Corrector(self.reader.lexicon).corrected_value(fact, words)

    def questions(self, state: CaseState) -> list[Question]:
        """Every open fact that could change the advice, most decisive first."""
        return select_questions(state, self.rulebook)

    def advise(self, state: CaseState) -> Advice:
        analysis = analyse(state, self.rulebook)
        recommendation = decide(state, self.rulebook, analysis, today=self.today())
        if state.truncated:
            recommendation.assumptions.append(LONG_TEXT_NOTE)
        return Advice(
            facts=state.facts,
            questions=select_questions(state, self.rulebook, analysis),
            recommendation=recommendation,
            suggested_prompt=self.prompts.render(state, recommendation),
            data=state.data,
            turns=list(state.turns),
            evidence={k: v for k, v in state.evidence.items() if k in FACT_NAMES},
            advisor_version=self.version,
            rules_version=self.rulebook.version,
        )

    def check_data(self, source: Path | BinaryIO, *, name: str | None = None) -> DataReport:
        """The data check of a local file, or of a byte stream named ``name`` (an upload:
        refused past 50 MB), with the training cost at the rules' prices."""
        pricing = self.rulebook.pricing
        if isinstance(source, Path):
            return check_file(source, pricing=pricing)
        return check_stream(source, name or "upload", pricing=pricing)

    def measure(self, state: CaseState, report: DataReport) -> CaseState:
        """The state with the file's measured facts, each with evidence "measured from FILE"."""
        return apply_report(state, report, self.max_repeated_share)

    def measured_changes(self, before: CaseState, after: CaseState) -> list[str]:
        """What measuring changed, in words ("you said 3,000 examples; the file holds ...")."""
        return describe_measurement(before, after, self.max_repeated_share)

    @property
    def max_repeated_share(self) -> float:
        """Above this share of duplicates and conflicts, measured data quality is low."""
        if SHARE_THRESHOLD not in self.rulebook.thresholds:
            raise RulesError([MISSING_THRESHOLD.format(name=SHARE_THRESHOLD)])
        return float(self.rulebook.thresholds[SHARE_THRESHOLD])

    def run(self, turns: Sequence[str]) -> Advice:
        """One shot: the description, then each reply in order."""
        return self.advise(self.follow(turns))

    def follow(self, turns: Sequence[str]) -> CaseState:
        """The state after the description and each reply in order, every reply read as in
        a thread: guided by the questions the advisor would have shown."""
        if not turns:
            raise ValueError("a consultation needs a description")
        state = self.start(turns[0])
        for text in turns[1:]:
            state = self.reply(state, text)
        return state


def _typed_button(text: str, shown: Sequence[Question]) -> tuple[str, QuickAnswer] | None:
    """A reply typed exactly as one of the quick answers just shown reads as its click."""
    said = text.strip().casefold()
    for question in shown:
        for button in question.quick_answers:
            if button.value is not None and said in (
                button.reply.casefold(),
                button.label.casefold(),
            ):
                return question.fact, button
    return None


def _clicked(
    text: str, fact: str, book: RuleBook, shown: Callable[[], list[Question]]
) -> QuickAnswer | None:
    """The quick answer for ``fact`` whose reply (or label) is ``text``: among the file's
    buttons, then among those just shown (which include a straddled threshold's)."""
    said = text.strip()
    for rule in book.question_rules:
        if rule.spec.fact == fact:
            for button in rule.buttons:
                if said in (button.reply, button.label):
                    return button
    for question in shown():
        if question.fact == fact:
            for button in question.quick_answers:
                if said in (button.reply, button.label) and button.value is not None:
                    return button
    return None
