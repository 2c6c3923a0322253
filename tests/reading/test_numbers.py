"""The number grammar: every way people write a quantity, and what it is per day."""

from __future__ import annotations

import pytest

from bot.amount import Amount
from bot.reading.mentions import mentions
from bot.reading.tokens import HEDGE, split_sentences, tokenize


def only(text: str):
    found = mentions(split_sentences(text)[0])
    assert len(found) == 1, found
    return found[0]


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("2k", 2000),
        ("1.5M", 1_500_000),
        ("12,000", 12_000),
        ("10 000", 10_000),
        ("1.500", 1_500),  # the European thousands separator
        ("2,5k", 2_500),  # a decimal comma
        ("two thousand", 2000),
        ("thirty-five thousand two hundred", 35_200),
        ("half a million", 500_000),
        ("two and a half thousand", 2_500),
        ("a dozen", 12),
        ("5 grand", 5000),
        ("a hundred and twenty", 120),  # said aloud, dictated
        ("a thousand three hundred", 1300),
        ("sixty K", 60_000),
    ],
)
def test_numbers_are_read_however_they_are_written(text: str, value: float) -> None:
    numbers = [t for t in tokenize(text) if t.kind == "num"]
    assert [t.value for t in numbers] == [value]


def test_hedged_quantities_are_never_numbers() -> None:
    for text in ("a few hundred tickets", "thousands of emails", "several thousand rows"):
        kinds = {t.kind for t in tokenize(text)}
        assert "num" not in kinds and HEDGE in {t.norm for t in tokenize(text)}


@pytest.mark.parametrize(
    ("text", "per_day"),
    [
        ("we handle about 450 emails a day", 450),
        ("~2k tickets/day", 2000),
        ("1.5M requests per month", 50_000),
        ("around 700 enquiries a week", 100),
        ("730,000 claims per year", 2000),
        ("roughly 3.5k lookups an hour", 84_000),
        ("40 rps 24/7", 3_456_000),
        ("about 3 chats a second over our 10-hour support day", 108_000),
        ("~8 chats per minute during our 12 hour window", 5_760),
        ("120 agents, each answers ~40 chats per day", 4_800),
        ("25 analysts x 12 questions a day each", 300),
        ("once a month", 1 / 30),
        ("one summary a week", 1 / 7),
    ],
)
def test_rates_are_normalised_to_a_day(text: str, per_day: float) -> None:
    m = next(m for m in mentions(split_sentences(text)[0]) if m.per_day is not None)
    assert m.per_day is not None and m.per_day.value == pytest.approx(per_day, rel=0.01)


def test_a_length_of_time_is_not_a_rate() -> None:
    assert all(m.per_day is None for m in mentions(split_sentences("we run 8 hours a day")[0]))


@pytest.mark.parametrize(
    ("text", "amount"),
    [
        ("300-800 examples", Amount(low=300, high=800)),
        ("between 100 and 200 questions", Amount(low=100, high=200)),
        ("5-10k searches", Amount(low=5000, high=10_000)),
        ("1.5-3k questions", Amount(low=1500, high=3000)),
        ("500+ examples", Amount(low=500)),
        ("at least 500 examples", Amount(low=500)),
        ("over 10k requests", Amount(low=10_000, low_strict=True)),
        ("fewer than 100 examples", Amount(low=0, high=100, high_strict=True)),
        ("up to 50 examples", Amount(low=0, high=50)),
    ],
)
def test_ranges_and_bounds_stay_ranges_and_bounds(text: str, amount: Amount) -> None:
    assert only(text).amount == amount


@pytest.mark.parametrize(
    ("text", "share"),
    [("87%", 0.87), ("7 out of 10", 0.7), ("1 in 5 fail", 0.2), ("about a third of them", 1 / 3)],
)
def test_shares_are_read_as_fractions(text: str, share: float) -> None:
    m = only(text)
    assert m.percent and m.amount.value == pytest.approx(share, rel=0.01)


def test_money_is_marked_as_money() -> None:
    assert only("the bill is $60k a month").currency


def test_every_token_keeps_its_place_in_the_original_text() -> None:
    text = "hey :wave: <@U123> we get ~2k tickets/day"
    for token in tokenize(text):
        assert text[token.start : token.end].strip()
    assert "<@U123>" not in " ".join(t.norm for t in tokenize(text))


@pytest.mark.parametrize(
    "text",
    [
        "see case-3053ad for the history",
        "fixed in c4228b6, see https://example.com/runs/2024/12000?page=3.",
        "ticket 5f0c2a1e-9b7d-4c3e-8a21-0d6f4b9e7c55 is the one",
        "docs at www.example.org/v2/500-examples",
    ],
)
def test_links_hashes_and_ids_are_not_numbers(text: str) -> None:
    assert not [t for t in tokenize(text) if t.kind == "num"]


def test_a_link_ends_before_the_punctuation_that_follows_it() -> None:
    tokens = tokenize("read https://example.com/guide. We get 2k tickets a day")
    assert [t.value for t in tokens if t.kind == "num"] == [2000.0]


