"""One turn of the user's words -> an updated :class:`CaseState`.

Grammar reads the numbers (tokens.py, mentions.py); trained models decide what the words
state (model.py, trained on the labeled corpus by ``make model``): for each fact a
sentence may state, which value; for each number, which fact it is, if any; for the
thread, the task type. A fact is taken when its model is sure enough, kept aside as
*tentative* (for the conversation to confirm) when it is less sure, and left unknown
otherwise. Every fact keeps the shortest run of the user's words that decided it.

A later turn replaces what an earlier one said about the same fact ("actually closer to
20k a day"); a short reply to a question is read as its answer ("about 600", "yes").
"""

from __future__ import annotations

from collections.abc import Container, Sequence
from dataclasses import dataclass, field
from typing import Any

from pydantic import BaseModel

from bot.amount import Amount
from bot.case import CaseState, Motive, Tentative
from bot.facts import BOOLEAN_FACTS, Evidence, Facts
from bot.reading import corrections, details
from bot.reading.features import (
    Feature,
    Marked,
    mention_features,
    opening_features,
    sentence_features,
)
from bot.reading.heads import FACT_OF_ROLE, HEAD_FACT, NONE, head_value
from bot.reading.lexicon import Lexicon
from bot.reading.mentions import Mention, mentions
from bot.reading.model import Models, softmax
from bot.reading.quoting import decisive_words, mention_span
from bot.reading.thresholds import Thresholds
from bot.reading.tokens import Sentence, split_sentences
from bot.reading.values import role_value

SENTENCE_READ = frozenset({"specialized_domain", "latency_sensitive", "self_hosted"})
"""Facts people state in one sentence, which the rest of a long message dilutes: also read
sentence by sentence (cross-validation: as good or better for these three, worse for the
others, whose statements spread over sentences)."""

MAX_CHARS = 8_000
"""Longer text is read up to here: about 1,300 words, far more than a use case takes. The
whole text is still kept (front ends store it); reading stays fast whatever is pasted."""


@dataclass
class _Sentence:
    marked: Marked
    features: list[Feature]
    scores: list[float] = field(default_factory=list)
    """The turn models' scores over this sentence alone: which sentence says a fact."""


@dataclass
class _Reading:
    """The best reading of one fact in this turn."""

    value: Any
    confidence: float
    where: tuple[Sentence, tuple[int, int]] | None
    """The sentence and the decisive words in it; None until asked for (from ``head``)."""
    factor: float | None = None
    """For a volume: what one of its stated period is per day."""
    head: tuple[str, int] | None = None


@dataclass
class _Turn:
    facts: dict[str, _Reading] = field(default_factory=dict)
    sentences: list[_Sentence] = field(default_factory=list)


