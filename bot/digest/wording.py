"""Every sentence of a channel digest and of ``/advise digest``. Functions take escaped
mrkdwn where they take user text."""

from __future__ import annotations

USAGE = (
    "*Channel digests*: what the advisor told this channel, once a day or once a week.\n"
    "• `/advise digest daily` or `/advise digest weekly` to subscribe this channel\n"
    "• `/advise digest off` to stop\n"
    "• `/advise digest empty on` to get a digest even when nobody asked anything "
    "(`empty off` to stop)\n"
    "• `/advise digest` to see what is set"
)
WHEN = {"daily": "every day at 09:00", "weekly": "every Monday at 09:00"}
NOT_SUBSCRIBED = "This channel gets no digest. " + "`/advise digest daily` or `weekly` starts one."
UNSUBSCRIBED = "Done: this channel gets no more digests."
WAS_NOT_SUBSCRIBED = "This channel had no digest; nothing to stop."
EMPTY_ON = "Done: the digest is posted even for periods without consultations."
EMPTY_OFF = "Done: a period without consultations posts nothing."
NEEDS_SUBSCRIPTION = "Subscribe first: `/advise digest daily` or `/advise digest weekly`."

TITLE = {"daily": "Daily advisor digest", "weekly": "Weekly advisor digest"}
NO_CONSULTATIONS = "Nobody asked the advisor anything in this channel in this period."
BY_STRATEGY = "*By strategy:* "
ASKED = "*What was asked*"
WAITING = "*Still waiting for answers*"
STILL_WAITING = "still waiting"
WARNINGS = "*Warned about most often*"
FOOTER = "People are named without being notified. `/advise digest` to change this digest."
MORE = "… and {count} more"
WORDS_NOT_KEPT = "(its words are no longer kept)"

WARNING_GISTS = {
    "ft-does-not-teach-facts": "wanted fine-tuning to teach facts",
    "ft-does-not-fix-hallucinations": "hoped fine-tuning would fix hallucinations",
    "low-quality-data": "had data too inconsistent to fine-tune on",
    "too-few-examples": "had too few examples to fine-tune",
    "fine-tuning-discipline": "{was} told how to fine-tune with discipline",
    "no-baseline": "had no measured baseline yet",
    "example-counts": "asked how many examples fine-tuning needs",
    "hosted-fine-tunes-expire": "{was} warned that hosted fine-tunes expire",
    "cost-motive": "wanted fine-tuning to save cost",
}
"""A short gist per warning rule for the digest, after "N consultation(s)"; ``{was}`` becomes
"was" or "were" to agree with the count. A rule not listed shows its text (``WARNED``)."""
WARNED = "{was} warned: {text}"


def status(frequency: str, include_empty: bool, zone: str) -> str:
    empty = "even" if include_empty else "but not"
    return (
        f"This channel gets a {frequency} digest, {WHEN[frequency]} ({zone}), "
        f"{empty} for periods without consultations. `/advise digest off` stops it."
    )


def subscribed(frequency: str, zone: str) -> str:
    return (
        f"Done: this channel gets a {frequency} digest {WHEN[frequency]} ({zone}) "
        "of what the advisor was asked here and what it said."
    )


def consultations(count: int) -> str:
    """The count with its noun: 1 consultation, 0 consultations, 2 consultations."""
    return f"{count} consultation" if count == 1 else f"{count} consultations"


def run_summary(posted: int, other: int) -> str:
    """The last line of ``advisor digest --due``: "1 digest posted, 2 other outcomes."."""
    digests = "digest" if posted == 1 else "digests"
    outcomes = "outcome" if other == 1 else "outcomes"
    return f"{posted} {digests} posted, {other} other {outcomes}."


def summary(count: int, start: str, end: str, zone: str) -> str:
    return f"*{consultations(count)}* in this channel from {start} to {end} ({zone})."


def strategy_count(label: str, count: int) -> str:
    return f"{label} {count}"


def line(summary: str, label: str, person: str) -> str:
    return f"• {summary} → *{label}* (asked by {person})"


def waiting_line(summary: str, person: str) -> str:
    return f"• {summary} (asked by {person})"


def warning_line(rule: str, text: str, count: int) -> str:
    """ "• 1 consultation was warned that ...", "• 2 consultations were ...": the rule's gist,
    or its ``text`` (escaped mrkdwn) when it has none."""
    was = "was" if count == 1 else "were"
    gist = WARNING_GISTS.get(rule)
    said = gist.format(was=was) if gist else WARNED.format(was=was, text=text)
    return f"• {consultations(count)} {said}"


def link(url: str, text: str) -> str:
    return f"<{url}|{text}>"
