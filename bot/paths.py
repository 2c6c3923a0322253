"""Where the advisor's data lives: the rules, the vocabulary and the prompt templates.

They sit at the top of the project (a domain expert edits them there); each can be moved
with an environment variable.
"""

from __future__ import annotations

import os
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parent.parent


def rules_path() -> Path:
    return Path(os.environ.get("ADVISOR_RULES", PROJECT_ROOT / "decision_rules.yaml"))


def vocabulary_path() -> Path:
    return Path(os.environ.get("ADVISOR_VOCABULARY", PROJECT_ROOT / "vocabulary.yaml"))


def prompts_dir() -> Path:
    return Path(os.environ.get("ADVISOR_PROMPTS", PROJECT_ROOT / "prompts"))