@pytest.mark.parametrize(
    ("text", "per_day"),
    [
        ("客服每天大约收到3000条工单", 3000),  # Chinese: no spaces, a character is a word
        ("每周 3500 个请求", 500),
        ("每月1.2万封邮件", 400),  # 万: ten thousand
        ("月に2000件の問い合わせがあります", 2000 / 30),  # Japanese
        ("1日あたり約2000件の問い合わせ", 2000),  # 1日あたり: "per day", its 1 no quantity
        ("1日当たり500件", 500),
    ],
)
def test_rates_are_read_in_chinese_and_japanese(text: str, per_day: float) -> None:
    m = only(text)
    assert m.per_day is not None and m.per_day.low == pytest.approx(per_day, rel=0.01)


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("我们有两千条标注数据", 2000),
        ("三千五百个", 3500),
        ("二十万", 200_000),
        ("5万多条", 50_000),
    ],
)
def test_numbers_in_chinese_characters(text: str, value: float) -> None:
    assert [t.value for t in tokenize(text) if t.kind == "num"] == [value]


def test_a_chinese_sentence_ends_at_its_full_stop() -> None:
    sentences = split_sentences("我们有知识库。每天3000条")
    assert len(sentences) == 2
    assert not [t for t in tokenize("一个模型就够了") if t.kind == "num"]  # 一个: "a", no number


@pytest.mark.parametrize(
    ("text", "per_day"),
    [
        ("Wir bekommen rund 700 Kundenanfragen pro Woche", 100),
        ("unos 1.200 correos al mes", 40),
        ("on traite 90 dossiers par jour", 90),
        ("около 60 тыс. обращений в месяц", 2000),
        ("2 Mio. Anfragen pro Jahr", 2_000_000 / 365),
        ("mỗi ngày khoảng 250 tin nhắn", 250),
        ("하루에 1만 5천 건", 15_000),
        ("sekitar 50 ribu pesan per bulan", 50_000 / 30),
        ("rund 3 Tausend Tickets pro Monat", 100),  # German
        ("circa 3 mila richieste al giorno", 3000),  # Italian
        ("circa 600 email alla settimana", 600 / 7),
        ("ongeveer 4.500 vragen per dag", 4500),  # Dutch
        ("zo'n 2 duizend mails per maand", 2000 / 30),
        ("około 2 tys. zgłoszeń dziennie", 2000),  # Polish
        ("około 900 zgłoszeń na dzień", 900),
        ("günde yaklaşık 5 bin talep", 5000),  # Turkish: the period before the number
        ("ayda 12 bin mesaj", 400),
        ("umas 18 mil mensagens por mês", 600),  # Portuguese: mil is a thousand
        ("unos 2 mil tickets al día", 2000),  # Spanish
        ("يوميا نستقبل ٣٬٥٠٠ طلب", 3500),  # Arabic, with Arabic-Indic digits
        ("٤٥٠ رسالة في اليوم", 450),
        ("하루 25만 건의 문의", 250_000),  # Korean: 하루 alone is "a day"
        ("ungefär 300 ärenden om dagen", 300),  # Swedish
        ("omkring 2 tusen e-mails om måneden", 2000 / 30),  # Danish
        ("rundt 200 henvendelser i uka", 200 / 7),  # Norwegian
        ("noin 2 tuhatta viikossa", 2000 / 7),  # Finnish
        ("asi 3 tisíc dotazů denně", 3000),  # Czech
        ("aproximativ 2 milioane de tranzacții pe zi", 2_000_000),  # Romanian
        ("περίπου 3 χιλιάδες αιτήσεις τον μήνα", 100),  # Greek
        ("रोज़ लगभग 3 हज़ार आवेदन", 3000),  # Hindi
        ("हफ़्ते में करीब २० वर्कशीट", 20 / 7),  # Devanagari digits, a postposition
        ("Roz lagbhag 600 leads", 600),  # Hinglish
        ("سال میں تقریباً ۳ لاکھ مضامین", 300_000 / 365),  # Urdu
        ("حدود ۵۰۰ پیام در روز", 500),  # Persian
        ("כ-2 אלף פניות בחודש", 2000 / 30),  # Hebrew
        ("ujumbe kama 1,200 kwa wiki", 1200 / 7),  # Swahili
        ("حوالي ١٢ ألف بلاغ في الشهر", 400),  # Arabic
    ],
)
def test_rates_are_read_in_the_languages_people_write(text: str, per_day: float) -> None:
    m = only(text)
    assert m.per_day is not None and m.per_day.low == pytest.approx(per_day, rel=0.01)


def test_arabic_indic_digits_keep_their_place_in_the_text() -> None:
    text = "لدينا ١٢٠٠ مثال"
    [number] = [t for t in tokenize(text) if t.kind == "num"]
    assert number.value == 1200 and text[number.start : number.end] == "١٢٠٠"


@pytest.mark.parametrize(
    "text",
    [
        "we have 300 tickets i think",
        "we have 500 pages per wiki",  # wiki is a week in Swahili only after kwa
        "za miesiąc 300 zgłoszeń",  # Polish "in a month's time": when, not how often
    ],
)
def test_a_word_of_another_language_makes_no_rate_where_it_means_none(text: str) -> None:
    assert only(text).per_day is None


def test_a_word_of_an_indic_script_stays_one_word() -> None:
    # vowel signs and viramas are no letters to \w; they must not split the word
    assert [t.norm for t in tokenize("प्रतिदिन लगभग शिकायतें")] == ["प्रतिदिन", "लगभग", "शिकायतें"]


def test_arabic_short_vowels_do_not_make_another_word() -> None:
    assert [t.norm for t in tokenize("تقريباً")] == [t.norm for t in tokenize("تقريبا")]
