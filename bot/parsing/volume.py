"""The request volume in the user's words, normalised to a day (including "30 analysts x
20 questions a day each", per shift, and later corrections of the number or its period);
and the small word-window helpers the other readers share."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from bot.parsing.cues import CompiledVocabulary
from bot.parsing.numbers import Quantity, quantities
from bot.parsing.text import Sentence

PER_DAY = {
    "hour": 24.0, "hr": 24.0, "h": 24.0, "hourly": 24.0,
    "day": 1.0, "d": 1.0, "daily": 1.0, "weekday": 1.0, "business day": 1.0,
    "working day": 1.0, "night": 1.0, "nightly": 1.0,
    "week": 1 / 7, "wk": 1 / 7, "w": 1 / 7, "weekly": 1 / 7,
    "fortnight": 1 / 14, "fortnightly": 1 / 14,
    "month": 1 / 30, "mo": 1 / 30, "monthly": 1 / 30,
    "quarter": 1 / 91.25, "quarterly": 1 / 91.25,
    "year": 1 / 365, "yr": 1 / 365, "y": 1 / 365, "annum": 1 / 365,
    "yearly": 1 / 365, "annually": 1 / 365,
}  # fmt: skip
_UNIT = (
    r"(?P<unit>hour|hr|day|weekday|business day|working day|night|week|wk|fortnight|month|mo"
    r"|quarter|year|yr|annum)s?"
)
_RATE = re.compile(
    r"^(?P<noun>(?:\s*[a-z][\w&'.+-]*){0,5}?)"
    rf"(?:\s+(?:a|an|per|each|every|a single|in a|in one|in 1|in the|/)\s*{_UNIT}"
    rf"|\s*/\s*(?P<slash>h|hr|d|day|wk|w|mo|month|yr|y|week|year|hour)"
    r"|\s+(?P<adverb>hourly|daily|nightly|weekly|fortnightly|monthly|quarterly|yearly|annually)"
    r"|\s+(?:a|an|per|each|every)\s+(?P<shift>shift))(?![\w])"
)
_DAILY_NOUN = re.compile(r"^\s*(?P<adverb>hourly|daily|weekly|monthly|yearly)\s+(?P<noun>[a-z]\w*)")
WINDOW_WORDS = 12


@dataclass(frozen=True)
class Count:
    value: float
    sentence: Sentence
    per_day_factor: float = 1.0
    """For a volume: what one unit of the stated period is per day (a week: 1/7)."""


_HOURS_A_DAY = re.compile(
    r"\b(\d{1,2})[- ]?(?:hours?|hrs?|h) (?:a|per|each) (?:day|shift)\b"
    r"|\b(\d{1,2})-hour (?:day|shift)s?\b"
)
_SHIFTS = re.compile(r"\b(\d+) shifts?(?: (?:a|per|each) day)?\b")


def _unit_factor(match: re.Match[str]) -> float:
    unit = match["unit"] or match["slash"] or match["adverb"]
    return PER_DAY[unit.lower()]


def _shift_factor(norm: str) -> float | None:
    """'per shift, 3 shifts a day' -> 3; a per-shift rate with no shift count is unknown."""
    shifts = _SHIFTS.search(norm)
    return float(shifts.group(1)) if shifts else None


def words_after(norm: str, end: int, n: int) -> str:
    return " ".join(norm[end:].split()[:n])


def words_before(norm: str, start: int, n: int) -> str:
    return " ".join(norm[:start].split()[-n:])


def matches(patterns: Sequence[re.Pattern[str]], text: str) -> bool:
    return any(p.search(text) for p in patterns)


def volume(sentences: Sequence[Sentence], vocab: CompiledVocabulary) -> Count | None:
    """The first request volume the turn states, per day; None when it states none."""
    for sentence in sentences:
        qs = [q for q in quantities(sentence.norm) if not q.currency and not q.percent]
        for i, q in enumerate(qs):
            found = rate(sentence.norm, q, vocab)
            if found is None:
                continue
            per_day, rate_end, factor = found
            people = _population_before(sentence.norm, qs[:i], q, vocab)
            trailing_each = re.search(
                r"^\s*(?:each|apiece|per (?:person|head|user))\b|\beach\b|\bapiece\b",
                sentence.norm[rate_end:][:12] + " " + sentence.norm[q.end : rate_end],
            )
            per_person = trailing_each or _per_person_rate(sentence.norm, q, rate_end, vocab)
            if people is None and per_person:
                people = _population_before(sentence.norm, qs[:i], q, vocab, linked=True)
                people = people or _population_after(sentence.norm, qs[i + 1 :], vocab)
            if people is not None:
                per_day *= people
            elif per_person or _linked_to_person(sentence.norm, q, vocab):
                continue  # a per-person rate with no head count: not a volume
            return Count(per_day, sentence, factor)
    return None


_UNIT_CORRECTION = re.compile(
    r"\b(?:that's|that is|it's|it is|i meant|meant|should be|should have said|make that|not)"
    rf"\s+(?:per|a|an|each|every|/)\s*{_UNIT}"
    r"|\b(?:numbers|figures|volumes?|counts?|those|these|that|it)(?:'s| are| is| were| was)"
    r"(?: \w+){0,2} (?P<adverb>hourly|daily|weekly|fortnightly|monthly|quarterly|yearly|annual)\b"
)
_ADVERB = {"annual": "yearly"}


_CORRECTION = re.compile(
    r"(?P<new>\d[\d,.]*\s?[km]?)\s*,?\s*(?:not|instead of|rather than)\s+"
    r"(?P<old>\d[\d,.]*\s?[km]?)\b"
)


def corrected_number(sentences: Sequence[Sentence]) -> tuple[float, float, Sentence] | None:
    """'correction: 1,200 not 12,000' -> (1200, 12000): a number put right."""
    for sentence in sentences:
        match = _CORRECTION.search(sentence.norm)
        if match:
            new, old = quantities(match["new"]), quantities(match["old"])
            if new and old:
                return new[0].value, old[0].value, sentence
    return None


def corrected_unit(sentences: Sequence[Sentence]) -> float | None:
    """'sorry, that's per week not per day' -> the per-day factor of the period meant."""
    for sentence in sentences:
        for match in _UNIT_CORRECTION.finditer(sentence.norm):
            if match["adverb"]:
                return PER_DAY[_ADVERB.get(match["adverb"], match["adverb"])]
            if not match.group(0).startswith("not"):
                return PER_DAY[match["unit"]]
    return None


