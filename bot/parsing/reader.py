"""One turn of the user's words -> an updated :class:`CaseState`.

A later turn replaces what an earlier one said about the same fact ("actually closer to
20k a day"); what no turn says stays unknown. Every fact keeps the sentence it came from.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import lru_cache

from bot.case import CaseState
from bot.facts import DataQuality, Evidence, Facts
from bot.parsing import answers, examples, flags, intent, scores, volume
from bot.parsing.cues import CompiledVocabulary, Updates, find
from bot.parsing.text import Sentence, sentences
from bot.parsing.vocabulary import Vocabulary, load_vocabulary

MAX_CHARS = 8_000
"""Longer text is read up to here: about 1,300 words, far more than a use case takes. The
whole text is still kept (front ends store it); reading stays under a second whatever it is."""


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
    truncated = len(text) > MAX_CHARS
    text = text[:MAX_CHARS]
    found = sentences(text, turn)
    new = state.model_copy(deep=True)
    new.turns.append(text)
    new.truncated = new.truncated or truncated
    updates: Updates = {}

    _read_counts(found, vocab, updates, _previous_volume(state))
    _read_scores(found, vocab, updates)
    flags.read_booleans(found, vocab, updates)
    flags.read_domain(found, vocab, updates)
    flags.read_prompting(found, vocab, updates)
    answers.read_bare_answers(text, found, updates, asked)

    facts = new.facts.model_dump()
    for name, (value, sentence) in updates.items():
        facts[name] = value
        new.evidence[name] = _evidence(sentence)
    new.facts = Facts.model_validate(facts)
    everything = [s for t, turn_text in enumerate(new.turns) for s in sentences(turn_text, t)]
    intent.read_task(new, everything, vocab, _evidence)
    intent.read_motives(new, found, vocab, _evidence)
    if turn > 0 and find(vocab.skip, found):
        new.skipped = True
    return new


def _tidy(per_day: float) -> float:
    """Two decimals, or three significant digits for less than one a day."""
    return round(per_day, 2) if per_day >= 1 else float(f"{per_day:.3g}")


def _previous_volume(state: CaseState) -> tuple[float, Sentence] | None:
    """The volume stated so far and the sentence it was read from, to re-read it."""
    evidence = state.evidence.get("requests_per_day")
    value = state.facts.requests_per_day
    if evidence is None or value is None:
        return None
    for sentence in sentences(state.turns[evidence.turn], evidence.turn):
        if sentence.start == evidence.start:
            return value.nominal, sentence
    return None


def _default_vocabulary() -> Vocabulary:
    return _load_default()


@lru_cache(maxsize=1)
def _load_default() -> Vocabulary:
    return load_vocabulary()


def _read_counts(
    found: Sequence[Sentence],
    vocab: CompiledVocabulary,
    updates: Updates,
    previous_volume: tuple[float, Sentence] | None,
) -> None:
    stated = volume.volume(found, vocab)
    if stated:
        updates["requests_per_day"] = (_tidy(stated.value), stated.sentence)
    elif (factor := volume.corrected_unit(found)) and previous_volume:
        value, sentence = previous_volume
        old = volume.rate_factor(sentence, vocab)
        if old:
            updates["requests_per_day"] = (_tidy(value / old * factor), found[0])
    elif (fix := volume.corrected_number(found)) and previous_volume:
        new_value, old_value, sentence = fix
        value, said = previous_volume
        factor = volume.rate_factor(said, vocab)
        if factor and abs(value / factor - old_value) <= 0.1 * old_value:
            updates["requests_per_day"] = (_tidy(new_value * factor), sentence)
    count = examples.labeled_examples(found, vocab)
    if count:
        updates["labeled_examples"] = (int(count.value), count.sentence)
    quality = examples.data_quality(found, count.sentence if count else None, vocab)
    if quality and (count is None or count.value > 0):
        updates["data_quality"] = (DataQuality(quality[0]), quality[1])


def _read_scores(
    found: Sequence[Sentence],
    vocab: CompiledVocabulary,
    updates: Updates,
) -> None:
    baseline, target = scores.quality_scores(found, vocab)
    if baseline:
        updates["baseline_quality"] = (baseline.value, baseline.sentence)
    if target:
        updates["target_quality"] = (target.value, target.sentence)
