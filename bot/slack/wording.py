"""Every sentence a Slack user reads from the bot. Functions take escaped mrkdwn."""

from __future__ import annotations

from bot.labels import STRATEGY_LABELS as STRATEGY_LABELS
from bot.labels import TECHNIQUE_LABELS as TECHNIQUE_LABELS

USAGE = (
    "*Customization advisor*: tell me about your AI use case and I'll say whether it needs "
    "better prompting, RAG or fine-tuning, and why.\n"
    "• `/advise <your use case>` in a channel, e.g. `/advise classify 5k support tickets a "
    "day, we have 800 reviewed examples`\n"
    "• or mention me with the description, or send me a direct message.\n"
    "I'll ask a few questions in the thread; answer with the buttons or in your own words, "
    "or reply *skip* to get the advice right away.\n"
    "Reply *forget* in the thread to make me delete my messages there and what I stored of it."
)


QUESTIONS_INTRO = "A few questions so the advice fits (answer any or all, or reply *skip*):"
QUESTIONS_AGAIN = "I couldn't read an answer from that. " + QUESTIONS_INTRO
NOTED = "Noted: {facts}."
"""Before the next questions, the facts the last replies gave ("*label* = value; ...")."""
QUESTIONS_FOOTER = "Type answers in this thread in your own words, or reply *skip* for advice now."
RECOMMENDATION_TITLE = "Recommendation: {label}"
UPDATED_TITLE = "Updated recommendation: {label}"
WHY = "*Why*"
WARNINGS = "*Watch out*"
NEXT_STEPS = "*Next steps*"
ASSUMED = "*Assumed (tell me if wrong)*"
COST = "*Cost per month*"
PROMPT = "*Suggested prompt* (start here: prompting is the cheapest step)"
PROMPT_AS_SNIPPET = "*Suggested prompt*: too long for a message, attached below as a snippet."
PROMPT_SNIPPET_TITLE = "Suggested prompt"
WHAT_CHANGED = "*What changed:* {changes}"
ANSWERED = "✓ {label} (<@{user}>)"
NOT_SAVED = "Sorry, I couldn't take that right now. Please try again in a minute."
ERROR = "Sorry, something went wrong on my side. Your message is saved; please try again."
REPLY_NOT_SAVED = (
    "Sorry, I couldn't save that reply just now, so I haven't read it. "
    "Please send it again in a minute."
)
LIMIT_REACHED = (
    "This conversation has reached its size limit, so I didn't read that reply. "
    "Start a new one with `/advise <your use case>` to go on."
)
INVITE_HINT = (
    "I can't post in this channel yet. Invite me with `/invite @advisor` and I'll start "
    "from your description, which is saved:\n>{description}"
)


def root(description: str, user_id: str) -> str:
    """The visible root message of a ``/advise`` conversation."""
    return f"<@{user_id}> asked for advice on this use case:\n>{description}"


def nothing_changed(label: str) -> str:
    return f"Nothing in that changes the advice: it is still *{label}*."


def path(labels: list[str]) -> str:
    return " → ".join(labels)


def change(fact: str, before: str, after: str) -> str:
    return f"{fact.replace('_', ' ')} {before} → {after}"


def cost_line(
    model: str,
    prompt_route: float,
    fine_tuned: float,
    payback: float | None,
    per_day: float | None = None,
) -> str:
    """One model's monthly costs; ``per_day`` names the volume when several were computed."""
    tail = f", pays back in {payback:.1f} months" if payback is not None else ", never pays back"
    at = f" at {per_day:,.0f} a day" if per_day is not None else ""
    return f"• {model}{at}: prompt route ${prompt_route:,.0f}, fine-tuned ${fine_tuned:,.0f}{tail}"


def prices_read(date: str, source: str) -> str:
    return f"Prices read {date} ({source})."


SAVE_RECORD = "Save as decision record"
RECORD_TITLE = "Decision record {number}: {label}"
RECORD_NOT_SAVED = (
    "Sorry, I couldn't save the decision record in this thread just now. "
    "Please try the button again in a minute."
)


