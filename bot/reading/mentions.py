"""The number grammar: every quantity a sentence states, as an :class:`Amount`, with what
the words around it say about its form (a range, a bound, a share, money, a rate per
hour, day, week, ...) and, for a rate, its value per day (head counts times per-person
rates included: "30 analysts x 20 questions a day each" is 600 a day).

This is grammar, not meaning: *which* fact a number states (a volume, a count of
examples, a quality, or none of these) is the role model's judgement (``roles``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from functools import lru_cache

from bot.amount import Amount
from bot.reading.tokens import NormText, Sentence, Token

PER_DAY = {
    "second": 86400.0,
    "sec": 86400.0,
    "s": 86400.0,
    "minute": 1440.0,
    "min": 1440.0,
    "hour": 24.0,
    "hr": 24.0,
    "h": 24.0,
    "hourly": 24.0,
    "day": 1.0,
    "d": 1.0,
    "daily": 1.0,
    "weekday": 1.0,
    "workday": 1.0,
    "night": 1.0,
    "nightly": 1.0,
    "shift": 1.0,
    "week": 1 / 7,
    "wk": 1 / 7,
    "w": 1 / 7,
    "weekly": 1 / 7,
    "fortnight": 1 / 14,
    "fortnightly": 1 / 14,
    "month": 1 / 30,
    "mo": 1 / 30,
    "monthly": 1 / 30,
    "mth": 1 / 30,
    "quarter": 1 / 91.25,
    "quarterly": 1 / 91.25,
    "year": 1 / 365,
    "yr": 1 / 365,
    "y": 1 / 365,
    "annum": 1 / 365,
    "yearly": 1 / 365,
    "annually": 1 / 365,
}
"""One of each period, per day. A per-second or per-minute rate is per day over the
hours stated (round the clock when none are)."""


def _just_before(words: str) -> re.Pattern[str]:
    """One of ``words`` (alternatives) ending the text before a number, maybe with a "~"."""
    return re.compile(rf"\b(?:{words})(?: ~)?$")


_UNIT = (
    r"(?P<unit>second|sec|minute|min|hour|hr|business day|working day|work day|weekday|workday"
    r"|day|night|week|wk|fortnight|month|mth|mo|quarter|year|yr|annum|shift)s?"
)
_SLASH = r"(?P<slash>s|sec|min|h|hr|d|day|wk|w|week|mo|month|mth|yr|y|year|hour|q|quarter)"
_ADVERB = r"(?P<adverb>hourly|daily|nightly|weekly|fortnightly|monthly|quarterly|yearly|annually)"
_RATE_AFTER = re.compile(
    r"^(?: \+)?(?P<noun>(?: [a-z'][\w&'+.-]*){0,5}?)"
    r"(?: (?:is|are|was|were|that's|it's))?"
    rf"(?: (?:a|an|per|each|every|a single|in a|in one|in 1|in the|/) ?{_UNIT}\b"
    rf"| / {_SLASH}\b"
    rf"| {_ADVERB}\b"
    r"| (?P<rps>rps|qps|rpm|tps|req/s|requests/s))"
)
_ATARI = "(?:あ|当) た り"
"""あたり, 当たり: "per" after a period in Japanese (1日あたり, "per day")."""
_RATE_BEFORE = re.compile(
    rf"(?:\b(?:a |an |per |each |every |(?=[a-z ]+ に)|1 (?=[a-z ]+ {_ATARI})){_UNIT}"
    rf"(?: に| {_ATARI})?"  # 月に: "a month"; 1日あたり: "per day"
    rf"|\b{_ADVERB}|\b(?:daily|weekly|monthly) volume)"
    r"(?: [\w'&+.-]+){0,8}? (?:is |of |at |around |about |~ |roughly |: |= )*$"
)
_PER_ONE = re.compile(rf"^ {_UNIT} {_ATARI}")
_HOURS = re.compile(
    r"\b(\d{1,2}(?:\.\d)?) ?-? ?(?:[a-z]+ )?(?:hours?|hrs?|h)\b"
    r"(?! (?:ago|later|before|after|turnaround))"
    r"|\b(24 / 7|24x7|round the clock|around the clock|all day)"
    r"|\b(business hours|office hours|working hours|9 to 5|9 - 5)"
)
_TIME_NOUN = re.compile(
    r"^ (?:more |extra |full |whole |working |business |open )?(?:hours?|hrs?|minutes?|mins?"
    r"|seconds?|secs?|days?|weeks?|months?|years?|shifts?)\b"
)
_SHIFTS = re.compile(r"\b(\d+) shifts?(?: (?:a|per|each) day)?\b")
_LOW_STRICT = _just_before(r"over|more than|above|upwards of|north of|in excess of|>")
_LOW_INCLUSIVE = _just_before(
    r"at least|minimum of|min|min\.|no fewer than|no less than|>=|starting at"
)
_HIGH_STRICT = _just_before(r"under|below|less than|fewer than|<|sub")
_HIGH_INCLUSIVE = _just_before(r"at most|up to|max|max\.|maximum of|no more than|<=|not more than")
_PLUS_AFTER = re.compile(r"^(?: \+| plus\b| or more\b| and up\b| or so and up\b)")
_LESS_AFTER = re.compile(r"^(?: or (?:less|fewer)\b| max\b| at most\b| tops\b)")
_RANGE_JOIN = re.compile(r"^ (?:-|to|~|or) $|^ and $")
_BETWEEN = _just_before("between|from")
_CURRENCY_BEFORE = re.compile(r"(?:[$€£]|\b(?:usd|eur|gbp|chf|inr))(?: ~)?$")
_CURRENCY_AFTER = re.compile(
    r"^ (?:usd|eur|gbp|chf|dollars?|euros?|bucks|pounds|cents|/ ?(?:mo|month|yr)\b(?= budget))"
)
_PERCENT_AFTER = re.compile(r"^ (?:%|percent\b|pct\b|per cent\b)")
_OUT_OF = re.compile(
    r"^ (?:times |cases |of them |of those )?(?:out of|in|/|of) (\d+(?:\.\d+)?)\b(?! ?%)"
)


@dataclass(frozen=True)
class Mention:
    """A quantity in a sentence: tokens ``first``..``last`` (the number and the words
    that qualify it), what was said, and what the grammar makes of it."""

    first: int
    last: int
    amount: Amount
    percent: bool = False
    """Said as a share ("87%", "7 out of 10"): ``amount`` is then the share, 0..1."""
    currency: bool = False
    per_day: Amount | None = None
    """For a rate: the amount per day (head counts multiplied in)."""
    unit: str | None = None
    """The period of a rate as written ("week"), or None."""
    per_person: bool = False
    """A rate per person multiplied by a head count, or one with no head count given."""
    number_first: int = 0
    number_last: int = 0
    """The tokens of the number itself (a range spans both numbers)."""


def _bound(before: str, after: str, value: float) -> Amount:
    if _LOW_STRICT.search(before):
        return Amount(low=value, low_strict=True)
    if _LOW_INCLUSIVE.search(before) or _PLUS_AFTER.match(after):
        return Amount(low=value)
    if _HIGH_STRICT.search(before):
        return Amount(low=0, high=value, high_strict=True)
    if _HIGH_INCLUSIVE.search(before) or _LESS_AFTER.match(after):
        return Amount(low=0, high=value)
    return Amount.exactly(value)


def _rate(norm: str, start: int, end: int) -> tuple[float, str, int, bool] | None:
    """(per-day factor, unit, end of the rate words, per person) for the number at
    ``start``..``end`` of ``norm``; None when it is not a rate ("8 hours a day" is a
    length of time, not a count)."""
    after = norm[end:]
    if _TIME_NOUN.match(after):
        return None
    match = _RATE_AFTER.match(after)
    if match:
        if match["rps"]:
            unit = "minute" if match["rps"] == "rpm" else "second"
        else:
            unit = (match["unit"] or match["slash"] or match["adverb"]).lower()
        per_person = bool(
            re.search(
                r"\bper (?:user|person|head|seat|agent|analyst|rep)\b", after[: match.end() + 20]
            )
        )
        return _factor(norm, unit), unit, end + match.end(), per_person
    before = norm[max(0, start - 60) : start]
    match = _RATE_BEFORE.search(before)
    if match:
        unit = (match["unit"] or match["adverb"] or "day").lower()
        return _factor(norm, unit), unit, end, False
    foreign = _foreign_rate(after, before)
    if foreign is not None:
        unit, said_after = foreign
        return _factor(norm, unit), unit, end + said_after, False
    return None


_FOREIGN_UNITS = {
    **dict.fromkeys(("день", "сутки", "tag", "jour", "día", "dia", "ngày", "hari"), "day"),
    **dict.fromkeys(("giorno", "dag", "dzień", "اليوم", "dagen", "dygn", "zi"), "day"),
    **dict.fromkeys(("ημέρα", "μέρα", "روز", "النهار"), "day"),
    **dict.fromkeys(("неделю", "woche", "semaine", "semana", "tuần", "minggu"), "week"),
    **dict.fromkeys(("settimana", "tydzień", "الأسبوع", "veckan", "ugen", "uka", "uken"), "week"),
    **dict.fromkeys(("săptămână", "εβδομάδα", "هفته", "السيمانة"), "week"),
    **dict.fromkeys(("месяц", "monat", "mois", "mes", "mês", "tháng", "bulan"), "month"),
    **dict.fromkeys(("mese", "maand", "miesiąc", "الشهر", "månaden", "måneden", "lună"), "month"),
    **dict.fromkeys(("μήνα", "ماه"), "month"),
    **dict.fromkeys(("год", "jahr", "an", "année", "año", "ano", "năm", "tahun"), "year"),
    **dict.fromkeys(("anno", "jaar", "rok", "السنة", "året", "χρόνο", "سال"), "year"),
    **dict.fromkeys(("час", "stunde", "heure", "hora", "giờ", "jam", "uur"), "hour"),
}
_FOREIGN_ADVERBS = {
    **dict.fromkeys(("ежедневно", "täglich", "diariamente", "sehari", "매일", "하루에"), "day"),
    **dict.fromkeys(("하루", "giornalmente", "dagelijks", "dziennie", "günde", "günlük"), "day"),
    **dict.fromkeys(("يوميا", "päivässä", "päivittäin", "denně", "zilnic"), "day"),
    **dict.fromkeys(("ημερησίως", "باليوم", "प्रतिदिन", "रोज़", "रोज", "रोज़ाना", "रोजाना"), "day"),
    **dict.fromkeys(("roz", "rozana", "روزانہ", "روزانه", "روزی", "ביום", "setiap hari"), "day"),
    **dict.fromkeys(("दिन में", "din mein", "دن میں", "روز میں", "kwa siku", "za den"), "day"),
    **dict.fromkeys(("еженедельно", "wöchentlich", "semanalmente", "seminggu", "매주"), "week"),
    **dict.fromkeys(("settimanalmente", "wekelijks", "tygodniowo", "haftada", "haftalık"), "week"),
    **dict.fromkeys(("أسبوعيا", "viikossa", "týdně", "בשבוע", "हफ़्ते में", "hafte mein"), "week"),
    **dict.fromkeys(("ہفتے میں", "هفتهای", "kwa wiki"), "week"),
    **dict.fromkeys(("ежемесячно", "monatlich", "mensualmente", "mensalmente"), "month"),
    **dict.fromkeys(("sebulan", "매달", "매월", "mensilmente", "maandelijks"), "month"),
    **dict.fromkeys(("miesięcznie", "ayda", "aylık", "شهريا", "kuukaudessa"), "month"),
    **dict.fromkeys(("měsíčně", "lunar", "μηνιαίως", "בחודש", "ماهانه", "महीने में"), "month"),
    **dict.fromkeys(("mahine mein", "مہینے میں", "ماهی", "kwa mwezi"), "month"),
    **dict.fromkeys(("rocznie", "yılda", "yıllık", "jaarlijks", "سنويا"), "year"),
    **dict.fromkeys(("vuodessa", "ročně", "anual", "בשנה", "سالانه", "سالی", "setahun"), "year"),
    **dict.fromkeys(("साल में", "saal mein", "سال میں", "सालाना", "kwa mwaka"), "year"),
}
_FOREIGN_PERIOD = (
    r"(?:(?:в|pro|par|por|al|alla|ao|a la|à la|am|im|mỗi|một|per|setiap|chaque|cada|na|في"
    r"|om|i|pe|την|τον|در|ف|فى) "
    rf"(?P<fu>{'|'.join(_FOREIGN_UNITS)})|(?P<fa>{'|'.join(_FOREIGN_ADVERBS)}))"
    r"(?![\w\u0900-\u0dff])"  # \b fails after a vowel sign (में, रोज़): no letter to \w
)
_FOREIGN_AFTER = re.compile(rf"^(?: \.)?(?: [^\s\d.,;:!?]+){{0,4}}? {_FOREIGN_PERIOD}")
_FOREIGN_BEFORE = re.compile(rf"(?:^|\s){_FOREIGN_PERIOD}(?: [^\s\d.,;:!?]+){{0,3}}? ?$")
"""Rates in the languages the corpus holds besides English: "30 тыс. обращений в месяц",
"500 Anfragen pro Tag", "mỗi ngày 300 tin nhắn", "하루에 500건" (Chinese and Japanese
periods are read as English words by the tokenizer)."""


def _foreign_rate(after: str, before: str) -> tuple[str, int] | None:
    """(the period, how much of ``after`` the rate words take) of a rate said in another
    language, after the number or before it."""
    match = _FOREIGN_AFTER.match(after)
    said_after = match.end() if match else 0
    match = match or _FOREIGN_BEFORE.search(before)
    if match is None:
        return None
    return _FOREIGN_UNITS.get(match["fu"] or "") or _FOREIGN_ADVERBS[match["fa"]], said_after


_SHORT_UNITS = {
    "s": "second",
    "sec": "second",
    "min": "minute",
    "h": "hour",
    "hr": "hour",
    "d": "day",
    "wk": "week",
    "w": "week",
    "mo": "month",
    "mth": "month",
    "yr": "year",
    "y": "year",
    "q": "quarter",
}


def _factor(norm: str, unit: str) -> float:
    unit = _SHORT_UNITS.get(unit, unit)
    if unit in ("business day", "working day", "work day"):
        unit = "day"
    if unit == "shift":
        shifts = _SHIFTS.search(norm)
        return float(shifts.group(1)) if shifts else 1.0
    factor = PER_DAY[unit]
    if unit in ("second", "minute", "hour"):
        hours = next(
            (h for h in _HOURS.finditer(norm) if not h.group(1) or 0 < float(h.group(1)) <= 24),
            None,
        )
        if hours and hours.group(1):
            factor = factor / 24 * float(hours.group(1))
        elif hours and hours.group(3):
            factor = factor / 24 * 8
    return factor


@lru_cache(maxsize=2048)
def _mentions(norm: NormText, kinds: tuple[bool, ...]) -> tuple[Mention, ...]:
    text = norm.text
    found: list[Mention] = []
    numbers = [i for i, is_num in enumerate(kinds) if is_num]
    values = [float(text[norm.starts[i] : norm.starts[i] + _token_len(norm, i)]) for i in numbers]
    k = 0
    while k < len(numbers):
        i, value = numbers[k], values[k]
        start = norm.starts[i]
        end = start + _token_len(norm, i)
        low, high, last = value, value, i
        # a range: "500-800", "between 100 and 200", "5-10k" (5k-10k), "300 to 800"
        if k + 1 < len(numbers) and numbers[k + 1] == i + 2:
            j = numbers[k + 1]
            join = text[end : norm.starts[j]]
            between_words = _BETWEEN.search(text[:start].rstrip())
            if _RANGE_JOIN.match(join) and (" and " not in join or between_words):
                high = values[k + 1]
                low = _scaled_low(low, high)
                if low <= high:
                    last, end = j, norm.starts[j] + _token_len(norm, j)
                    k += 1
                else:
                    low = high = value
        before, after = text[:start].rstrip(), text[end:]
        if value == 1 and _PER_ONE.match(after):
            k += 1  # the 1 of 1日あたり ("per day") is the rate's, no quantity
            continue
        percent = bool(_PERCENT_AFTER.match(after))
        out_of = _OUT_OF.match(after) if not percent else None
        if out_of and 0 < value < float(out_of.group(1)) <= 1000 and low == high:
            low = high = value / float(out_of.group(1))
            percent = True
            whole_at = end + out_of.start(1)
            if k + 1 < len(numbers) and norm.starts[numbers[k + 1]] == whole_at:
                k += 1  # "7 out of 10": the 10 is part of the share
        elif percent:
            low, high = low / 100, high / 100
        amount = Amount(low=low, high=high) if low != high else _bound(" " + before, after, low)
        currency = bool(_CURRENCY_BEFORE.search(before) or _CURRENCY_AFTER.match(after))
        per_day: Amount | None = None
        unit: str | None = None
        per_person = False
        rate_end = end
        if not percent and not currency:
            rate = _rate(text, start, end)
            if rate is not None:
                factor, unit, rate_end, per_person = rate
                per_day = amount.scaled(factor)
        first_tok, last_tok = i, norm.token_at(max(rate_end, end) - 1)
        if percent or out_of:
            last_tok = max(last_tok, norm.token_at(end + (out_of.end() if out_of else 2) - 1))
        found.append(
            Mention(
                first_tok, last_tok, amount, percent, currency, per_day, unit, per_person, i, last
            )
        )
        k += 1
    return tuple(_with_people(found, norm, kinds))


def _scaled_low(low: float, high: float) -> float:
    """The low end of "5-10k" or "1.5-3k": it shares the high end's multiplier."""
    if high < 1000 or low >= high / 100:
        return low
    for multiplier in (1e3, 1e6, 1e9):
        if high / 10 < low * multiplier <= high:
            return low * multiplier
    return low


