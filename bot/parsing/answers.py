"""Short replies that answer the question just asked: "about 600", "none", "yes"."""

from __future__ import annotations

import re
from collections.abc import Sequence

from bot.parsing.cues import Updates
from bot.parsing.flags import BOOLEAN_FACTS
from bot.parsing.numbers import quantities
from bot.parsing.text import Sentence

_YES = re.compile(
    r"^\s*(?:yes|yeah|yep|yup|correct|right|sure|definitely|absolutely|it is|we do|they do)\b"
)
_NO = re.compile(r"^\s*(?:no|nope|nah|not really|never|it isn't|it's not|we don't|they don't)\b")
_NONE = re.compile(r"^\s*(?:we have |we've got |there are )?(?:none|zero|0|nothing)\b")
_BARE_NUMBER = re.compile(r"^\s*(?:~|about|around|roughly|maybe|approx\.?|like|some)?\s*$")


def read_bare_answers(
    text: str,
    found: Sequence[Sentence],
    updates: Updates,
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
    if len(asked) == 1 and flags and flags[0] not in updates:  # a bare 'yes' is only clear
        # when exactly one question was asked (a button, or a single question)
        norm = found[0].norm
        if _YES.match(norm):
            updates[flags[0]] = (True, found[0])
        elif _NO.match(norm):
            updates[flags[0]] = (False, found[0])
