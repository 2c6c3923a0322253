"""From a message as typed in Slack or a terminal to tokens and sentences.

Every token keeps its span in the user's original text, so whatever the reader decides
can quote the user's own words back. Numbers are read here once, in all the ways people
write them ("2k", "1.5M", "12,000", "10 000", "1.500" in the European way, "two
thousand", "half a million"); hedged quantities ("a few hundred", "thousands of") become a
token of their own that is never a number. Slack markup and emoji codes are skipped.
"""

from __future__ import annotations

import itertools
import re
from bisect import bisect_right
from dataclasses import dataclass, field
from typing import Literal, NamedTuple

Kind = Literal["word", "num", "sym", "hedge"]

HEDGE = "somequantity"
"""The norm of a hedged quantity: a word, never a number."""

_TOKEN = re.compile(
    r"(?P<skip><[@#!][^>\s]{1,80}>|<(?:https?|mailto):[^>\s]{1,300}>"
    r"|(?:https?://|www\.)[^\s<>()\[\]\"]{0,299}[^\s<>()\[\]\".,;:!?']"  # a bare link
    r"|\b[0-9a-f]{8}(?:-[0-9a-f]{4}){3}-[0-9a-f]{12}\b"  # a UUID
    r"|\b(?=[0-9a-f]*\d)(?=[0-9a-f]*[a-f])[0-9a-f]{6,}\b)"  # a hash or hex id: 3053ad, c4228b6
    r"|(?P<emoji>:[a-z0-9_+\-']{1,40}:)"
    r"|(?P<num>(?:\d{1,3}(?:,\d{3})+|\d{1,3}(?:\.\d{3})+(?![\d,])|\d{1,3}(?: \d{3})+(?![\d.,])"
    r"|\d+(?:[.,]\d+)?|\.\d+)(?:\s?(?P<mult>k|m|mm|mn|mln|bn|b)(?![a-z0-9]))?)"
    # (?-i:...): a letter is a letter in either case, and case-folding the ranges of Han
    # and kana made this pattern take 15 ms to compile instead of 5
    r"|(?P<cjk>(?-i:[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]))"
    r"|(?P<word>(?-i:[^\W\d_\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]"
    # a word goes on through the vowel signs and marks of Indic, Thai, Hebrew and Arabic
    # script, which are no letters to \w: प्रतिदिन is one word, not four pieces
    r"(?:[^\W_\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]"
    r"|[\u0300-\u036f\u0591-\u05c7\u064b-\u065f\u0670\u06d6-\u06ed\u0900-\u0dff\u0e00-\u0eff\u200c\u200d])*)"
    r"(?:['’][^\W\d_]+)*)"
    r"|(?P<sym>->|→|<=|>=|\.\.\.|[%$€£~+/<>=&#@?!,;:.()\[\]\"'*•\-–—×x\n，。、！？；：（）])",
    re.IGNORECASE,
)
_MULTIPLIER = {"k": 1e3, "m": 1e6, "mm": 1e6, "mn": 1e6, "mln": 1e6, "bn": 1e9, "b": 1e9}
_THUMBS = {
    ":+1:": "thumbs_up",
    ":thumbsup:": "thumbs_up",
    ":thumbs_up:": "thumbs_up",
    ":-1:": "thumbs_down",
    ":thumbsdown:": "thumbs_down",
    ":thumbs_down:": "thumbs_down",
}

