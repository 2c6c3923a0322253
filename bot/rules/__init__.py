"""The decision rules: ``decision_rules.yaml`` (and its pricing file) loaded, validated,
compiled once into an immutable :class:`RuleBook`, and applied per call.

This is the package's public surface; its modules are its own business.
"""

from bot.rules.analysis import Analysis, analyse
from bot.rules.answers import quick_answers
from bot.rules.book import QuestionRule, RuleBook
from bot.rules.cost import estimate_cost
from bot.rules.decide import decide
from bot.rules.facts_meta import FACT_KINDS
from bot.rules.loader import check_rules_file, load_rulebook, price_warnings
from bot.rules.templates import format_fact
from bot.rules.version import rules_version

__all__ = [
    "FACT_KINDS",
    "Analysis",
    "QuestionRule",
    "RuleBook",
    "analyse",
    "check_rules_file",
    "decide",
    "estimate_cost",
    "format_fact",
    "load_rulebook",
    "price_warnings",
    "quick_answers",
    "rules_version",
]
