"""Every piece of text of the decision record that is not the advice itself."""

from __future__ import annotations

from typing import Final

TITLE: Final = "Decision record: {strategy}"
TITLE_NUMBERED: Final = "Decision record {number}: {strategy}"
LABEL_DATE: Final = "Date"
LABEL_STATUS: Final = "Status"
LABEL_SUPERSEDES: Final = "Supersedes"
STATUS_PROPOSED: Final = "Proposed (the advisor's recommendation, until the team accepts it)"
STATUS_SUPERSEDED: Final = "Superseded by decision record {number} of this thread"
SUPERSEDES: Final = "decision record {number} of this thread ({strategy}, {date})"

CONTEXT: Final = "Context"
DESCRIBED: Final = "The use case, as described:"
ANSWER: Final = "Answer {number} in the thread:"
NOT_KEPT: Final = "The words this advice was decided from were not kept with it."

FACTS: Final = "Facts"
COLUMNS_FACTS: Final = ("Fact", "Value", "From the words")
FROM_DESCRIPTION: Final = "“{quote}” (description)"
FROM_ANSWER: Final = "“{quote}” (answer {number})"
NO_SOURCE: Final = "—"
NO_FACTS: Final = "No fact was read from the words yet."
ASSUMED: Final = "Assumed where a fact is unknown:"
OPEN: Final = "Open questions, whose answers could change this decision:"

DECISION: Final = "Decision"
REASONS: Final = "Reasons"
CONSEQUENCES: Final = "Consequences"
WARNINGS: Final = "Warnings"
NEXT_STEPS: Final = "Next steps"
NONE: Final = "None."
PROMPT: Final = "Suggested prompt"
VERSIONS: Final = "Versions"
LABEL_ADVISOR: Final = "Advisor"
LABEL_RULES: Final = "Rules"
RULES_VERSION: Final = "{version} (a hash of decision_rules.yaml and pricing.yaml)"
UNKNOWN_VERSION: Final = "unknown"

FILENAME: Final = "decision-record.md"
FILENAME_NUMBERED: Final = "decision-record-{number}.md"
