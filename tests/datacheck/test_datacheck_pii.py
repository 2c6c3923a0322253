"""Personal data: emails, phones, Luhn-checked cards and checksummed IBANs, and the
near-misses that must not count."""

from __future__ import annotations

import pytest
from datacheck_support import Check

from bot.datacheck.pii import PiiKind, find_pii, iban_ok, luhn_ok
from harness.datafiles import chat

FOUND = [
    ("write to ana.lopez+support@example.co.uk today", PiiKind.EMAIL),
    ("card 4111 1111 1111 1111 expires soon", PiiKind.CARD),
    ("card 4111-1111-1111-1111", PiiKind.CARD),
    ("paid with 5555555555554444", PiiKind.CARD),
    ("amex 3782 822463 10005", PiiKind.CARD),
    ("IBAN DE89 3704 0044 0532 0130 00, thanks", PiiKind.IBAN),
    ("iban GB82WEST12345698765432.", PiiKind.IBAN),
    ("FR14 2004 1010 0505 0001 3M02 606", PiiKind.IBAN),
    ("call +44 20 7946 0958", PiiKind.PHONE),
    ("call +4915112345678", PiiKind.PHONE),
    ("phone (555) 123-4567", PiiKind.PHONE),
    ("phone 555-123-4567 after 5", PiiKind.PHONE),
    ("phone 555.123.4567", PiiKind.PHONE),
    ("ring 020 7946 0958", PiiKind.PHONE),
]

NEAR_MISSES = [
    "card 4111 1111 1111 1112 (one digit off: fails Luhn)",
    "0000 0000 0000 0000 passes Luhn but is no card",
    "order 1234567812345678 (a 16-digit id failing Luhn)",
    "IBAN DE89 3704 0044 0532 0130 01 (checksum off by one)",
    "DE89370400440532013000999 is too long for a German IBAN",
    "XX89 3704 0044 0532 0130 00 has no country",
    "mail me at ana at example dot com",
    "user@localhost is not an address",
    "@support on the forum",
    "released on 2024-01-15 at 10:30",
    "the years 2019 2020 2021",
    "revenue 12.345.678.901 EUR",
    "ticket id 5551234567",
    "call 123-4567",
    "version 10.2.3.4",
    "ISBN 978-3-16-148410-0",
]


@pytest.mark.parametrize(("text", "kind"), FOUND)
def test_personal_data_is_found(text: str, kind: PiiKind) -> None:
    assert find_pii(text) == {kind}


@pytest.mark.parametrize("text", NEAR_MISSES)
def test_near_misses_are_not_personal_data(text: str) -> None:
    assert find_pii(text) == set()


def test_the_digits_of_an_iban_are_not_read_again_as_a_card_or_phone() -> None:
    assert find_pii("DE89 3704 0044 0532 0130 00") == {PiiKind.IBAN}


def test_luhn_and_mod97_checks() -> None:
    assert luhn_ok("79927398713") and not luhn_ok("79927398710")
    assert iban_ok("GB82 WEST 1234 5698 7654 32") and not iban_ok("GB82 WEST 1234 5698 7654 33")


def test_the_report_counts_rows_per_kind_and_warns_to_scrub(check: Check) -> None:
    rows = [
        chat("I am ana@example.com, card 4111 1111 1111 1111", "Noted."),
        chat("Call me on +44 20 7946 0958", "Will do."),
        chat("Pay to DE89 3704 0044 0532 0130 00", "Done."),
        chat("Card 4111 1111 1111 1112, released 2024-01-15", "Checked."),
        chat("Nothing personal here", "Good."),
        "{broken",
        {"messages": [{"role": "user", "content": "bob@example.org"}]},  # invalid, still counted
    ]
    pii = check("pii.jsonl", rows).pii
    assert (pii.email, pii.phone, pii.card, pii.iban) == (2, 1, 1, 1)
    assert pii.rows_with_any == 4
    assert pii.warning == (
        "4 rows with personal data (email addresses, phone numbers, payment card numbers, "
        "IBANs): scrub or pseudonymise it before training; a fine-tuned model can repeat "
        "what it was trained on"
    )


def test_a_clean_file_has_no_personal_data_warning(check: Check) -> None:
    report = check("clean.jsonl", [chat("Where is my parcel?", "On its way.")])
    assert report.pii.rows_with_any == 0 and report.pii.warning is None
    assert not any("personal data" in w for w in report.warnings)