def _token_len(norm: NormText, i: int) -> int:
    end = norm.starts[i + 1] - 1 if i + 1 < len(norm.starts) else len(norm.text)
    return end - norm.starts[i]


_PEOPLE = re.compile(
    r"^ (?:[a-z-]+ ){0,2}?[a-z]*(?:users?|customers?|agents?|analysts?|reps?|employees?"
    r"|people|staff"
    r"|students?|players?|members?|subscribers?|lawyers?|attorneys?|paralegals?|doctors?"
    r"|nurses?|clinicians?|engineers?|devs?|developers?|advisors?|technicians?|drivers?"
    r"|stores?|branches?|sites?|clinics?|resorts?|hotels?|restaurants?|teams?|seats?"
    r"|accounts?|merchants?|sellers?|riders?|recruiters?|teachers?|tutors?|physicians?"
    r"|pharmacists?|adjusters?|underwriters?|coders?|moderators?|writers?|editors?"
    r"|managers?|workers?|operators?|dispatchers?|inspectors?|mau|dau|wau|visitors?"
    r"|patients?|citizens?|residents?|locations?|warehouses?|plants?|machines?|vehicles?"
    r"|trucks?|devices?|rigs?|schools?|hospitals?|pharmacies|offices?|shops?|outlets?"
    r"|franchises?|properties|venues?|salons?|gyms?|dealerships?|departments?|resorts?|gateways?"
    r"|services?|brands?|clients?|tenants?|markets?|countries|regions?|products?|apps?)\b"
)
_EACH = re.compile(
    r"\b(?:each|apiece|every one of them|per (?!day|week|month|year|hour"
    r"|minute|second|shift)[a-z]+)\b|(?:^| )(?:x|\*) "
)


