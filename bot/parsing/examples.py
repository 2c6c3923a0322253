"""The number of labeled examples in the user's words (not counts of documents, people,
prompt examples or test sets), and who made them: their quality."""

from __future__ import annotations

import re
from collections.abc import Sequence

from bot.parsing.cues import CompiledVocabulary
from bot.parsing.numbers import Quantity, quantities
from bot.parsing.text import Sentence
from bot.parsing.volume import WINDOW_WORDS, Count, matches, rate, words_after, words_before


def labeled_examples(
    sentences: Sequence[Sentence],
    vocab: CompiledVocabulary,
    skip: set[tuple[int, int]] | None = None,
) -> Count | None:
    """The first count of labeled examples; 0 when they say they have none."""
    for sentence in sentences:
        for q in quantities(sentence.norm):
            if q.percent or q.currency or q.value != int(q.value):
                continue
            if rate(sentence.norm, q, vocab) is not None:
                continue
            if _is_examples(sentence.norm, q, vocab):
                return Count(q.value, sentence)
        for pattern in vocab.no_examples:
            if pattern.search(sentence.norm):
                return Count(0, sentence)
    return None


def _is_examples(norm: str, q: Quantity, vocab: CompiledVocabulary) -> bool:
    after = words_after(norm, q.end, WINDOW_WORDS)
    before = words_before(norm, q.start, WINDOW_WORDS)
    head = " ".join(after.split()[:2])
    if matches(vocab.not_examples, head) or re.match(r"^[-/:.]?\d", norm[q.end :].lstrip()):
        return False
    first = head.split()[0].strip(",.;:()") if head else ""
    if first.endswith("s") and matches(vocab.population, first):
        return False  # '25 lawyers' are people, not examples
    window = before + " " + after
    pairs = re.match(r"(?:\S+ )?(?:pairs|decisions|comparisons|votes|choices)\b", after)
    if pairs and vocab.preference_cues(window) and not matches(vocab.strong_labels, window):
        return False  # '~30k pairs' of which headline won: preferences, not examples
    if matches(vocab.in_prompt, after) or matches(vocab.in_prompt, before):
        return False
    measured_on = re.search(r"\b(?:on|across|over)\s+(?:a |our |the )?[~]?$", norm[: q.start])
    if (measured_on and any(x.percent for x in quantities(norm))) or matches(vocab.test_set, after):
        return False  # '94% on 500 hand-checked returns' is a test set
    small = q.value <= vocab.vocabulary.examples.prompt_context_max
    near = words_before(norm, q.start, 8) + " " + words_after(norm, q.end, 4)
    if small and matches(vocab.prompt_context, near):
        return False  # '(gpt-4o-mini, 12 examples)' in a prompt, not a dataset
    near_before = words_before(norm, q.start, 3)
    return matches(vocab.annotated, after) or matches(vocab.annotated, near_before)


def data_quality(
    sentences: Sequence[Sentence], anchor: Sentence | None, vocab: CompiledVocabulary
) -> tuple[str, Sentence] | None:
    """Who made the examples: low, mixed or high, read near where the examples are."""
    data_words = re.compile(
        r"\b(?:label\w*|annotat\w*|examples?|training data|dataset|data set|gold|pairs|quality|"
        r"samples|reviewed|written|drafted|hand-\w+)\b"
    )
    candidates = [
        s
        for i, s in enumerate(sentences)
        if (anchor is not None and (s == anchor or (i > 0 and sentences[i - 1] == anchor)))
        or data_words.search(s.norm)
    ]
    for level in ("mixed", "low", "high"):  # 'some by seniors, some by temps' is mixed
        for sentence in candidates:
            for pattern in vocab.quality[level]:
                for match in pattern.finditer(sentence.norm):
                    if level == "high" and vocab.negation.negated(sentence.norm, match.start()):
                        continue  # 'nobody ever reviewed them' is not reviewed
                    return level, sentence
    return None
