"""Why they came and what the model does: the task type (scored over every turn so far)
and the motives the policy's warnings hang on."""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Callable, Sequence
from itertools import accumulate

from bot.case import CaseState, Motive
from bot.facts import Evidence, TaskType
from bot.parsing.cues import CompiledVocabulary, find
from bot.parsing.text import Sentence

EvidenceOf = Callable[[Sentence], Evidence]
_SEPARATOR = "\n\x00\n"
"""Between sentences: no cue can match across it (control characters never reach here)."""


def read_task(
    state: CaseState,
    everything: Sequence[Sentence],
    vocab: CompiledVocabulary,
    evidence: EvidenceOf,
) -> None:
    """The task type with the most cue weight over all turns so far."""
    best: tuple[float, TaskType, Sentence] | None = None
    joined = _SEPARATOR.join(s.norm for s in everything)
    starts = list(accumulate((len(s.norm) + len(_SEPARATOR) for s in everything), initial=0))
    for task, cues in vocab.tasks.items():
        score = 0.0
        first: int | None = None
        for pattern, weight in cues:
            match = pattern.search(joined)  # each cue counts once, however often it is said
            if match:
                score += weight
                first = match.start() if first is None else min(first, match.start())
        if first is not None and (best is None or score > best[0]):
            best = (score, task, everything[bisect_right(starts, first) - 1])
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
