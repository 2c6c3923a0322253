"""Every sentence the data check shows a user, in one place.

None of them quotes the file: a report holds counts, line numbers and (for classification)
label names, never the text of a row.
"""

from __future__ import annotations

from typing import Final

# Whole-file problems (DataFileError)
NOT_FOUND: Final = "{name}: file not found"
NOT_A_FILE: Final = "{name}: not a file"
UNSUPPORTED_TYPE: Final = (
    "{name}: not a JSONL, JSON or CSV file; share the training data as .jsonl (one JSON "
    "object a line), .json (a list of objects) or .csv (a header row, then one example a row)"
)
NOT_TEXT: Final = "{name}: a binary file, not JSONL, JSON or CSV text"
TOO_LARGE: Final = (
    "{name}: larger than {limit_mb:g} MB; check a sample of it, or split it into smaller files"
)
UNREADABLE: Final = "{name}: cannot be read ({reason})"

# Row problems (the report's `invalid` list); no text of the row, ever
ROW_NOT_JSON: Final = "not valid JSON"
ROW_NOT_UTF8: Final = "not UTF-8 text"
ROW_TOO_LONG: Final = "longer than {limit:,} bytes"
ROW_NOT_OBJECT: Final = "not a JSON object"
ROW_NOT_CSV: Final = "not valid CSV ({reason})"
ROW_COLUMNS: Final = "has {got} columns, the header has {want}"
ROW_UNKNOWN_SHAPE: Final = (
    "no known shape: a row needs messages, prompt and completion, instruction and output, "
    "prompt with chosen and rejected, or a text and a label column"
)
MISSING_FIELD: Final = "missing field '{field}'"
NOT_TEXT_FIELD: Final = "field '{field}' is not text"
EMPTY_FIELD: Final = "empty '{field}'"
EMPTY_OUTPUT: Final = "empty output ('{field}')"
SAME_CHOSEN_REJECTED: Final = "chosen and rejected are the same answer"
LABEL_NOT_SINGLE: Final = "label '{field}' is not a single value"
MESSAGES_NOT_LIST: Final = "'messages' is not a list"
MESSAGES_EMPTY: Final = "'messages' is empty"
MESSAGE_NOT_OBJECT: Final = "message {n} is not an object"
MESSAGE_BAD_ROLE: Final = "message {n} has no known role (system, user, assistant or tool)"
MESSAGE_NO_CONTENT: Final = "message {n} has no text content"
ORDER_SYSTEM_LATE: Final = "wrong role order: a system message after the conversation started"
ORDER_FIRST: Final = "wrong role order: the conversation must start with a user message"
ORDER_REPEAT: Final = "wrong role order: two {role} messages in a row (messages {n} and {m})"
ORDER_TOOL: Final = "wrong role order: a tool message must follow an assistant message"
ORDER_LAST: Final = "wrong role order: the last message must be the assistant's answer"
STOPPED: Final = "line {line}: the rest of the file could not be read ({reason})"
JSON_NOT_LIST: Final = "the file is JSON but not a list of rows"
JSON_SEPARATOR: Final = "expected ',' or ']' after a row"

# The token estimate
TOKEN_APPROXIMATION: Final = (
    "characters / 4, rounded up per example (no tokenizer is available offline; real "
    "counts vary by model and language, often by 20% or more)"
)

