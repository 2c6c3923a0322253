"""The advisor: from a use-case description (and thread replies) to advice.

This is the one object the front ends (CLI, Slack) use. It knows nothing of Slack.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from bot.advice import Advice, Question
from bot.case import CaseState
from bot.parsing import Vocabulary, load_vocabulary, read_turn
from bot.parsing.reader import MAX_CHARS
from bot.prompting import PromptRenderer
from bot.questions import select_questions
from bot.rules import RuleBook, decide, load_rulebook

MAX_QUESTIONS_AT_ONCE = 3
LONG_TEXT_NOTE = (
    f"your message was very long: I read its first {MAX_CHARS:,} characters "
    "(about 1,300 words); tell me in a reply if something decisive came later"
)


class Advisor:
    """Parse, decide, ask and render, over data loaded once."""

    def __init__(
        self,
        rulebook: RuleBook | None = None,
        vocabulary: Vocabulary | None = None,
        prompts: PromptRenderer | None = None,
    ) -> None:
        self.rulebook = rulebook or load_rulebook()
        self.vocabulary = vocabulary or load_vocabulary()
        self.prompts = prompts or PromptRenderer()

    @classmethod
    def from_paths(
        cls,
        rules: Path | None = None,
        vocabulary: Path | None = None,
        prompts: Path | None = None,
    ) -> Advisor:
        return cls(load_rulebook(rules), load_vocabulary(vocabulary), PromptRenderer(prompts))

    def start(self, description: str) -> CaseState:
        """A new consultation from its description (turn 0)."""
        return read_turn(description, CaseState(), vocabulary=self.vocabulary)

    def reply(self, state: CaseState, text: str, *, about: str | None = None) -> CaseState:
        """The state after one more thread reply.

        ``about`` names the fact a quick-answer button answers; otherwise the questions
        just asked guide the reading of a bare "about 600" or "yes".
        """
        if about is not None:
            asked = [about]
        else:
            asked = [q.fact for q in self.questions(state)[:MAX_QUESTIONS_AT_ONCE]]
        return read_turn(text, state, asked=asked, vocabulary=self.vocabulary)

    def questions(self, state: CaseState) -> list[Question]:
        """Every unknown fact that could change the advice, most decisive first."""
        return select_questions(state, self.rulebook)

    def advise(self, state: CaseState) -> Advice:
        recommendation = decide(state, self.rulebook)
        if state.truncated:
            recommendation.assumptions.append(LONG_TEXT_NOTE)
        return Advice(
            facts=state.facts,
            questions=self.questions(state),
            recommendation=recommendation,
            suggested_prompt=self.prompts.render(state, recommendation),
        )

    def run(self, turns: Sequence[str]) -> Advice:
        """One shot: the description, then each reply in order."""
        if not turns:
            raise ValueError("a consultation needs a description")
        state = self.start(turns[0])
        for text in turns[1:]:
            state = self.reply(state, text)
        return self.advise(state)
