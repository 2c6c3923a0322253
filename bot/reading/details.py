"""What the user said about the task beyond the policy's facts, for the suggested prompt:
the thing the model works on ("support tickets"), how many labels and which, the output's
fields, who reads the output, and the specialized domain's name. Grammar over the words;
unknown stays unknown."""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import cache

from bot.case import TaskDetails
from bot.reading.lexicon import Lexicon
from bot.reading.tokens import NormText, Sentence

_LABEL_NOUNS = (
    r"categories|category|classes|labels|queues|intents|buckets|types|tags|codes|topics"
    r"|departments|teams|components|levels|grades|outcomes|segments|priorities|severities"
    r"|peril types|reason codes|dispositions|groups|specialties"
)
_LABEL_COUNT = re.compile(rf"\b(\d+) (?:[a-z-]+ ){{0,2}}(?:{_LABEL_NOUNS})\b")
_TASK_VERB = (
    r"classify|classifies|classifying|categorize|categorise|categorizing|route|routes|routing"
    r"|sort|sorts|sorting|tag|tags|tagging|triage|triages|triaging|label|labels|labelling"
    r"|labeling|summarize|summarise|summarizes|summarises|summarizing|summarising|extract"
    r"|extracts|extracting|parse|parses|parsing|write|writes|writing|draft|drafts|drafting"
    r"|generate|generates|generating|answer|answers|answering|translate|translates|translating"
    r"|rewrite|rewrites|rewriting|moderate|moderates|moderating|score|scores|scoring|grade"
    r"|grades|grading|normalize|normalise|normalizes|normalises|normalizing|normalising"
)
_STOP = (
    r"into|to|from|for|with|by|in|on|at|as|using|that|which|so|and|or|but|per|a|an|the|our"
    r"|their|about|across|against|of|we|it|is|are|was|were|each|every|based"
)
_SUBJECT = re.compile(
    rf"\b(?:{_TASK_VERB}) (?:(?:the|our|their|all|incoming|new|each|every) )*"
    rf"(?P<words>(?:(?!(?:{_STOP})\b)[a-z][a-z'-]* ){{0,3}}(?!(?:{_STOP})\b)[a-z][a-z'-]*s)\b"
)
_SLASH_LIST = re.compile(r"\b([a-z][a-z -]{0,24}?(?: / [a-z][a-z -]{0,24}?){1,9})(?= [,.;)]| $|$)")
_LISTED = re.compile(
    rf"(?:{_LABEL_NOUNS}|fields|json|schema) ?[:(\{{] ?(?P<items>[^)}}]{{3,200}})[)}}]"
)
_FIELD_WORDS = re.compile(r"\b(?:fields|json|schema|keys|columns)\b")
MAX_LABELS = 12


def read(found: Sequence[Sentence], before: TaskDetails, lexicon: Lexicon) -> TaskDetails:
    """``before`` with what these sentences add (a detail once read is kept)."""
    subject, count, labels = before.subject, before.label_count, before.labels
    fields, audience = before.output_fields, before.audience
    audiences = _audience(lexicon.readers, lexicon.facing)
    for sentence in found:
        norm = sentence.norm_text
        text = norm.text
        if count is None and (m := _LABEL_COUNT.search(text)):
            value = int(m.group(1))
            count = value if 2 <= value <= 100_000 else None
        if subject is None and (m := _SUBJECT.search(text)):
            subject = _original(sentence, norm, m.start("words"), m.end("words"))
        if not labels and (m := _SLASH_LIST.search(text)):
            items = tuple(i.strip() for i in m.group(1).split(" / ") if i.strip())
            if 2 <= len(items) <= MAX_LABELS and all(len(i.split()) <= 4 for i in items):
                labels = items
        if m := _LISTED.search(text):
            items = tuple(
                i.strip(" .…") for i in re.split(r" , | ; ", m.group("items")) if i.strip(" .…")
            )
            items = tuple(i for i in items if i not in ("etc", "...") and len(i.split()) <= 4)
            if 2 <= len(items) <= 40:
                if _FIELD_WORDS.search(m.group(0)) and not fields:
                    fields = tuple(i.replace(" _ ", "_") for i in items)
                elif not labels and len(items) <= MAX_LABELS:
                    labels = items
        if audience is None and (m := audiences.search(text)):
            audience = m.group("who") or f"{m.group('facing')}s"
    if labels and count is None:
        count = len(labels)
    return TaskDetails(
        subject=subject, label_count=count, labels=labels, output_fields=fields, audience=audience
    )


@cache
def _audience(readers: tuple[str, ...], facing: tuple[str, ...]) -> re.Pattern[str]:
    """ "for our customers", "to clients", "patient-facing" (vocabulary.yaml: audiences; the
    tokens are spaced, so a hyphen reads " - ")."""
    return re.compile(
        rf"\b(?:for|to) (?:our |the |all |their )?(?P<who>{'|'.join(readers) or '(?!)'})\b"
        rf"|\b(?P<facing>{'|'.join(facing) or '(?!)'})(?: - | )facing\b"
    )


def _original(sentence: Sentence, norm: NormText, start: int, end: int) -> str:
    first, last = norm.token_at(start), norm.token_at(end - 1)
    return sentence.quote(first, last)[2]