# Warnings (the report's `warnings`)
WARN_UNKNOWN_FORMAT: Final = (
    "no provider accepts this shape: convert it to chat messages (OpenAI/Azure), "
    "prompt/completion, instruction/input/output, prompt/chosen/rejected or text/label"
)
WARN_INVALID: Final = "{count} of {rows:,} are invalid; fix or drop them before training"
WARN_REPEATED: Final = (
    "{duplicates} and {conflicts} ({share} of the valid rows): deduplicate, and decide the "
    "right answer where the same input has two"
)
WARN_DUPLICATES: Final = "{duplicates} ({share} of the valid rows): deduplicate before training"
WARN_CONFLICTS: Final = (
    "{conflicts} ({share} of the valid rows): decide the right answer where the same input has two"
)
WARN_CONFLICTS_SPLIT: Final = (
    "the split keeps the first answer for {count} with conflicting answers; "
    "resolve them before training"
)
WARN_IMBALANCE: Final = (
    "the classes are imbalanced: '{largest}' has {ratio:.1f}x the examples of '{smallest}'"
)
WARN_TOP_TWO: Final = "two classes hold {share} of the examples"
WARN_ONE_CLASS: Final = "a single label: there is nothing to classify"
WARN_TOO_MANY_LABELS: Final = (
    "more than {limit:,} distinct labels: this looks like free text, not classification"
)
WARN_PII: Final = (
    "{rows} with personal data ({kinds}): scrub or pseudonymise it before training; "
    "a fine-tuned model can repeat what it was trained on"
)
WARN_NO_VALID: Final = "no valid rows: nothing here can be trained on yet"

PII_LABELS: Final = {
    "email": "email addresses",
    "phone": "phone numbers",
    "card": "payment card numbers",
    "iban": "IBANs",
}
FORMAT_LABELS: Final = {
    "chat": "chat (messages with roles: OpenAI/Azure fine-tuning)",
    "prompt_completion": "prompt / completion",
    "instruction": "instruction / input / output",
    "preference": "preference (prompt, chosen, rejected)",
    "classification": "classification (text and label)",
    "unknown": "unknown",
}

# The short report (CLI summary, and the thread once the Slack side lands)
SUMMARY_HEAD: Final = "{file}: {format}, {rows:,} rows, {valid:,} valid, {unique:,} unique valid"
SUMMARY_REPEATS: Final = "{duplicates}, {conflicts} ({share} of the valid rows)"
SUMMARY_LABELS: Final = (
    "{classes:,} labels; smallest '{smallest}' ({rows:,}), imbalance {ratio:.1f}x"
)
SUMMARY_PAIRS: Final = "{pairs} (unique, valid)"
SUMMARY_TOKENS: Final = "about {mean:,.0f} tokens per example (p95 {p95:,}), {total:,} in all"
SUMMARY_COST: Final = "training about {costs} ({epochs} epochs, prices read {read})"
SUMMARY_SPLIT: Final = (
    "suggested split: {train:,} train / {validation:,} validation / {test:,} test"
)
STRATIFIED: Final = ", stratified by label"

# What measuring changed in the facts
MEASURED_FROM: Final = "measured from {file}"
CHANGE_EXAMPLES_SAID: Final = (
    "you said {said} examples; the file holds {measured:,} unique valid ones"
)
CHANGE_EXAMPLES_SAME: Final = "the file confirms your {measured:,} examples (unique and valid)"
CHANGE_EXAMPLES_NEW: Final = "the file holds {measured:,} unique valid examples"
CHANGE_PAIRS: Final = "the file holds {pairs}"
CHANGE_NO_PAIRS: Final = "the file holds no preference pairs"
CHANGE_QUALITY: Final = (
    "data quality is low: {share} of the valid rows are duplicates or conflicts "
    "(the limit is {limit})"
)
CHANGE_NOTHING: Final = "the file's format is unknown, so no fact was taken from it"
MISSING_THRESHOLD: Final = (
    "decision_rules.yaml: missing threshold '{name}' (the share of duplicate and conflicting "
    "rows above which measured data quality is low, e.g. 0.1)"
)


def share(value: float) -> str:
    """0.314 -> 31%; 0.004 -> 0.4%; 0 -> 0%."""
    if value == 0 or value >= 0.01:
        return f"{value:.0%}"
    return f"{value:.1%}"


def counted(n: int, singular: str, plural: str | None = None) -> str:
    """1 duplicate; 2 duplicates; 1,140 rows."""
    return f"{n:,} {singular if n == 1 else plural or singular + 's'}"