def rate_factor(sentence: Sentence, vocab: CompiledVocabulary) -> float | None:
    """The per-day factor of the volume stated in ``sentence`` (to re-read it)."""
    found = volume([sentence], vocab)
    return found.per_day_factor if found else None


def rate(norm: str, q: Quantity, vocab: CompiledVocabulary) -> tuple[float, int, float] | None:
    after = norm[q.end :]
    match = _RATE.match(after)
    if match and match["shift"]:
        shifts = _shift_factor(norm)
        return (q.value * shifts, q.end + match.end(), shifts) if shifts else None
    if match:
        noun = match["noun"].strip()
        if noun and matches(vocab.not_volume, noun.split()[0]):
            return None
        words = noun.split()
        people = words and matches(vocab.population, words[0])
        if (
            people
            and (len(words) == 1 or matches(vocab.population, words[-1]))
            and not match["adverb"]
        ):
            return None
        if match["adverb"] and not noun:
            following = after[match.end() :].split()[:1]
            if following and matches(vocab.population, following[0].strip(",.;:")):
                return None  # '500k daily players' is people, not requests
        factor = _unit_factor(match)
        hours = _HOURS_A_DAY.search(norm)
        if factor == PER_DAY["hour"] and hours:
            factor = float(hours.group(1) or hours.group(2))  # '90 an hour, 8 hours a day'
        return q.value * factor, q.end + match.end(), factor
    daily = _DAILY_NOUN.match(after)
    if daily and not matches(vocab.population, daily["noun"]):
        factor = PER_DAY[daily["adverb"]]
        return q.value * factor, q.end + daily.end(), factor
    return None


def _is_population(norm: str, q: Quantity, vocab: CompiledVocabulary) -> bool:
    """'120 support agents', '~500k daily players': a head count, not a volume."""
    for word in norm[q.end :].split()[:3]:
        bare = word.strip(",.;:()")
        if matches(vocab.population, bare):
            return True
        if bare != word or matches(vocab.not_volume, bare):
            return False  # the noun phrase ended before any person noun
    return False


def _population_before(
    norm: str,
    earlier: Sequence[Quantity],
    rate_q: Quantity,
    vocab: CompiledVocabulary,
    linked: bool = False,
) -> float | None:
    """'350 agents, each handles ~15 questions a day' -> 350 (linked by each/x/per)."""
    for people in reversed(earlier):
        if not _is_population(norm, people, vocab):
            continue
        between = norm[people.end : rate_q.start]
        each_of = re.search(
            r"\beach of\s+(?:\w+\s+)?$|\bevery one of\s+(?:\w+\s+)?$", norm[: people.start]
        )
        per_each = matches(vocab.per_each, between) or re.search(r"\bx\b|\*", between)
        if linked or per_each or each_of:
            return people.value
    return None


def _per_person_rate(norm: str, q: Quantity, rate_end: int, vocab: CompiledVocabulary) -> bool:
    """'50 requests per user per week': the rate is per person."""
    phrase = norm[q.end : rate_end]
    link = re.search(r"\bper\s+(\w+)", phrase)
    return bool(link) and matches(vocab.population, link.group(1) if link else "")


def _population_after(
    norm: str, later: Sequence[Quantity], vocab: CompiledVocabulary
) -> float | None:
    """'50 requests per user per week, ~300 users' -> 300."""
    for people in later:
        if _is_population(norm, people, vocab):
            return people.value
    return None


def _linked_to_person(norm: str, q: Quantity, vocab: CompiledVocabulary) -> bool:
    """'each user asks about 5 questions a day': a rate per person."""
    before = words_before(norm, q.start, 6)
    link = re.search(r"\b(?:each|every|per|a single)\s+((?:\S+\s+){0,2}\S+)", before)
    return bool(link) and matches(vocab.population, link.group(1) if link else "")
