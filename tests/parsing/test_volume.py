"""Request volume in the ways people write it, normalised to a day."""

import pytest


@pytest.mark.parametrize(
    ("text", "per_day"),
    [
        ("We answer 450 emails a day.", 450),
        ("We get ~2k tickets/day.", 2000),
        ("Traffic is 1.5M requests/month.", 50_000),
        ("Around 10 000 searches a day.", 10_000),
        ("We process 12,000 invoices per day.", 12_000),
        ("It handles about two thousand calls per week.", 2000 / 7),
        ("Roughly 3.5k lookups an hour at peak.", 84_000),
        ("We expect 730,000 claims per year.", 2000),
        ("half a million messages a month", 500_000 / 30),
        ("between 150 and 300 calls daily", 225),
        ("500-800 requests a day", 650),
        ("we see 5-10k searches a day", 7500),
        ("volume: 12k/wk", 12_000 / 7),
        ("forty thousand emails a month", 40_000 / 30),
    ],
)
def test_volume_is_read_and_normalised_to_a_day(read, text, per_day) -> None:
    assert read(text).facts.requests_per_day.value == pytest.approx(per_day, rel=0.01)


@pytest.mark.parametrize(
    ("text", "per_day"),
    [
        ("We have 120 support agents, each answers ~40 chats per day.", 4800),
        ("25 analysts x 12 questions a day each.", 300),
        ("Each of our 40 reps sends about 25 emails a day.", 1000),
        ("~200k daily players, each triggers about 3 dialogue lines a day", 600_000),
    ],
)
def test_volume_multiplies_people_by_their_rate(read, text, per_day) -> None:
    assert read(text).facts.requests_per_day.value == pytest.approx(per_day)


@pytest.mark.parametrize(
    "text",
    [
        "We have about 3,000 employees.",
        "Around 100 students use it, more before exams.",
        "Each user asks about 5 questions a day.",
        "The token bill is ~$60k/month.",
        "We iterated on the prompt for 3 months.",
        "It has to answer in under 200ms.",
        "The handbook is ~200 pages and is updated a few times a year.",
        "We get a couple hundred queries a day.",
    ],
)
def test_no_volume_is_invented(read, text) -> None:
    assert read(text).facts.requests_per_day is None


def test_a_later_reply_corrects_the_volume(read) -> None:
    state = read("We label about 15k tickets a day.", "actually closer to 20k a day")
    assert state.facts.requests_per_day.value == 20_000
    assert state.evidence["requests_per_day"].turn == 1
    assert state.evidence["requests_per_day"].quote == "actually closer to 20k a day"


def test_a_reply_correcting_only_the_period_rescales_the_volume(read) -> None:
    state = read("We handle about 14k chats a day.", "sorry, that's per week not per day")
    assert state.facts.requests_per_day.value == pytest.approx(2000)


def test_a_bare_number_answers_the_volume_question_just_asked(read) -> None:
    state = read("We route tickets.", "about 3000", asked=("requests_per_day",))
    assert state.facts.requests_per_day.value == 3000
