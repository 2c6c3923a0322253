"""The core's exceptions. Front ends translate them at their edge (the CLI to a message
and an exit code, Slack to a short reply); nothing below a front end exits the process."""

from __future__ import annotations


class AdvisorError(Exception):
    """Base of every error the advisor core raises on purpose."""


class RulesError(AdvisorError):
    """The rules file (or a data file beside it) is malformed.

    ``problems`` holds one line per problem: ``file:line rule 'id': what is wrong (hint)``.
    """

    def __init__(self, problems: list[str]) -> None:
        self.problems = problems
        super().__init__("\n".join(problems))


class TemplateError(AdvisorError):
    """A prompt template is missing or broken."""


class DataFileError(AdvisorError):
    """A training-data file cannot be checked at all: not JSONL, JSON or CSV, not text,
    too large, or missing. Problems inside a readable file go into its report instead."""
