"""Yes/no facts: the booleans, the specialized domain, and whether prompting was tried
and falls short (which outranks which is written in :func:`read_prompting`)."""

from __future__ import annotations

import re
from collections.abc import Sequence

from bot.parsing.cues import CompiledVocabulary, Hit, Updates, boolean_hits, decide_boolean, find
from bot.parsing.text import Sentence

WORKS_AT = 0.9
"""A measured quality this high, with no target and no complaint, is prompting that works."""

BOOLEAN_FACTS = (
    "needs_knowledge",
    "style_consistency",
    "latency_sensitive",
    "preference_data",
    "self_hosted",
)


def read_booleans(
    found: Sequence[Sentence],
    vocab: CompiledVocabulary,
    updates: Updates,
) -> None:
    v = vocab.vocabulary
    for name in BOOLEAN_FACTS:
        hit = decide_boolean(boolean_hits(getattr(v, name), found, vocab.negation))
        if hit:
            updates[name] = (hit.polarity, hit.sentence)


def read_domain(
    found: Sequence[Sentence],
    vocab: CompiledVocabulary,
    updates: Updates,
) -> None:
    noes = find(vocab.domain_no, found)
    if noes:
        updates["specialized_domain"] = (False, noes[0][0])
        return
    for sentence in found:
        for pattern, domain in vocab.domain_yes:
            match = pattern.search(sentence.norm)
            if match and not vocab.negation.negated(sentence.norm, match.start()):
                updates["specialized_domain"] = (True, sentence)
                if domain:  # an empty name: the text says specialized but not which domain
                    updates["domain"] = (domain, sentence)
                return


def read_prompting(
    found: Sequence[Sentence],
    vocab: CompiledVocabulary,
    updates: Updates,
) -> None:
    """Not tried > measured against the need > falls short > works > tried."""

    def hits(patterns: Sequence[re.Pattern[str]]) -> list[Hit]:
        return [
            Hit(not vocab.negation.negated(s.norm, m.start()), s, m.start(), m.end())
            for s, m in find(patterns, found)
        ]

    tried, short = hits(vocab.tried), hits(vocab.falls_short)
    not_tried = [h.sentence for h in tried if not h.polarity]
    not_tried += [s for s, _ in find(vocab.not_tried, found)]
    if not_tried:
        updates["prompting_exhausted"] = (False, not_tried[0])
        return
    baseline = updates.get("baseline_quality")
    target = updates.get("target_quality")
    if baseline and target:
        assert isinstance(baseline[0], float) and isinstance(target[0], float)
        updates["prompting_exhausted"] = (baseline[0] < target[0], target[1])
        return
    works = find(vocab.works, found)
    for evidence, value in (
        ([h.sentence for h in short if h.polarity], True),
        ([s for s, _ in works], False),
        ([h.sentence for h in tried], True),
    ):
        if evidence:
            updates["prompting_exhausted"] = (value, evidence[0])
            return
    if baseline and isinstance(baseline[0], float) and baseline[0] >= WORKS_AT:
        updates["prompting_exhausted"] = (False, baseline[1])  # '94% correct', no complaint
