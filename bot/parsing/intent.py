"""Why they came and what the model does: the task type (scored over every turn so far)
and the motives the policy's warnings hang on."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from bot.case import CaseState, Motive
from bot.facts import Evidence, TaskType
from bot.parsing.cues import CompiledVocabulary, find
from bot.parsing.text import Sentence

EvidenceOf = Callable[[Sentence], Evidence]


def read_task(
    state: CaseState,
    everything: Sequence[Sentence],
    vocab: CompiledVocabulary,
    evidence: EvidenceOf,
) -> None:
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
        state.evidence["task_type"] = evidence(best[2])


def read_motives(
    state: CaseState, found: Sequence[Sentence], vocab: CompiledVocabulary, evidence: EvidenceOf
) -> None:
    """Why they came. The fine-tuning-specific motives need fine-tuning on the table."""
    hits = {m: find(ps, found) for m, ps in vocab.motives.items()}
    for motive, matches in hits.items():
        if matches:
            state.motives.add(motive)
            state.evidence.setdefault(motive.value, evidence(matches[0][0]))
    if Motive.WANTS_FINE_TUNING not in state.motives:
        for motive in (Motive.TEACH_FACTS, Motive.REDUCE_HALLUCINATIONS, Motive.MAKE_SMARTER):
            if motive in state.motives and not hits.get(motive):
                continue
            state.motives.discard(motive)
            state.evidence.pop(motive.value, None)
