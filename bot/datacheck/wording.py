"""Every sentence the data check shows a user, in one place: the words are in
``wording.yaml`` beside this module, read once into :data:`wording` (``wording.NOT_FOUND``).

None of them quotes the file: a report holds counts, line numbers and (for classification)
label names, never the text of a row.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Final

from bot.wording import Wording, load_wording


class DataCheckWording(Wording):
    """The entries of ``wording.yaml``, by name."""

    NOT_FOUND: str
    NOT_A_FILE: str
    UNSUPPORTED_TYPE: str
    NOT_TEXT: str
    TOO_LARGE: str
    UNREADABLE: str
    ROW_NOT_JSON: str
    ROW_NOT_UTF8: str
    ROW_TOO_LONG: str
    ROW_NOT_OBJECT: str
    ROW_NOT_CSV: str
    ROW_COLUMNS: str
    ROW_UNKNOWN_SHAPE: str
    MISSING_FIELD: str
    NOT_TEXT_FIELD: str
    EMPTY_FIELD: str
    EMPTY_OUTPUT: str
    SAME_CHOSEN_REJECTED: str
    LABEL_NOT_SINGLE: str
    MESSAGES_NOT_LIST: str
    MESSAGES_EMPTY: str
    MESSAGE_NOT_OBJECT: str
    MESSAGE_BAD_ROLE: str
    MESSAGE_NO_CONTENT: str
    ORDER_SYSTEM_LATE: str
    ORDER_FIRST: str
    ORDER_REPEAT: str
    ORDER_TOOL: str
    ORDER_LAST: str
    STOPPED: str
    JSON_NOT_LIST: str
    JSON_SEPARATOR: str
    TOKEN_APPROXIMATION: str
    WARN_UNKNOWN_FORMAT: str
    WARN_INVALID: str
    WARN_REPEATED: str
    WARN_DUPLICATES: str
    WARN_CONFLICTS: str
    WARN_CONFLICTS_SPLIT: str
    WARN_IMBALANCE: str
    WARN_TOP_TWO: str
    WARN_ONE_CLASS: str
    WARN_TOO_MANY_LABELS: str
    WARN_PII: str
    WARN_NO_VALID: str
    PII_LABELS: Mapping[str, str]
    FORMAT_LABELS: Mapping[str, str]
    SUMMARY_HEAD: str
    SUMMARY_REPEATS: str
    SUMMARY_LABELS: str
    SUMMARY_PAIRS: str
    SUMMARY_TOKENS: str
    SUMMARY_COST: str
    SUMMARY_SPLIT: str
    STRATIFIED: str
    MEASURED_FROM: str
    CHANGE_EXAMPLES_SAID: str
    CHANGE_EXAMPLES_SAME: str
    CHANGE_EXAMPLES_NEW: str
    CHANGE_PAIRS: str
    CHANGE_NO_PAIRS: str
    CHANGE_QUALITY: str
    CHANGE_NOTHING: str
    MISSING_THRESHOLD: str


wording: Final = load_wording(DataCheckWording, __package__)

# Read under these names by the advisor and the Slack app.
MISSING_THRESHOLD: Final = wording.MISSING_THRESHOLD
UNSUPPORTED_TYPE: Final = wording.UNSUPPORTED_TYPE
TOO_LARGE: Final = wording.TOO_LARGE


def share(value: float) -> str:
    """0.314 -> 31%; 0.004 -> 0.4%; 0 -> 0%."""
    if value == 0 or value >= 0.01:
        return f"{value:.0%}"
    return f"{value:.1%}"


def counted(n: int, singular: str, plural: str | None = None) -> str:
    """1 duplicate; 2 duplicates; 1,140 rows."""
    return f"{n:,} {singular if n == 1 else plural or singular + 's'}"
