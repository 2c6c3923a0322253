"""Cue matching: which vocabulary phrases a sentence contains, and whether a negator
("no", "never", "n't") in the same clause turns a phrase around."""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache

from bot.parsing.text import Sentence
from bot.parsing.vocabulary import Cues, Vocabulary, compile_any, compile_cue

_CLAUSE_BREAK = re.compile(r"[,;:()\[\]]|\bbut\b|\bthough\b|\bwhich\b|\bso\b|\bexcept\b")
Updates = dict[str, tuple[object, Sentence]]
"""Facts a turn states: name -> (value, the sentence it was read from)."""

NEGATION_WINDOW = 4
"""How many words before a cue a negator may stand."""


@dataclass(frozen=True)
class Hit:
    """A cue found in a sentence: ``polarity`` True for yes, False for no."""

    polarity: bool
    sentence: Sentence
    start: int
    end: int
    negated: bool = False


class Negation:
    """Tells whether a match is negated by a word shortly before it, in its clause."""

    def __init__(self, negators: Sequence[str]) -> None:
        self._negators = compile_any(list(negators))

    def negated(self, norm: str, start: int) -> bool:
        before = norm[:start]
        breaks = list(_CLAUSE_BREAK.finditer(before))
        clause = before[breaks[-1].end() :] if breaks else before
        words = clause.split()[-NEGATION_WINDOW:]
        window = " ".join(words)
        return bool(self._negators.search(window))


def find(
    patterns: Iterable[re.Pattern[str]], sentences: Sequence[Sentence]
) -> list[tuple[Sentence, re.Match[str]]]:
    """Every match of any pattern, sentence by sentence, in text order."""
    found = []
    for sentence in sentences:
        for pattern in patterns:
            for match in pattern.finditer(sentence.norm):
                found.append((sentence, match))
    found.sort(key=lambda pair: (pair[0].start, pair[1].start()))
    return found


def boolean_hits(cues: Cues, sentences: Sequence[Sentence], negation: Negation) -> list[Hit]:
    """Yes-cues (turned around when negated) and no-cues, in text order."""
    hits = []
    for s, m in find(_compiled(tuple(cues.when_true)), sentences):
        negated = negation.negated(s.norm, m.start())
        hits.append(Hit(not negated, s, m.start(), m.end(), negated))
    hits += [
        Hit(False, s, m.start(), m.end())
        for s, m in find(_compiled(tuple(cues.when_false)), sentences)
    ]
    return sorted(hits, key=lambda h: (h.sentence.start, h.start))


@lru_cache(maxsize=512)
def _compiled(patterns: tuple[str, ...]) -> list[re.Pattern[str]]:
    return [compile_any(patterns)]


def decide_boolean(hits: Sequence[Hit]) -> Hit | None:
    """A 'no' said outright outweighs a 'yes'; a 'yes' outweighs a negated 'yes'."""
    outright_no = [h for h in hits if not h.polarity and not h.negated]
    yes = [h for h in hits if h.polarity]
    negated = [h for h in hits if h.negated]
    for group in (outright_no, yes, negated):
        if group:
            return group[0]
    return None


def any_match(patterns: Iterable[re.Pattern[str]], sentences: Sequence[Sentence]) -> bool:
    return bool(find(patterns, sentences))


class CompiledVocabulary:
    """The vocabulary's patterns compiled once, for reading many turns."""

    def __init__(self, vocabulary: Vocabulary) -> None:
        self.vocabulary = vocabulary
        self.negation = Negation(vocabulary.negators)
        self.skip = [compile_any(vocabulary.skip)]
        self.tasks = {
            task: [(compile_cue(c.pattern), c.weight) for c in cues]
            for task, cues in vocabulary.task_types.items()
        }
        self.domain_yes = [
            (compile_cue(c.pattern), c.domain) for c in vocabulary.specialized_domain.when_true
        ]
        self.domain_no = [compile_any(vocabulary.specialized_domain.when_false)]
        self.motives = {m: [compile_any(ps)] for m, ps in vocabulary.motives.items()}
        p = vocabulary.prompting
        self.not_tried = [compile_any(p.not_tried)]
        self.tried = [compile_any(p.tried)]
        self.falls_short = [compile_any(p.falls_short)]
        self.works = [compile_any(p.works)]
        e = vocabulary.examples
        self.annotated = [compile_any(e.annotated)]
        self.in_prompt = [compile_any(e.in_prompt)]
        self.prompt_context = [compile_any(e.prompt_context)]
        self.test_set = [compile_any(e.test_set)]
        self.strong_labels = [
            compile_cue(
                r"label\w*|annotat\w*|review\w*|verif\w*|approv\w*|written|curated"
                r"|rewr\w*|correct\w*|edited"
            )
        ]
        self._preference = compile_any(vocabulary.preference_data.when_true)
        self.not_examples = [compile_any(e.not_examples)]
        self.no_examples = [compile_any(e.none)]
        q = vocabulary.data_quality
        self.quality = {
            "low": [compile_any(q.low)],
            "mixed": [compile_any(q.mixed)],
            "high": [compile_any(q.high)],
        }
        m = vocabulary.metrics
        self.measure = [compile_any(m.measure)]
        self.target_before = [compile_any(m.target_before)]
        self.target_after = [compile_any(m.target_after)]
        self.inverse = [compile_any(m.inverse)]
        self.not_quality = [compile_any(m.not_quality)]
        v = vocabulary.volume
        self.population = [compile_any(v.population)]
        self.per_each = [compile_any(v.per_each)]
        self.not_volume = [compile_any(v.not_volume)]

    def preference_cues(self, text: str) -> bool:
        """Whether ``text`` speaks of preference data (ratings, chosen/rejected, A/B)."""
        return bool(self._preference.search(text))
