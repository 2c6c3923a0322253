"""Decision records: the advice as a Markdown document a team keeps (CLI and Slack)."""

from bot.records.record import Superseded, decision_record, record_filename, strategy_label

__all__ = ["Superseded", "decision_record", "record_filename", "strategy_label"]
