"""Four consultations, one per strategy, built as states (facts and the words each was read
from) rather than read by the parser, so their records change only when the rules, prices,
prompts or the record's layout do. The turns hold what people paste: a bullet list, quotes,
and Markdown's own characters."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from bot.advice import Advice
from bot.advisor import Advisor
from bot.amount import Amount
from bot.case import CaseState
from bot.facts import Evidence, Facts

DECIDED = date(2026, 12, 1)
ADVISOR_VERSION = "0.1.0"
RULES_VERSION = "0123456789ab"
"""Pinned in the golden records, so an edit to a rules comment does not rewrite them; the
real versions are tested on their own (test_record_versions_name_the_real_advisor...)."""


@dataclass(frozen=True)
class RecordCase:
    name: str
    strategy: str
    turns: tuple[str, ...]
    facts: dict[str, Any]
    sources: dict[str, tuple[int, str]]
    """fact -> (turn, the words it was read from, a part of that turn)"""

    def state(self) -> CaseState:
        evidence = {}
        for fact, (turn, quote) in self.sources.items():
            start = self.turns[turn].index(quote)
            evidence[fact] = Evidence(turn=turn, start=start, end=start + len(quote), quote=quote)
        return CaseState(turns=list(self.turns), facts=Facts(**self.facts), evidence=evidence)

    def advice(self, advisor: Advisor) -> Advice:
        advice = advisor.advise(self.state())
        pinned = {"advisor_version": ADVISOR_VERSION, "rules_version": RULES_VERSION}
        return advice.model_copy(update=pinned)


PASTED = (
    "- we tag ~300 support tickets a day into 5 queues <billing|tech|sales|legal|other>\n"
    "- replies must be *short*, no `markdown` & no [links](http://x.test)\n"
    "# nobody has written a prompt yet\n"
    "```\n"
    "1. ticket text in, queue out"
)

CASES = (
    RecordCase(
        name="prompt_engineering",
        strategy="prompt_engineering",
        turns=(PASTED, "- about 40 examples, not reviewed"),
        facts={
            "task_type": "classification",
            "requests_per_day": 300,
            "labeled_examples": 40,
            "data_quality": "low",
            "prompting_exhausted": False,
        },
        sources={
            "task_type": (0, "we tag ~300 support tickets a day into 5 queues"),
            "requests_per_day": (0, "~300 support tickets a day"),
            "labeled_examples": (1, "about 40 examples"),
            "data_quality": (1, "not reviewed"),
            "prompting_exhausted": (0, "# nobody has written a prompt yet"),
        },
    ),
    RecordCase(
        name="rag",
        strategy="rag",
        turns=(
            "Our assistant answers employees' questions from our HR handbook, "
            "100-200 questions a day.",
            "the handbook changes every quarter | sometimes monthly",
        ),
        facts={
            "task_type": "question_answering",
            "requests_per_day": Amount(low=100, high=200),
            "needs_knowledge": True,
        },
        sources={
            "task_type": (0, "answers employees' questions"),
            "requests_per_day": (0, "100-200 questions a day"),
            "needs_knowledge": (0, "from our HR handbook"),
        },
    ),
    RecordCase(
        name="fine_tuning",
        strategy="fine_tuning",
        turns=(
            "We classify ~2k support tickets a day into 12 categories of industrial-equipment "
            "faults; our best prompt gets 87%, we need 95%",
            "about 600 of them, reviewed by our leads",
        ),
        facts={
            "task_type": "classification",
            "requests_per_day": 2000,
            "labeled_examples": 600,
            "data_quality": "high",
            "specialized_domain": True,
            "domain": "industrial equipment",
            "prompting_exhausted": True,
            "baseline_quality": 0.87,
            "target_quality": 0.95,
        },
        sources={
            "task_type": (0, "We classify"),
            "requests_per_day": (0, "~2k support tickets a day"),
            "labeled_examples": (1, "about 600 of them"),
            "data_quality": (1, "reviewed by our leads"),
            "specialized_domain": (0, "industrial-equipment faults"),
            "domain": (0, "industrial-equipment"),
            "prompting_exhausted": (0, "our best prompt gets 87%, we need 95%"),
            "baseline_quality": (0, "our best prompt gets 87%"),
            "target_quality": (0, "we need 95%"),
        },
    ),
    RecordCase(
        name="rag_fine_tuning",
        strategy="rag+fine_tuning",
        turns=(
            "Our internal assistant answers engineers' questions from our wiki, which changes "
            "weekly, and must always reply in a strict JSON schema. Prompting with examples "
            "still breaks the schema. We have 1,500 reviewed question/answer pairs.",
            "around 3k questions a day",
        ),
        facts={
            "task_type": "question_answering",
            "requests_per_day": 3000,
            "labeled_examples": 1500,
            "data_quality": "high",
            "needs_knowledge": True,
            "style_consistency": True,
            "prompting_exhausted": True,
        },
        sources={
            "task_type": (0, "answers engineers' questions"),
            "requests_per_day": (1, "around 3k questions a day"),
            "labeled_examples": (0, "1,500 reviewed question/answer pairs"),
            "data_quality": (0, "reviewed"),
            "needs_knowledge": (0, "from our wiki, which changes weekly"),
            "style_consistency": (0, "must always reply in a strict JSON schema"),
            "prompting_exhausted": (0, "Prompting with examples still breaks the schema"),
        },
    ),
)