@dataclass(frozen=True)
class Reader:
    """Reads turns with a lexicon and trained models, both loaded once and immutable."""

    lexicon: Lexicon
    models: Models
    thresholds: Thresholds = field(default_factory=Thresholds)

    def read_turn(
        self, text: str, state: CaseState | None = None, *, asked: Sequence[str] = ()
    ) -> CaseState:
        """The state after reading ``text`` as the next turn. ``asked`` are the facts the
        bot just asked about: a bare "about 600" or "yes" answers the one asked."""
        state = state or CaseState()
        turn = len(state.turns)
        found = split_sentences(text[:MAX_CHARS], turn)
        reading = self._read(found)
        new = _copy(state)
        new.turns.append(text[:MAX_CHARS])
        new.truncated = state.truncated or len(text) > MAX_CHARS
        updates: dict[str, tuple[Any, Evidence]] = {}
        for name, r in reading.facts.items():
            if r.confidence < self.thresholds.confirm:
                continue
            quote = _evidence(*self._where(r, reading), r.confidence)
            accept = self.thresholds.accepts(name, asked=name in asked)
            if r.confidence >= accept:  # a reply to the question about it is about it
                updates[name] = (r.value, quote)
                if name == "requests_per_day":
                    new.volume_factor = r.factor
            elif r.confidence >= self.thresholds.confirm and name not in state.evidence:
                new.tentative[name] = Tentative(value=_plain(r.value), evidence=quote)
        if turn > 0 and "requests_per_day" not in updates:
            fixed = corrections.volume(found, state, self.lexicon)
            if fixed is not None:
                value, factor, sentence, span = fixed
                updates["requests_per_day"] = (value, _evidence(sentence, span, 1.0))
                new.volume_factor = factor
        if turn > 0:
            self._answers(found, asked, updates, new)
        facts = new.facts.model_dump()
        for name, (value, quote) in updates.items():
            facts[name] = value
            new.evidence[name] = quote
            new.tentative.pop(name, None)
            new.unsure.discard(name)
        for s in reading.sentences:
            if not any(
                name == "falls_short" and "neg" not in s.marked.marks[first]
                for name, first, _ in s.marked.matched
            ):
                said = s.marked.sentence
                _prompting_from_figures(facts, new, range(said.start, said.end))
        _prompting_meets_bar(facts, new)
        if facts.get("specialized_domain") and not facts.get("domain"):
            facts["domain"] = next((d for s in found if (d := self.lexicon.domain(s.tokens))), None)
        new.facts = Facts.model_validate(facts)
        self._motives(reading.sentences, new)
        new.details = details.read(found, state.details, self.lexicon)
        if turn > 0 and any(self.lexicon.mentions_skip(s.tokens) for s in found):
            new.skipped = True
        return new

    def _where(self, r: _Reading, turn: _Turn) -> tuple[Sentence, tuple[int, int]]:
        """The sentence and words that decided ``r`` (found now: only for facts taken)."""
        if r.where is not None:
            return r.where
        assert r.head is not None
        head, best = r.head
        index = self.models.turn.slices[head][0] + best
        said = max(turn.sentences, key=lambda s: s.scores[index])
        linear = self.models.turn.linear
        sentence = said.marked.sentence
        return sentence, decisive_words(linear, index, sentence, said.features)

    def _read(self, found: Sequence[Sentence]) -> _Turn:
        """Every model over the turn and each number in it: the best reading of each fact."""
        out = _Turn()
        for sentence in found:
            marked = Marked.of(sentence, self.lexicon)
            out.sentences.append(_Sentence(marked, sentence_features(marked)))
            for m in mentions(sentence):
                found_number = self._number(marked, m)
                if found_number is None:
                    continue
                fact, r = found_number
                current = out.facts.get(fact)
                if (
                    current is None
                    or r.confidence >= current.confidence
                    or corrections.restates(sentence, m.first)  # "2k a day, no wait, a week"
                ):
                    out.facts[fact] = r
        if not out.sentences:
            return out
        turn_models = self.models.turn
        message, by_sentence = turn_models.turn_scores(
            [[name for name, _, _ in s.features] for s in out.sentences],
            opening_features(out.sentences[0].features),
        )
        for s, scores in zip(out.sentences, by_sentence, strict=True):
            s.scores = scores
        for head, p in turn_models.head_probabilities(message).items():
            best = max(range(1, len(p)), key=p.__getitem__)
            confidence = p[best]
            if head in SENTENCE_READ:
                best, confidence = self._said_in_a_sentence(head, best, confidence, out.sentences)
            fact = HEAD_FACT[head]
            if fact in out.facts and out.facts[fact].confidence >= confidence:
                continue  # a count of examples read from a number beats "no examples"
            value = head_value(head, turn_models.heads[head][best])
            out.facts[fact] = _Reading(value, confidence, None, None, (head, best))
        return out

    def _said_in_a_sentence(
        self, head: str, best: int, confidence: float, sentences: Sequence[_Sentence]
    ) -> tuple[int, float]:
        """A fact said in one sentence of a long message: the turn model reads it over all
        the message's words, where the others dilute it; read over that sentence alone,
        it stands out. Where the sentence is surer, the two are averaged."""
        a, b = self.models.turn.slices[head]
        sentence_best, sentence_confidence = best, 0.0
        for s in sentences:
            p = softmax(s.scores[a:b])
            top = max(range(1, len(p)), key=p.__getitem__)
            if p[top] > sentence_confidence:
                sentence_best, sentence_confidence = top, p[top]
        if sentence_confidence <= confidence:
            return best, confidence
        return sentence_best, (confidence + sentence_confidence) / 2

    def _number(self, marked: Marked, m: Mention) -> tuple[str, _Reading] | None:
        """The fact a number states, with its value, or None."""
        role_model = self.models.role
        sentence = marked.sentence
        probs = role_model.probabilities(mention_features(marked, m))
        roles = [i for i, name in enumerate(role_model.classes) if name != NONE]
        best = max(roles, key=probs.__getitem__)  # a role short of "none" is kept to confirm
        if probs[best] < self.thresholds.confirm:
            return None
        role = role_model.classes[best]
        read = role_value(m, role)
        if read is None:
            return None
        value, factor = read
        span = mention_span(role_model, best, sentence, m)
        fact = FACT_OF_ROLE[role.removesuffix("_inv")]
        return fact, _Reading(value, probs[best], (sentence, span), factor)

    def _answers(
        self,
        found: Sequence[Sentence],
        asked: Sequence[str],
        updates: dict[str, tuple[Any, Evidence]],
        state: CaseState,
    ) -> None:
        """A short reply to the one question just asked: "yes", "none", "about 600",
        "not sure"; or to the one confirmation of an unsure reading among them: "yes"
        takes the reading as said, "no" drops it (the fact is then asked as unknown)."""
        if not found:
            return
        first = found[0]
        whole = (0, len(first.tokens) - 1)
        kind = self.lexicon.answer(first.tokens)
        confirming = [f for f in asked if f in state.tentative and f not in updates]
        if kind in ("yes", "no") and len(confirming) == 1:
            fact = confirming[0]
            reading = state.tentative.pop(fact)
            if kind == "yes":
                updates[fact] = (
                    reading.value,
                    reading.evidence.model_copy(update={"confidence": 1.0}),
                )
            return
        if len(asked) != 1 or asked[0] in updates:
            return
        fact = asked[0]
        if kind == "unsure":
            state.unsure.add(fact)
        elif fact in BOOLEAN_FACTS and kind in ("yes", "no"):
            updates[fact] = (kind == "yes", _evidence(first, whole, 1.0))
        elif fact == "labeled_examples" and kind in ("none", "no"):
            updates[fact] = (0, _evidence(first, whole, 1.0))
        elif fact in ("requests_per_day", "labeled_examples") and len(first.tokens) <= 8:
            numbers = [m for m in mentions(first) if not m.percent and not m.currency]
            if len(numbers) == 1:
                m = numbers[0]
                value = m.amount
                if fact == "requests_per_day":
                    value = m.per_day or m.amount
                    state.volume_factor = (
                        1.0 if m.per_day is None else role_value(m, "volume")[1]  # type: ignore[index]
                    )
                updates[fact] = (value, _evidence(first, (m.first, m.last), 1.0))

    def _motives(self, sentences: Sequence[_Sentence], state: CaseState) -> None:
        """Why they came; the fine-tuning motives need fine-tuning on the table."""
        for s in sentences:
            shown: dict[str, tuple[int, int]] = {}
            for name, first, last in s.marked.matched:
                if "neg" in s.marked.marks[first]:
                    continue
                a, b = shown.get(name, (first, last))
                shown[name] = (min(a, first), max(b, last))
            for motive, options in self.lexicon.motives.items():
                for lists in options:
                    if all(n in shown for n in lists):
                        span = (min(shown[n][0] for n in lists), max(shown[n][1] for n in lists))
                        state.motives.add(Motive(motive))
                        state.evidence.setdefault(motive, _evidence(s.marked.sentence, span, 1.0))
                        break
        if Motive.WANTS_FINE_TUNING not in state.motives:
            for motive in (Motive.TEACH_FACTS, Motive.MAKE_SMARTER):
                state.motives.discard(motive)
                state.evidence.pop(motive.value, None)


