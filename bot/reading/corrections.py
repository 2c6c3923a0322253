"""A later reply that puts an earlier figure right without restating it whole:
"sorry, that's per week not per day", "those numbers are monthly", "correction: 900 not
9,000". Grammar: the reply names a period or a pair of numbers, the state says which
figure it fixes. And a figure put right as it is said: "2k a day, no wait, 2k a week"."""

from __future__ import annotations

import re
from collections.abc import Sequence

from bot.amount import Amount
from bot.case import CaseState
from bot.reading.lexicon import Lexicon
from bot.reading.mentions import PER_DAY
from bot.reading.tokens import Sentence

_PERIOD = r"(?P<unit>hour|day|week|fortnight|month|quarter|year)s?"
_UNIT_FIX = re.compile(
    r"\b(?:that's|that is|it's|it is|i meant|meant|should be|should have said|make that|"
    r"actually|sorry ,?|correction :?|oops ,?)"
    rf"(?: (?:per|a|an|each|every|/)) ?{_PERIOD}"
    r"|\b(?:numbers|figures|volumes?|counts?|those|these|that|it)(?:'s| are| is| were| was)"
    r"(?: [a-z]+){0,2}"
    r" (?P<adverb>hourly|daily|weekly|fortnightly|monthly|quarterly|yearly|annual)\b"
    r"|\bper (?P<meant>hour|day|week|fortnight|month|quarter|year)s? ,? not per"
    r" (?:hour|day|week|month|year)\b"
)
_ADVERBS = {
    "hourly": "hour",
    "daily": "day",
    "weekly": "week",
    "fortnightly": "fortnight",
    "monthly": "month",
    "quarterly": "quarter",
    "yearly": "year",
    "annual": "year",
}
_NUMBER_FIX = re.compile(
    r"(?P<new>\d+(?:\.\d+)?)(?: ,)? (?:not|instead of|rather than) (?P<old>\d+(?:\.\d+)?)\b"
)


def volume(
    found: Sequence[Sentence], state: CaseState, lexicon: Lexicon
) -> tuple[Amount, float, Sentence, tuple[int, int]] | None:
    """(the corrected volume per day, its per-day factor, where it was said) or None."""
    old = state.facts.requests_per_day
    factor = state.volume_factor
    if old is None or not factor:
        return None
    for sentence in found:
        norm = sentence.norm_text
        unit = _UNIT_FIX.search(norm.text)
        if unit:
            period = unit["unit"] or unit["meant"] or _ADVERBS.get(unit["adverb"] or "", "day")
            new_factor = PER_DAY[period]
            span = (norm.token_at(unit.start()), norm.token_at(unit.end() - 1))
            return old.scaled(new_factor / factor), new_factor, sentence, span
        fix = _NUMBER_FIX.search(norm.text)
        if fix:
            new, wrong = float(fix["new"]), float(fix["old"])
            said = old.scaled(1 / factor)
            if said.low is not None and abs(said.low - wrong) <= 0.1 * wrong:
                span = (norm.token_at(fix.start()), norm.token_at(fix.end() - 1))
                return Amount.exactly(new * factor), factor, sentence, span
    return None


_RESTATING = (
    ("no", "wait"),
    ("no", "sorry"),
    ("wait",),
    ("sorry",),
    ("oops",),
    ("i", "mean"),
    ("i", "meant"),
    ("or", "rather"),
    ("rather",),
    ("correction",),
    ("make", "that"),
    ("scratch", "that"),
    ("actually",),
)
"""Words that take back the figure just said and give another ("eleven hundred a day, no
wait, a week"): the figure after them is the one meant."""


_BETWEEN = frozenset(
    {"about", "around", "like", "roughly", "maybe", "more", "it's", "its", "is", "it"}
)


def restates(sentence: Sentence, first: int) -> bool:
    """Whether the number starting at token ``first`` follows words that take back a
    figure said just before it in the same sentence."""
    words = [t.norm for t in sentence.tokens[max(0, first - 6) : first] if t.kind == "word"]
    while words and words[-1] in _BETWEEN:
        words.pop()  # "no wait, it's about ..."
    return any(tuple(words[len(words) - len(w) :]) == w for w in _RESTATING if len(words) >= len(w))