def record_saved(number: int, supersedes: int | None) -> str:
    """The comment on an uploaded decision record."""
    if supersedes is None:
        return f"Decision record {number}, to keep with your decisions."
    return (
        f"Decision record {number}, to keep with your decisions. It supersedes record {supersedes}."
    )


# A training-data file shared in a consultation's thread (bot/slack/data_files.py)
DATA_CHECKED = "*Checked {file}*"
DATA_WARNINGS = "*Fix before training*"
DATA_CHANGED = "*What it changes:* {changes}"
DATA_REFUSED = "I didn't check that file. {problem}"
DATA_NOT_IN_SLACK = "{name}: not a file stored in Slack; upload the file itself into this thread"
DATA_NOT_DOWNLOADED = (
    "Sorry, I couldn't get {name} from Slack just now, so I haven't checked it. "
    "Please upload it again in a minute."
)


def measured_nothing_changed(changes: list[str], label: str) -> str:
    """After a file that changed no fact: what it showed, then the advice that stands."""
    said = "; ".join(changes)
    return f"{said[:1].upper()}{said[1:]}. {nothing_changed(label)}"


# --- forgetting, edits and the end of a consultation (bot/slack/forgetting.py) -----------

FORGET_BUTTON = "Forget this consultation"
FORGET_CONFIRM_TITLE = "Forget this consultation?"
FORGET_CONFIRM_TEXT = (
    "I'll delete my messages in this thread and everything I stored of it: the description, "
    "the replies and the advice. This can't be undone."
)
FORGET_CONFIRM = "Forget it"
FORGET_DENY = "Keep it"
FORGOTTEN = (
    "Done: I deleted my messages in that thread and everything I stored of that consultation."
)
FORGOTTEN_PARTLY = (
    "I forgot everything I stored of that consultation, but Slack would not let me delete all "
    "my messages in its thread yet; I'll keep trying."
)
FORGET_NOT_YOURS = "Only the person who asked for this advice can make me forget it."
ALREADY_FORGOTTEN = "That consultation is already forgotten: I keep nothing of what was said."
FORGET_WHERE = (
    "To make me forget a consultation, reply `forget` in its thread "
    "(or use the button on its first message). Only the person who asked can."
)
CONSULTATION_ENDED = (
    "This conversation is older than the time I keep what was said, so I no longer read it. "
    "Start a new one with `/advise <your use case>`."
)
RECORD_REDACTED = (
    "That recommendation was computed from words that have since been edited or deleted, so "
    "I no longer keep it. Save the newest recommendation in this thread instead."
)


# --- what was understood, and correcting it (bot/slack/correction_modal.py) ---------------

UNDERSTOOD = "*What I understood*"
UNDERSTOOD_NOTHING = "Nothing definite yet: tell me more in the thread."
CORRECT_FACTS = "Correct the facts"
CORRECT_TITLE = "Correct the facts"
CORRECT_SUBMIT = "Update the advice"
CORRECT_CLOSE = "Cancel"
CORRECT_INTRO = (
    "Change what I got wrong and I'll post an updated recommendation in the thread. "
    "Leave a figure empty if you don't know it."
)
CHOICE_YES, CHOICE_NO, CHOICE_UNKNOWN = "Yes", "No", "Unknown"
NOT_A_FIGURE = "Write a number of 0 or more, like 20,000, 20k or 300-800."
NOT_A_CHOICE = "Pick one of the choices."
CORRECT_NOT_YOURS = (
    "Only the person who asked for this advice can correct its facts. "
    "To add a fact, reply in the thread in your own words."
)
SKIP_NOT_YOURS = (
    "Only the person who asked for this advice can skip the questions. "
    "I read the rest of your reply; answer the questions in your own words to add facts."
)
UNKNOWN_VALUE = "unknown"
UPDATED_AFTER = "Updated after {changes}"


def steered(user: str, label: str, value: str, *, corrected: bool) -> str:
    """One fact someone changed: "<@U1> corrected the requests per day to 20,000"."""
    if corrected:
        return f"<@{user}> corrected the {label} to {value}"
    return f"<@{user}> gave the {label} as {value}"  # "is" would not fit "examples"