def _with_people(found: list[Mention], norm: NormText, kinds: tuple[bool, ...]) -> list[Mention]:
    """A per-person rate times the head count it is linked to: "120 agents, each answers
    ~40 chats a day" -> 4,800 a day; a rate per person with no head count is no volume."""
    text = norm.text
    out = list(found)
    for n, m in enumerate(found):
        if m.per_day is None:
            continue
        rate_text = text[norm.starts[m.first] : norm.starts[m.last] + _token_len(norm, m.last)]
        tail = text[norm.starts[m.last] + _token_len(norm, m.last) :][:20]
        head = text[: norm.starts[m.first]]
        linked = bool(
            _EACH.search(rate_text) or _EACH.search(tail[:12]) or _EACH.search(head[-25:])
        )
        linked = linked or m.per_person
        for other in [*reversed(found[:n]), *found[n + 1 :]]:
            if other.per_day is not None or other.percent or other.currency:
                continue
            after_other = text[
                norm.starts[other.number_last] + _token_len(norm, other.number_last) :
            ]
            if not _PEOPLE.match(after_other) and not (linked and other.first < m.first):
                continue
            between = text[
                norm.starts[min(other.last, m.first)] : norm.starts[max(other.first, m.last)]
            ]
            if not (linked or _EACH.search(between) or " x " in between):
                continue
            if other.amount.value is None:
                continue
            out[n] = replace(m, per_day=m.per_day.scaled(other.amount.value), per_person=True)
            break
        else:
            if linked and m.per_person:
                out[n] = replace(m, per_day=None)
    return out


def mentions(sentence: Sentence) -> tuple[Mention, ...]:
    """Every quantity the sentence states, in order; ranges joined."""
    return _mentions(sentence.norm_text, _kinds(sentence.tokens))


def _kinds(tokens: tuple[Token, ...]) -> tuple[bool, ...]:
    return tuple(t.kind == "num" for t in tokens)
