"""The rules' version: a short hash of the rules file and its pricing file, which changes
with any edit to either and travels with the rule book compiled from them."""

from __future__ import annotations

import hashlib
import shutil
from pathlib import Path

from rules_support import RULES

from bot.rules import load_rulebook, rules_version

PRICING = RULES.parent / "pricing.yaml"


def copied(tmp_path: Path) -> Path:
    """The shipped rules and pricing files, copied to ``tmp_path``; the rules' path."""
    shutil.copy(PRICING, tmp_path / "pricing.yaml")
    return Path(shutil.copy(RULES, tmp_path / "decision_rules.yaml"))


def test_the_rules_version_is_the_short_sha256_of_the_rules_then_the_pricing_file() -> None:
    both = RULES.read_bytes() + PRICING.read_bytes()
    assert rules_version(RULES) == hashlib.sha256(both).hexdigest()[:12]


def test_an_edit_to_the_pricing_file_alone_changes_the_rules_version(tmp_path: Path) -> None:
    rules = copied(tmp_path)
    before = rules_version(rules)
    assert before == rules_version(RULES)
    pricing = tmp_path / "pricing.yaml"
    pricing.write_text(pricing.read_text(encoding="utf-8") + "\n# re-read\n", encoding="utf-8")
    assert rules_version(rules) != before


def test_an_edit_to_the_rules_file_changes_the_rules_version(tmp_path: Path) -> None:
    rules = copied(tmp_path)
    before = rules_version(rules)
    text = rules.read_text(encoding="utf-8")
    rules.write_text(text.replace("min_examples: 500", "min_examples: 400", 1), encoding="utf-8")
    assert rules_version(rules) != before


def test_the_rule_book_carries_the_version_of_the_files_it_was_compiled_from(
    tmp_path: Path,
) -> None:
    rules = copied(tmp_path)
    pricing = tmp_path / "pricing.yaml"
    pricing.write_text(pricing.read_text(encoding="utf-8") + "\n# edited\n", encoding="utf-8")
    assert load_rulebook(rules).version == rules_version(rules) != rules_version(RULES)
