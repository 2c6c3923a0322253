"""Personal data in a row's text: email addresses, phone numbers, payment cards and IBANs.

Each detector prefers missing a rare format to flagging ordinary numbers:

- **card**: 13-19 digits, written in one run or in the usual groups (4-4-4-4, 4-6-5,
  4-6-4), starting with 2-6 (the card networks' ranges), and passing the Luhn checksum;
- **IBAN**: a country code with its registered length, then check digits that pass the
  ISO 13616 mod-97 check; spaces between groups are allowed;
- **email**: ``name@domain.tld``;
- **phone**: ``+`` and 8-15 digits (any grouping), or 10-15 digits grouped with dashes or
  dots, with the area code in parentheses, or with spaces after a leading 0 (a national
  trunk prefix). Plain digit runs (order numbers, ids), dates, years in a row and
  thousands separators are not phone numbers.

IBANs and email addresses are found first, then cards: digits inside one of them are not
read again as a card or a phone number.
"""

from __future__ import annotations

import re
from enum import StrEnum


class PiiKind(StrEnum):
    EMAIL = "email"
    PHONE = "phone"
    CARD = "card"
    IBAN = "iban"


_CANDIDATE = re.compile(r"[\d@]")
_IBAN_HINT = re.compile(r"[A-Z]{2}\d{2}")
_NUMBERISH = re.compile(r"\d[\d ().-]{6,}\d")
"""A run of digits and separators long enough to hold a card or a phone number: the card
and phone patterns only run inside these."""

_CARD = re.compile(r"(?<![\d+])(?:\d{13,19}|\d{4}(?:[ -]\d{4}){3}|\d{4}[ -]\d{6}[ -]\d{4,5})(?!\d)")
_IBAN = re.compile(r"\b([A-Z]{2})(\d{2})((?: ?[A-Z0-9]){10,30})")
_EMAIL = re.compile(
    r"(?<![\w.%+-])[A-Za-z0-9][A-Za-z0-9._%+-]{0,63}@"
    r"(?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?\.)+[A-Za-z]{2,24}(?![\w-])"
)
_PHONE = re.compile(
    r"""
    (?<![\w+.\-/])
    (?:
        \+\d{8,15}
      | (?:\+\d{1,3}[ .-]?)? (?:\(\d{1,4}\)[ .-]?)? \d{2,4} (?:[ .-]\d{2,4}){1,5}
    )
    (?![\w]|[.\-/]\d)
    """,
    re.VERBOSE,
)

IBAN_LENGTHS = {
    "AD": 24, "AE": 23, "AL": 28, "AT": 20, "AZ": 28, "BA": 20, "BE": 16, "BG": 22,
    "BH": 22, "BR": 29, "BY": 28, "CH": 21, "CR": 22, "CY": 28, "CZ": 24, "DE": 22,
    "DK": 18, "DO": 28, "EE": 20, "EG": 29, "ES": 24, "FI": 18, "FO": 18, "FR": 27,
    "GB": 22, "GE": 22, "GI": 23, "GL": 18, "GR": 27, "GT": 28, "HR": 21, "HU": 28,
    "IE": 22, "IL": 23, "IQ": 23, "IS": 26, "IT": 27, "JO": 30, "KW": 30, "KZ": 20,
    "LB": 28, "LC": 32, "LI": 21, "LT": 20, "LU": 20, "LV": 21, "MC": 27, "MD": 24,
    "ME": 22, "MK": 19, "MR": 27, "MT": 31, "MU": 30, "NL": 18, "NO": 15, "PK": 24,
    "PL": 28, "PS": 29, "PT": 25, "QA": 29, "RO": 24, "RS": 22, "SA": 24, "SC": 31,
    "SE": 24, "SI": 19, "SK": 24, "SM": 27, "ST": 25, "SV": 28, "TL": 23, "TN": 24,
    "TR": 26, "UA": 29, "VA": 22, "VG": 24, "XK": 20,
}  # fmt: skip
"""ISO 13616 IBAN length per country (the SWIFT registry)."""


def find_pii(text: str) -> set[PiiKind]:
    """The kinds of personal data in ``text``."""
    found: set[PiiKind] = set()
    if not _CANDIDATE.search(text):
        return found
    taken: list[tuple[int, int]] = []
    if _IBAN_HINT.search(text):
        for match in _IBAN.finditer(text):
            if _iban_at(match):
                found.add(PiiKind.IBAN)
                taken.append(match.span())
    if "@" in text:
        for match in _EMAIL.finditer(text):
            found.add(PiiKind.EMAIL)
            taken.append(match.span())
    for run in _NUMBERISH.finditer(text):
        start, end = run.start(), min(run.end() + 1, len(text))
        if start and text[start - 1] in "+(":
            start -= 1
        for match in _CARD.finditer(text, start, end):
            if is_card(match.group()) and not _overlaps(match.span(), taken):
                found.add(PiiKind.CARD)
                taken.append(match.span())
        if PiiKind.PHONE not in found:
            for match in _PHONE.finditer(text, start, end):
                if is_phone(match.group()) and not _overlaps(match.span(), taken):
                    found.add(PiiKind.PHONE)
                    break
    return found


def _overlaps(span: tuple[int, int], taken: list[tuple[int, int]]) -> bool:
    return any(span[0] < end and start < span[1] for start, end in taken)


def luhn_ok(digits: str) -> bool:
    """The Luhn checksum of a string of digits."""
    total = 0
    for i, ch in enumerate(reversed(digits)):
        d = ord(ch) - 48
        if i % 2:
            d = d * 2 - 9 if d > 4 else d * 2
        total += d
    return total % 10 == 0


def is_card(candidate: str) -> bool:
    digits = candidate.replace(" ", "").replace("-", "")
    return (
        13 <= len(digits) <= 19
        and digits[0] in "23456"
        and len(set(digits)) > 1
        and luhn_ok(digits)
    )


def iban_ok(candidate: str) -> bool:
    """A whole IBAN (spaces allowed): its country's length and the mod-97 check."""
    compact = candidate.replace(" ", "").upper()
    if IBAN_LENGTHS.get(compact[:2]) != len(compact) or not compact.isalnum():
        return False
    rearranged = compact[4:] + compact[:4]
    return int("".join(str(int(ch, 36)) for ch in rearranged)) % 97 == 1


def _iban_at(match: re.Match[str]) -> bool:
    """Whether a candidate starts with a valid IBAN that ends at a word boundary."""
    length = IBAN_LENGTHS.get(match.group(1))
    if length is None:
        return False
    text = match.group()
    ends = [i for i, ch in enumerate(text, start=1) if ch != " "]
    if len(ends) < length:
        return False
    end = ends[length - 1]
    after = match.string[match.start() + end : match.start() + end + 1]
    return not after.isalnum() and iban_ok(text[:end])


def is_phone(candidate: str) -> bool:
    digits = sum(ch.isdigit() for ch in candidate)
    if candidate.startswith("+"):
        return 8 <= digits <= 15
    if not 10 <= digits <= 15:
        return False
    if "(" in candidate:
        return True
    groups = re.split(r"[ .-]", candidate)
    if all(len(g) == 3 for g in groups[1:]) and len(groups[0]) <= 3:
        return False  # 12.345.678.901: thousands separators
    if " " in candidate:
        return candidate.startswith("0") and "." not in candidate and "-" not in candidate
    return True