_UNITS = {
    w: i
    for i, w in enumerate(
        [
            "zero",
            "one",
            "two",
            "three",
            "four",
            "five",
            "six",
            "seven",
            "eight",
            "nine",
            "ten",
            "eleven",
            "twelve",
            "thirteen",
            "fourteen",
            "fifteen",
            "sixteen",
            "seventeen",
            "eighteen",
            "nineteen",
        ]
    )
}
_TENS = {
    w: 10 * i
    for i, w in enumerate(
        ["_", "_", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"]
    )
    if w != "_"
}
_SCALES = {
    "hundred": 100.0,
    "thousand": 1e3,
    "grand": 1e3,
    "million": 1e6,
    "billion": 1e9,
    "lakh": 1e5,
    "crore": 1e7,
    "ribu": 1e3,
    "rb": 1e3,
    "juta": 1e6,
    "tys": 1e3,
    "千": 1e3,
    "万": 1e4,
    "萬": 1e4,
    "亿": 1e8,
    "천": 1e3,  # Korean
    "만": 1e4,
    "억": 1e8,
    "тыс": 1e3,  # Russian
    "тысяч": 1e3,
    "тысячи": 1e3,
    "тысяча": 1e3,
    "млн": 1e6,
    "миллион": 1e6,
    "миллиона": 1e6,
    "миллионов": 1e6,
    "nghìn": 1e3,  # Vietnamese
    "ngàn": 1e3,
    "triệu": 1e6,
    "tsd": 1e3,  # German
    "tausend": 1e3,
    "mio": 1e6,
    "millionen": 1e6,
    "mila": 1e3,  # Italian
    "milioni": 1e6,
    "duizend": 1e3,  # Dutch
    "miljoen": 1e6,
    "tysięcy": 1e3,  # Polish
    "tysiące": 1e3,
    "bin": 1e3,  # Turkish
    "milyon": 1e6,
    "tusen": 1e3,  # Swedish, Norwegian
    "tusind": 1e3,  # Danish
    "miljoner": 1e6,
    "millioner": 1e6,
    "tuhatta": 1e3,  # Finnish
    "miljoonaa": 1e6,
    "tisíc": 1e3,  # Czech
    "milionů": 1e6,
    "milionów": 1e6,  # Polish
    "miliony": 1e6,
    "mii": 1e3,  # Romanian
    "milioane": 1e6,
    "χιλιάδες": 1e3,  # Greek
    "εκατομμύρια": 1e6,
    "ألف": 1e3,  # Arabic
    "الف": 1e3,
    "آلاف": 1e3,
    "مليون": 1e6,
    "ملايين": 1e6,
    "हज़ार": 1e3,  # Hindi
    "हजार": 1e3,
    "लाख": 1e5,
    "करोड़": 1e7,
    "करोड": 1e7,
    "hazaar": 1e3,  # Hindi and Urdu in Latin letters
    "hazar": 1e3,
    "ہزار": 1e3,  # Urdu
    "لاکھ": 1e5,
    "کروڑ": 1e7,
    "هزار": 1e3,  # Persian
    "میلیون": 1e6,
    "אלף": 1e3,  # Hebrew
    "אלפים": 1e3,
    "mil": 1e3,  # Spanish, Portuguese; the corpus's writers mean a thousand in English too
    "mille": 1e3,  # French
    "millions": 1e6,
    "millones": 1e6,  # Spanish, Portuguese
    "milhões": 1e6,
    "milhão": 1e6,
    "millón": 1e6,
}
_CJK_NORMS = {
    "每": "per",
    "毎": "per",
    "天": "day",
    "日": "day",
    "周": "week",
    "週": "week",
    "月": "month",
    "年": "year",
}
"""Chinese and Japanese characters that the number grammar reads as English words: "每天
3000条" is "per day 3000 条"; the rest stay themselves."""
_PERIODS = {
    "day",
    "week",
    "month",
    "year",
    "hour",
    "minute",
    "second",
    "shift",
    "quarter",
    "fortnight",
    "weekday",
    "night",
}
_HEDGE_HEADS = {"few", "several", "couple", "handful", "bunch", "many", "some"}
_HEDGE_PLURALS = {"hundreds", "thousands", "millions", "dozens", "tens"}
SENTENCE_END = {".", "!", "?", ";", "•", "\n"}
CLAUSE_END = {",", ":", "(", ")", "—", "–"} | SENTENCE_END
_SCALE_ABBREVIATIONS = ("тыс", "млн", "tsd", "mio", "mrd", "tys")
_ABBREVIATIONS = {
    *("e.g", "i.e", "etc", "vs", "approx", "ca", "incl", "esp", "no", "eg", "ie"),
    *_SCALE_ABBREVIATIONS,
    *("ggf", "bzw", "z.b", "env", "aprox"),
}
MAX_SENTENCE_TOKENS = 80
"""A run of text with no sentence break is read in pieces of this many tokens, so reading
stays linear in the text whatever its shape."""


class Token(NamedTuple):
    """One token of a turn (a named tuple: a message makes hundreds, and a tuple is built
    in a third of the time a frozen dataclass takes)."""

    norm: str
    """Lower-case word, a number in plain digits, a symbol, or :data:`HEDGE`."""
    kind: Kind
    start: int
    end: int
    value: float | None = None
    """For a number: its value ("2k" -> 2000.0)."""
    suffixed: bool = False
    """For a number: written with a multiplier ("2k", "1.5M", "two thousand")."""


@dataclass(frozen=True)
class Sentence:
    """One sentence (or bullet, or clause after ';') of one turn."""

    turn: int
    tokens: tuple[Token, ...]
    text: str = field(repr=False)
    """The whole turn's original text (spans index it)."""
    norm_text: NormText = field(init=False, repr=False, compare=False)
    """The tokens joined for the grammar's patterns: built once, as the sentence is (the
    numbers, the details and the corrections all read it)."""

    def __post_init__(self) -> None:
        object.__setattr__(self, "norm_text", NormText.of(self.tokens))  # frozen: set once

    @property
    def start(self) -> int:
        return self.tokens[0].start

    @property
    def end(self) -> int:
        return self.tokens[-1].end

    @property
    def original(self) -> str:
        return self.text[self.start : self.end]

    def quote(self, first: int, last: int) -> tuple[int, int, str]:
        """The user's words from token ``first`` to token ``last`` (inclusive)."""
        start, end = self.tokens[first].start, self.tokens[last].end
        return start, end, self.text[start:end]


_EUROPEAN_THOUSANDS = re.compile(r"\d{1,3}(?:\.\d{3})+")
_DECIMAL_COMMA = re.compile(r"\d+,\d{1,2}")
_SYMBOL_NORMS = {
    "→": "->",
    "–": "-",
    "—": "-",
    "×": "x",
    "，": ",",  # Chinese and Japanese punctuation
    "、": ",",
    "。": ".",
    "！": "!",
    "？": "?",
    "；": ";",
    "：": ":",
    "（": "(",
    "）": ")",
}


def _number(text: str, mult: str | None) -> tuple[float, bool] | None:
    raw = text
    if mult:
        raw = raw[: len(raw) - len(mult)].rstrip()
    if _EUROPEAN_THOUSANDS.fullmatch(raw) and not raw.startswith("0"):
        raw = raw.replace(".", "")  # 1.500 tickets: the European thousands separator
    elif _DECIMAL_COMMA.fullmatch(raw):
        raw = raw.replace(",", ".")  # 2,5: a decimal comma
    raw = raw.replace(",", "").replace(" ", "")
    try:
        value = float(raw)
    except ValueError:
        return None
    if mult:
        value *= _MULTIPLIER[mult.lower()]
    if value != value or value in (float("inf"), float("-inf")) or value > 1e15:
        return None
    return value, bool(mult)


_EASTERN_DIGITS = str.maketrans("٠١٢٣٤٥٦٧٨٩۰۱۲۳۴۵۶۷۸۹٬٫", "01234567890123456789,.")
"""Arabic-Indic and Persian digits and separators ("٣٬٥٠٠" is 3,500), one character for
one, so every token keeps its place in the original text."""


_OPTIONAL_MARKS = dict.fromkeys(
    [*range(0x064B, 0x0660), 0x0670, *range(0x06D6, 0x06EE), *range(0x0591, 0x05C8), 0x200C, 0x200D]
)
"""Marks a writer may leave out: Arabic short vowels and tanwin, Hebrew points, joiners.
A word is read without them, so that تقريباً and تقريبا are one word."""


def _raw_tokens(text: str) -> list[Token]:
    out: list[Token] = []
    if not text.isascii():
        text = text.translate(_EASTERN_DIGITS)
    for m in _TOKEN.finditer(text):
        kind = m.lastgroup
        start, end = m.span()
        if kind == "word":  # most tokens: first
            word = m.group().lower().replace("’", "'")
            if not word.isascii():
                word = word.translate(_OPTIONAL_MARKS)
            out.append(Token(word, "word", start, end))
            continue
        if kind == "skip":
            continue
        if kind == "cjk":  # Chinese and Japanese have no spaces: a character is a word
            char = m.group()
            out.append(Token(_CJK_NORMS.get(char, char), "word", start, end))
            continue
        if kind == "emoji":
            thumbs = _THUMBS.get(m.group().lower())
            if thumbs:
                out.append(Token(thumbs, "word", start, end))
            continue
        if kind == "num":
            parsed = _number(m.group("num"), m.group("mult"))
            if parsed is None:
                continue
            value, suffixed = parsed
            out.append(Token(_digits(value), "num", start, end, value, suffixed))
        else:
            sym = m.group()
            if sym == "*" and out and out[-1].kind != "num":
                continue  # markdown emphasis: "3k a *week*"
            out.append(Token(_SYMBOL_NORMS.get(sym, sym), "sym", start, end))
    return out


def _digits(value: float) -> str:
    return str(int(value)) if value.is_integer() else f"{value:g}"


def _word_number(tokens: list[Token], i: int, lead: float = 0.0) -> tuple[float, int] | None:
    """A number written in words starting at ``tokens[i]``: (value, tokens used). ``lead``
    is what came before it ("a" of "a hundred and fifty" is 1)."""
    total, current, j, seen = 0.0, lead, i, bool(lead)
    n = len(tokens)
    while j < n:
        t = tokens[j]
        if (
            t.kind == "sym"
            and t.norm == "-"
            and seen
            and j + 1 < n
            and tokens[j + 1].norm in _UNITS
        ):
            j += 1
            continue
        w = t.norm
        if w in _UNITS and t.kind == "word":
            current += _UNITS[w]
        elif w in _TENS:
            current += _TENS[w]
        elif w == "hundred" and seen:
            current = (current or 1) * 100
        elif ((w in _SCALES and w != "hundred") or (w == "k" and t.kind == "word")) and seen:
            total += (current or 1) * _SCALES.get(w, 1e3)  # "forty K" said as letters
            current = 0.0
        elif w == "and" and seen and j + 1 < n and tokens[j + 1].norm in (_UNITS | _TENS):
            pass
        else:
            break
        seen = True
        j += 1
    if not seen:
        return None
    value = total + current
    used = j - i
    if used == 1 and tokens[i].norm in ("one", "zero"):
        following = [t.norm for t in tokens[i + 1 : i + 5]]
        counted = "each" in following[1:3] or any(
            w in ("a", "per", "an", "every") and nxt in _PERIODS
            for w, nxt in itertools.pairwise(following)
        )
        if not counted:
            return None  # "the one that", "zero-shot": not quantities on their own
    return value, used


def _merge_numbers(tokens: list[Token]) -> list[Token]:
    """Number words to numbers, "1.5 million" to 1500000, hedges to :data:`HEDGE`."""
    out: list[Token] = []
    i, n = 0, len(tokens)
    while i < n:
        t = tokens[i]
        w = t.norm
        if t.kind != "num" and w not in _NUMBER_STARTS:
            out.append(t)  # most words: nothing below can start at them
            i += 1
            continue
        nxt = tokens[i + 1].norm if i + 1 < n else ""
        nxt2 = tokens[i + 2].norm if i + 2 < n else ""
        # hedges: "a few hundred", "several thousand", "hundreds of", "tens of thousands"
        if w in _HEDGE_HEADS and (nxt in _SCALES or nxt == "dozen"):
            first = out.pop() if out and out[-1].norm == "a" else t
            out.append(Token(HEDGE, "hedge", first.start, tokens[i + 1].end))
            i += 2
            continue
        if w in ("couple", "bunch", "handful") and nxt == "of" and nxt2 in _SCALES:
            out.append(Token(HEDGE, "hedge", t.start, tokens[i + 2].end))
            i += 3
            continue
        if w in _HEDGE_PLURALS and (nxt == "of" or nxt in _HEDGE_PLURALS):
            end = i + 2 if nxt == "of" else i + 1
            if nxt == "of" and nxt2 in _HEDGE_PLURALS:
                end = i + 3
            out.append(Token(HEDGE, "hedge", t.start, tokens[end - 1].end))
            i = end
            continue
        if w in _CJK_HEDGES and nxt in _CJK_SCALES:  # 几千, 数万, 上万: "several thousand"
            out.append(Token(HEDGE, "hedge", t.start, tokens[i + 1].end))
            i += 2
            continue
        if w in _CJK_DIGITS and (cjk := _cjk_number(tokens, i)) is not None:
            value, used = cjk
            out.append(_num_token(value, t, tokens[i + used - 1]))
            i += used
            continue
        # shares in words: "about half of them", "a third", "two thirds", "a quarter"
        share = _share(tokens, i)
        if share is not None:
            value, used = share
            last = tokens[i + used - 1]
            out.append(Token(_digits(value), "num", t.start, last.end, value, True))
            out.append(Token("%", "sym", last.end, last.end))
            i += used
            continue
        if w in ("once", "twice") and nxt in ("a", "per", "an", "every") and nxt2 in _PERIODS:
            out.append(_num_token(1.0 if w == "once" else 2.0, t, t))
            i += 1
            continue
        # "half a million", "a dozen", "a hundred", "a thousand"
        if w == "half" and nxt == "a" and nxt2 in _SCALES:
            out.append(_num_token(_SCALES[nxt2] / 2, t, tokens[i + 2]))
            i += 3
            continue
        if w == "a" and nxt == "dozen":
            out.append(_num_token(12.0, t, tokens[i + 1]))
            i += 2
            continue
        if w == "a" and nxt in _SCALES and nxt != "grand":  # "a hundred and fifty"
            value, used = _word_number(tokens, i + 1, lead=1.0) or (_SCALES[nxt], 1)
            out.append(_num_token(value, t, tokens[i + used]))
            i += 1 + used
            continue
        if t.kind == "num" and t.value is not None:
            value, j = t.value, i + 1
            # "2 and a half thousand", "2.5 million", "3 dozen", "5 grand"
            if nxt == "and" and nxt2 == "a" and i + 4 < n and tokens[i + 3].norm == "half":
                scale = tokens[i + 4].norm
                if scale in _SCALES:
                    out.append(_num_token((value + 0.5) * _SCALES[scale], t, tokens[i + 4]))
                    i += 5
                    continue
            if nxt in _SCALES and not t.suffixed:
                value, j = value * _SCALES[nxt], i + 2
                size = _SCALES[nxt]
                while (  # "1万2千", "1만 5천": a smaller scale after it adds to it
                    j + 1 < n
                    and (part := tokens[j].value) is not None
                    and _SCALES.get(tokens[j + 1].norm, size) < size
                ):
                    size = _SCALES[tokens[j + 1].norm]
                    value, j = value + part * size, j + 2
            elif nxt == "dozen":
                value, j = value * 12, i + 2
            if j > i + 1:
                out.append(_num_token(value, t, tokens[j - 1]))
                i = j
                continue
            out.append(t)
            i += 1
            continue
        if t.kind == "word":
            half = i + 4 < n and tokens[i + 3].norm == "half" and tokens[i + 4].norm in _SCALES
            if w in _UNITS and nxt in ("and", "-") and nxt2 == "a" and half:
                value = (_UNITS[w] + 0.5) * _SCALES[tokens[i + 4].norm]
                out.append(_num_token(value, t, tokens[i + 4]))
                i += 5
                continue
            found = _word_number(tokens, i)
            if found is not None:
                value, used = found
                out.append(_num_token(value, t, tokens[i + used - 1]))
                i += used
                continue
        out.append(t)
        i += 1
    return out


_FRACTIONS = {
    "half": 50.0,
    "third": 100 / 3,
    "thirds": 100 / 3,
    "quarter": 25.0,
    "quarters": 25.0,
    "fifth": 20.0,
    "fifths": 20.0,
    "tenth": 10.0,
    "tenths": 10.0,
}
_FRACTION_COUNT = {"a": 1, "one": 1, "two": 2, "three": 3, "four": 4}


_CJK_DIGITS = dict(zip("一二两三四五六七八九", (1, 2, 2, 3, 4, 5, 6, 7, 8, 9), strict=True))
_CJK_SCALES = {"十": 10.0, "百": 100.0} | {c: _SCALES[c] for c in "千万萬"}
_CJK_HEDGES = frozenset({"几", "幾", "数", "上"})


def _cjk_number(tokens: list[Token], i: int) -> tuple[float, int] | None:
    """A number in Chinese characters: 两千 -> 2000, 三千五百 -> 3500, 二十万 -> 200000
    (a digit with no scale after it, as in 一个, is no number: it is a word)."""
    total, j, n = 0.0, i, len(tokens)
    while j + 1 < n and tokens[j].norm in _CJK_DIGITS and tokens[j + 1].norm in _CJK_SCALES:
        value = _CJK_DIGITS[tokens[j].norm] * _CJK_SCALES[tokens[j + 1].norm]
        j += 2
        if j < n and tokens[j].norm in ("万", "萬") and value < 1e4:
            value, j = value * 1e4, j + 1  # 二十万
        total += value
    return (total, j - i) if total else None


_NUMBER_STARTS = frozenset(
    {*_HEDGE_HEADS, "couple", "bunch", "handful", *_HEDGE_PLURALS, "half", *_FRACTION_COUNT}
    | {"once", "twice", "a", *_UNITS, *_TENS, *_CJK_DIGITS, *_CJK_HEDGES}
)
"""The words a hedge, a share or a number in words can start with (:func:`_merge_numbers`)."""


def _share(tokens: list[Token], i: int) -> tuple[float, int] | None:
    """ "half of them", "a third", "two thirds", "three quarters" -> (percent, tokens used)."""
    w = tokens[i].norm
    nxt = tokens[i + 1].norm if i + 1 < len(tokens) else ""
    after = tokens[i + 2].norm if i + 2 < len(tokens) else ""
    if w == "half" and nxt in ("of", "the", "them", "are", "is", "get", "gets", "need", "still"):
        return 50.0, 1
    if w in _FRACTION_COUNT and nxt in _FRACTIONS and nxt != "half":
        if nxt in ("quarter", "third", "fifth", "tenth") and w not in ("a", "one"):
            return None
        if after in _SCALES:
            return None  # "a quarter million"
        return _FRACTION_COUNT[w] * _FRACTIONS[nxt], 2
    return None


def _num_token(value: float, first: Token, last: Token) -> Token:
    return Token(_digits(value), "num", first.start, last.end, value, True)


def tokenize(text: str) -> list[Token]:
    """Every token of ``text``, numbers read."""
    return _merge_numbers(_raw_tokens(text))


def _ends_sentence(tokens: list[Token], i: int, text: str) -> bool:
    t = tokens[i]
    if t.norm not in SENTENCE_END:
        return False
    if t.norm == "." and i > 0 and text[t.start] != "。":
        prev = tokens[i - 1]
        if prev.norm in _ABBREVIATIONS or (prev.kind == "word" and len(prev.norm) == 1):
            return False
        if prev.kind == "num" and text[prev.start : prev.end].lower().endswith(
            _SCALE_ABBREVIATIONS
        ):
            return False  # "30 тыс. обращений", "2 Mio. Anfragen"
        after = text[t.end : t.end + 1]
        return after == "" or after.isspace()
    return True


def _after_line_break(text: str, at: int) -> bool:
    return at > 0 and text[at - 1] == "\n"


def split_sentences(text: str, turn: int = 0) -> tuple[Sentence, ...]:
    """The turn's sentences: broken at . ! ? ; bullets and line ends."""
    tokens = tokenize(text)
    found: list[Sentence] = []
    current: list[Token] = []
    for i, t in enumerate(tokens):
        if _ends_sentence(tokens, i, text):
            if t.norm != "\n":
                current.append(t)
            if any(c.kind != "sym" for c in current):
                found.append(Sentence(turn, tuple(current), text))
            current = []
            continue
        if t.norm in ("-", "*") and (not current or _after_line_break(text, t.start)):
            continue  # a bullet marker
        current.append(t)
        if len(current) >= MAX_SENTENCE_TOKENS:
            found.append(Sentence(turn, tuple(current), text))
            current = []
    if any(c.kind != "sym" for c in current):
        found.append(Sentence(turn, tuple(current), text))
    return tuple(found)


@dataclass(frozen=True)
class NormText:
    """A sentence's tokens joined by spaces, for the number grammar's patterns, with the
    way back from a character of it to the token it belongs to."""

    text: str
    starts: tuple[int, ...]

    @classmethod
    def of(cls, tokens: tuple[Token, ...]) -> NormText:
        starts, pos = [], 0
        for t in tokens:
            starts.append(pos)
            pos += len(t.norm) + 1
        return cls(" ".join(t.norm for t in tokens), tuple(starts))

    def token_at(self, char: int) -> int:
        """The index of the token that character ``char`` belongs to."""
        return max(0, bisect_right(self.starts, char) - 1)
