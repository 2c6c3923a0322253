"""Every piece of text the CLI shows a user, in one place."""

from __future__ import annotations

from typing import Final

from bot.labels import STRATEGY_LABELS as STRATEGY_LABELS
from bot.labels import TECHNIQUE_LABELS as TECHNIQUE_LABELS

WELCOME: Final = (
    "Customization advisor: describe your AI use case and I'll tell you whether it needs "
    "better prompting, RAG or fine-tuning, and why."
)
WELCOME_HINT: Final = (
    "Say what the model should do, for whom, how often, and what data you have. "
    "Ctrl-D (or Ctrl-C) quits."
)
ASK_DESCRIPTION: Final = "Your use case"
ASK_ANSWER: Final = "Your answer"
EMPTY_DESCRIPTION: Final = "Please describe your use case in a sentence or two (Ctrl-D quits)."
EMPTY_ANSWER: Final = 'Answer in your own words, type a number, or "skip" for advice now.'
QUESTIONS_INTRO: Final = (
    "A few questions. Answer in your own words (several at once is fine), type the number "
    'of a quick answer (or a few, like "1 4"), or "skip" to get the advice now. Put a fact '
    'right at any time with "fix", e.g. "fix volume 20k" or "fix quality mixed".'
)
NOTED: Final = "Noted"
NOTHING_NEW: Final = (
    'I couldn\'t read a new fact from that. Try a number, a quick answer, or "skip".'
)
GOODBYE: Final = "Bye."
SKIP_WORDS: Final = frozenset({"skip", "just tell me", "skip it", "just tell me."})
FIX_WORD: Final = "fix"
FIX_ALIASES: Final = {
    "task": "task_type",
    "volume": "requests_per_day",
    "requests": "requests_per_day",
    "examples": "labeled_examples",
    "quality": "data_quality",
    "preference": "preference_data",
    "ratings": "preference_data",
    "domain": "specialized_domain",
    "specialized": "specialized_domain",
    "knowledge": "needs_knowledge",
    "docs": "needs_knowledge",
    "style": "style_consistency",
    "format": "style_consistency",
    "latency": "latency_sensitive",
    "prompting": "prompting_exhausted",
    "baseline": "baseline_quality",
    "target": "target_quality",
    "hosting": "self_hosted",
    "onprem": "self_hosted",
}
"""``fix WORD VALUE`` in ``advisor chat``: the fact each word names."""


TITLE_ADVICE: Final = "Recommendation"
TITLE_FACTS: Final = "What I understood"
TITLE_REASONS: Final = "Why"
TITLE_WARNINGS: Final = "Watch out"
TITLE_NEXT: Final = "Next steps"
TITLE_ASSUMPTIONS: Final = "Assumptions"
TITLE_PROMPT: Final = "Suggested prompt (start here)"
TITLE_QUESTIONS: Final = "Questions"
TITLE_OPEN: Final = "To sharpen this advice, tell me"

NO_FACTS: Final = "Nothing specific yet."
NO_DESCRIPTION: Final = (
    'describe the use case: as TEXT (quoted), or piped in ("pbpaste | advisor advise")'
)
JSON_AND_FORMAT: Final = "--json is --format json: give one or the other"
DATE_WITHOUT_RECORD: Final = "--date dates a decision record: use it with --format markdown"
OPEN_HINT_ADVISE: Final = 'Add answers with --answer "...", e.g. --answer "about 2k a day".'

VERSION: Final = "advisor, version {version}\nrules {rules}"
RULES_UNREADABLE: Final = "unreadable ({path}: {error})"
RULES_OK: Final = "OK: {path}: {rules} rules, {questions} questions"
RULES_MISSING: Final = "{path}: rules file not found"

EVAL_NO_CASES: Final = "{path}: no cases"

# advisor data check / split, advise --data
TITLE_DATA: Final = "Data check: {file}"
TITLE_DATA_PROBLEMS: Final = "Problems (the first {count} by line)"
TITLE_DATA_LABELS: Final = "Labels"
TITLE_DATA_COST: Final = "Training cost (one time, {currency})"
TITLE_DATA_WARNINGS: Final = "Fix before training"
TITLE_MEASURED: Final = "Measured from {file}"
TITLE_MEASURED_WARNINGS: Final = "Fix in {file} before training"
DATA_LABEL_COLUMNS: Final = ("label", "examples", "share")
DATA_COST_COLUMNS: Final = ("model", "per 1M tokens", "epochs", "cost")
DATA_MORE_LABELS: Final = "... and {count:,} more labels"
DATA_TOKENS_NOTE: Final = "Tokens estimated as {approximation}."
DATA_PRICES_NOTE: Final = "Training prices read {read} (pricing.yaml)."
DATA_FIELDS: Final = {
    "format": "format",
    "rows": "rows",
    "valid": "valid",
    "unique": "unique valid",
    "duplicates": "duplicates",
    "conflicts": "conflicts",
    "labels": "labels",
    "pairs": "preference pairs",
    "tokens": "tokens",
    "pii": "personal data",
    "split": "suggested split",
}
DATA_VALID: Final = "{valid:,} ({invalid:,} invalid)"
DATA_REPEATS: Final = "{rows:,}"
DATA_REPEAT_LINES: Final = "{rows:,} ({where} {lines})"
DATA_LABELS: Final = "{classes:,} classes; smallest '{smallest}' ({rows:,}); imbalance {ratio:.1f}x"
DATA_TOKENS: Final = "{mean:,.0f} per example on average, p95 {p95:,}, {total:,} in all"
DATA_PII: Final = "rows with email {email:,}, phone {phone:,}, card {card:,}, IBAN {iban:,}"
DATA_SPLIT: Final = "{train:,} train / {validation:,} validation / {test:,} test (80/10/10{how})"
DATA_INCOMPLETE: Final = " (reading stopped early)"
SPLIT_WROTE: Final = "Wrote {rows:,} rows to {path}"
SPLIT_SUMMARY: Final = (
    "Seed {seed}{how}. Left out: {duplicates}, {conflicts}, {invalid}. No input is on two sides."
)
ADVICE_CHANGED: Final = "the advice changes: {before} → {after}"
NO_DATA_CHECK: Final = "this advisor cannot check data files"
