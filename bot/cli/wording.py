"""Every piece of text the CLI shows a user, in one place: the words are in ``wording.yaml``
beside this module, read once into :data:`wording` (``wording.TITLE_REASONS``)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Final

from bot.labels import STRATEGY_LABELS as STRATEGY_LABELS
from bot.labels import TECHNIQUE_LABELS as TECHNIQUE_LABELS
from bot.wording import Wording, load_wording


class CliWording(Wording):
    """The entries of ``wording.yaml``, by name."""

    WELCOME: str
    WELCOME_HINT: str
    ASK_DESCRIPTION: str
    ASK_ANSWER: str
    EMPTY_DESCRIPTION: str
    EMPTY_ANSWER: str
    QUESTIONS_INTRO: str
    NOTED: str
    NOTHING_NEW: str
    GOODBYE: str
    SKIP_WORDS: frozenset[str]
    FIX_WORD: str
    FIX_ALIASES: Mapping[str, str]
    """``fix WORD VALUE`` in ``advisor chat``: the fact each word names."""
    TITLE_ADVICE: str
    TITLE_FACTS: str
    TITLE_REASONS: str
    TITLE_WARNINGS: str
    TITLE_NEXT: str
    TITLE_ASSUMPTIONS: str
    TITLE_PROMPT: str
    TITLE_QUESTIONS: str
    TITLE_OPEN: str
    NO_FACTS: str
    NO_DESCRIPTION: str
    JSON_AND_FORMAT: str
    DATE_WITHOUT_RECORD: str
    OPEN_HINT_ADVISE: str
    VERSION: str
    RULES_UNREADABLE: str
    RULES_OK: str
    RULES_MISSING: str
    EVAL_NO_CASES: str
    TITLE_DATA: str
    TITLE_DATA_PROBLEMS: str
    TITLE_DATA_LABELS: str
    TITLE_DATA_COST: str
    TITLE_DATA_WARNINGS: str
    TITLE_MEASURED: str
    TITLE_MEASURED_WARNINGS: str
    DATA_LABEL_COLUMNS: tuple[str, ...]
    DATA_COST_COLUMNS: tuple[str, ...]
    DATA_MORE_LABELS: str
    DATA_TOKENS_NOTE: str
    DATA_PRICES_NOTE: str
    DATA_FIELDS: Mapping[str, str]
    DATA_VALID: str
    DATA_REPEATS: str
    DATA_REPEAT_LINES: str
    DATA_LABELS: str
    DATA_TOKENS: str
    DATA_PII: str
    DATA_SPLIT: str
    DATA_INCOMPLETE: str
    SPLIT_WROTE: str
    SPLIT_SUMMARY: str
    ADVICE_CHANGED: str
    NO_DATA_CHECK: str


wording: Final = load_wording(CliWording, __package__)