def _prompting_from_figures(
    facts: dict[str, Any], state: CaseState, sentences: Container[int]
) -> None:
    """A measured quality alone says prompting was tried, not that it falls short: when
    "exhausted" was read from the sentence that gives the figure, the sentence says no
    more ("not good enough", "still"), and no target is known, it is left to the figures
    (the rules compare them once the target is known)."""
    said, figure = state.evidence.get("prompting_exhausted"), state.evidence.get("baseline_quality")
    if not facts.get("prompting_exhausted") or said is None or figure is None:
        return
    if facts.get("target_quality") is not None or said.turn != figure.turn:
        return
    if said.start in sentences and figure.start in sentences:
        facts["prompting_exhausted"] = None
        del state.evidence["prompting_exhausted"]


def _prompting_meets_bar(facts: dict[str, Any], state: CaseState) -> None:
    """A measured prompt that meets the quality they need "works": prompting is not
    exhausted, unless they said it falls short for another reason (cost, latency) apart
    from the figures."""
    baseline, target = facts.get("baseline_quality"), facts.get("target_quality")
    if baseline is None or target is None:
        return
    if Amount.model_validate(baseline).compare(">=", Amount.model_validate(target)) is not True:
        return
    said = state.evidence.get("prompting_exhausted")
    figures = state.evidence["baseline_quality"]
    separate = said is not None and (said.turn, said.start) != (figures.turn, figures.start)
    if (
        facts.get("prompting_exhausted")
        and said is not None
        and said.confidence >= 0.9
        and separate
    ):
        return
    facts["prompting_exhausted"] = False
    state.evidence["prompting_exhausted"] = figures


def _copy(state: CaseState) -> CaseState:
    """``state`` to change: what ``model_copy(deep=True)`` gives, a tenth of the work. Every
    list, set and dict field is new, and every model field that is not frozen; what they
    hold is frozen (evidence, tentative readings, amounts) and shared."""
    fresh: dict[str, Any] = {}
    for name in CaseState.model_fields:
        value = getattr(state, name)
        if isinstance(value, list | set | dict):
            fresh[name] = type(value)(value)
        elif isinstance(value, BaseModel) and not value.model_config.get("frozen"):
            fresh[name] = value.model_copy()
    return state.model_copy(update=fresh)


def _evidence(sentence: Sentence, span: tuple[int, int], confidence: float) -> Evidence:
    start, end, quote = sentence.quote(*span)
    return Evidence(
        turn=sentence.turn, start=start, end=end, quote=quote, confidence=round(confidence, 3)
    )


def _plain(value: Any) -> Any:
    """A value as JSON holds it (an amount as a number or {low, high})."""
    return value.model_dump() if isinstance(value, Amount) else value
