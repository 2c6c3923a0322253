"""One turn of the user's words -> an updated :class:`CaseState`.

A later turn replaces what an earlier one said about the same fact ("actually closer to
20k a day"); what no turn says stays unknown. Every fact keeps the sentence it came from.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import lru_cache

from bot.case import CaseState, Motive
from bot.facts import DataQuality, Evidence, Facts, TaskType
from bot.parsing import counts, scores
from bot.parsing.cues import CompiledVocabulary, Hit, boolean_hits, decide_boolean, find
from bot.parsing.numbers import quantities
from bot.parsing.text import Sentence, sentences
from bot.parsing.vocabulary import Vocabulary, load_vocabulary

MAX_CHARS = 20_000
"""Longer text is read up to here (a 5,000-word description is about 30,000 characters;
the facts are in its first pages)."""

BOOLEAN_FACTS = (
    "needs_knowledge",
    "style_consistency",
    "latency_sensitive",
    "preference_data",
    "self_hosted",
)
_YES = re.compile(
    r"^\s*(?:yes|yeah|yep|yup|correct|right|sure|definitely|absolutely|it is|we do|they do)\b"
)
_NO = re.compile(r"^\s*(?:no|nope|nah|not really|never|it isn't|it's not|we don't|they don't)\b")
_NONE = re.compile(r"^\s*(?:we have |we've got |there are )?(?:none|zero|0|nothing)\b")
_BARE_NUMBER = re.compile(r"^\s*(?:~|about|around|roughly|maybe|approx\.?|like|some)?\s*$")


@lru_cache(maxsize=8)
def _compiled(vocabulary: Vocabulary) -> CompiledVocabulary:
    return CompiledVocabulary(vocabulary)


def _evidence(sentence: Sentence) -> Evidence:
    return Evidence(
        turn=sentence.turn, start=sentence.start, end=sentence.end, quote=sentence.original
    )


def read_turn(
    text: str,
    state: CaseState | None = None,
    *,
    asked: Sequence[str] = (),
    vocabulary: Vocabulary | None = None,
) -> CaseState:
    """The state after reading ``text`` as the next turn. ``asked`` are the facts the
    bot just asked about: a bare "about 600" or "yes" answers the one asked."""
    state = state or CaseState()
    vocab = _compiled(vocabulary or _default_vocabulary())
    turn = len(state.turns)
    text = text[:MAX_CHARS]
    found = sentences(text, turn)
    new = state.model_copy(deep=True)
    new.turns.append(text)
    updates: dict[str, tuple[object, Sentence]] = {}

    _read_counts(found, vocab, updates, _previous_volume(state))
    _read_scores(found, vocab, updates)
    _read_booleans(found, vocab, updates)
    _read_domain(found, vocab, updates)
    _read_prompting(found, vocab, updates)
    _read_bare_answers(text, found, updates, asked)

    facts = new.facts.model_dump()
    for name, (value, sentence) in updates.items():
        facts[name] = value
        new.evidence[name] = _evidence(sentence)
    new.facts = Facts.model_validate(facts)
    _read_task(
        new, [s for t, turn_text in enumerate(new.turns) for s in sentences(turn_text, t)], vocab
    )
    _read_motives(new, found, vocab)
    if turn > 0 and find(vocab.skip, found):
        new.skipped = True
    return new


def _previous_volume(state: CaseState) -> tuple[float, Sentence] | None:
    """The volume stated so far and the sentence it was read from, to re-read it."""
    evidence = state.evidence.get("requests_per_day")
    value = state.facts.requests_per_day
    if evidence is None or value is None:
        return None
    for sentence in sentences(state.turns[evidence.turn], evidence.turn):
        if sentence.start == evidence.start:
            return value, sentence
    return None


def _default_vocabulary() -> Vocabulary:
    return _load_default()


@lru_cache(maxsize=1)
def _load_default() -> Vocabulary:
    return load_vocabulary()


def _read_counts(
    found: Sequence[Sentence],
    vocab: CompiledVocabulary,
    updates: dict[str, tuple[object, Sentence]],
    previous_volume: tuple[float, Sentence] | None,
) -> None:
    volume = counts.volume(found, vocab)
    if volume:
        updates["requests_per_day"] = (round(volume.value, 2), volume.sentence)
    elif (factor := counts.corrected_unit(found)) and previous_volume:
        value, sentence = previous_volume
        old = counts.rate_factor(sentence, vocab)
        if old:
            updates["requests_per_day"] = (round(value / old * factor, 2), found[0])
    examples = counts.labeled_examples(found, vocab)
    if examples:
        updates["labeled_examples"] = (int(examples.value), examples.sentence)
    quality = counts.data_quality(found, examples.sentence if examples else None, vocab)
    if quality and (examples is None or examples.value > 0):
        updates["data_quality"] = (DataQuality(quality[0]), quality[1])


def _read_scores(
    found: Sequence[Sentence],
    vocab: CompiledVocabulary,
    updates: dict[str, tuple[object, Sentence]],
) -> None:
    baseline, target = scores.quality_scores(found, vocab)
    if baseline:
        updates["baseline_quality"] = (baseline.value, baseline.sentence)
    if target:
        updates["target_quality"] = (target.value, target.sentence)


def _read_booleans(
    found: Sequence[Sentence],
    vocab: CompiledVocabulary,
    updates: dict[str, tuple[object, Sentence]],
) -> None:
    v = vocab.vocabulary
    for name in BOOLEAN_FACTS:
        hit = decide_boolean(boolean_hits(getattr(v, name), found, vocab.negation))
        if hit:
            updates[name] = (hit.polarity, hit.sentence)


def _read_domain(
    found: Sequence[Sentence],
    vocab: CompiledVocabulary,
    updates: dict[str, tuple[object, Sentence]],
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
                updates["domain"] = (domain, sentence)
                return


def _read_prompting(
    found: Sequence[Sentence],
    vocab: CompiledVocabulary,
    updates: dict[str, tuple[object, Sentence]],
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


def _read_bare_answers(
    text: str,
    found: Sequence[Sentence],
    updates: dict[str, tuple[object, Sentence]],
    asked: Sequence[str],
) -> None:
    """'about 600' or 'yes' in answer to the one question of its kind just asked."""
    if not found:
        return
    numeric = [f for f in asked if f in ("requests_per_day", "labeled_examples")]
    if len(numeric) == 1 and numeric[0] not in updates:
        for sentence in found:
            qs = quantities(sentence.norm)
            if len(qs) == 1 and not qs[0].percent and not qs[0].currency:
                q = qs[0]
                rest = sentence.norm[q.end :].strip(" .!,")
                if _BARE_NUMBER.match(sentence.norm[: q.start]) and rest in (
                    "",
                    "or so",
                    "of them",
                    "ish",
                ):
                    value = q.value if numeric[0] == "requests_per_day" else int(q.value)
                    updates[numeric[0]] = (value, sentence)
                    break
    no_examples = "labeled_examples" in asked and "labeled_examples" not in updates
    if no_examples and _NONE.match(found[0].norm):
        updates["labeled_examples"] = (0, found[0])
    flags = [f for f in asked if f in (*BOOLEAN_FACTS, "specialized_domain", "prompting_exhausted")]
    if len(flags) == 1 and flags[0] not in updates:
        norm = found[0].norm
        if _YES.match(norm):
            updates[flags[0]] = (True, found[0])
        elif _NO.match(norm):
            updates[flags[0]] = (False, found[0])


def _read_task(state: CaseState, everything: Sequence[Sentence], vocab: CompiledVocabulary) -> None:
    """The task type with the most cue weight over all turns so far."""
    best: tuple[float, TaskType, Sentence] | None = None
    for task, cues in vocab.tasks.items():
        score = 0.0
        first: Sentence | None = None
        for pattern, weight in cues:
            for sentence in everything:
                if pattern.search(sentence.norm):
                    score += weight  # each cue counts once, however often it is said
                    first = first or sentence
                    break
        if first and (best is None or score > best[0]):
            best = (score, task, first)
    if best and best[0] >= vocab.vocabulary.task_min_score and state.facts.task_type != best[1]:
        state.facts = state.facts.model_copy(update={"task_type": best[1]})
        state.evidence["task_type"] = _evidence(best[2])


def _read_motives(state: CaseState, found: Sequence[Sentence], vocab: CompiledVocabulary) -> None:
    """Why they came. The fine-tuning-specific motives need fine-tuning on the table."""
    hits = {m: find(ps, found) for m, ps in vocab.motives.items()}
    for motive, matches in hits.items():
        if matches:
            state.motives.add(motive)
            state.evidence.setdefault(motive.value, _evidence(matches[0][0]))
    if Motive.WANTS_FINE_TUNING not in state.motives:
        for motive in (Motive.TEACH_FACTS, Motive.REDUCE_HALLUCINATIONS, Motive.MAKE_SMARTER):
            if motive in state.motives and not hits.get(motive):
                continue
            state.motives.discard(motive)
            state.evidence.pop(motive.value, None)
