"""The decision rules: loaded from ``decision_rules.yaml``, validated, and evaluated."""

from bot.rules.decide import decide
from bot.rules.loader import check_rules_file, load_rulebook
from bot.rules.schema import RuleBook

__all__ = ["RuleBook", "check_rules_file", "decide", "load_rulebook"]
