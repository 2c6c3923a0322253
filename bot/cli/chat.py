"""``advisor chat``: a consultation in the terminal, a few questions at a time."""

from __future__ import annotations

import click

from bot.advice import Question, QuickAnswer
from bot.case import CaseState
from bot.cli.app import App, pass_app
from bot.cli.output import Output
from bot.cli.report import show_advice
from bot.cli.wording import wording
from bot.conversation import Move
from bot.interface import AdvisorLike
from bot.report import known_facts, labeled_facts


def is_skip(text: str) -> bool:
    """The user asked for the advice now."""
    return text.strip().lower().rstrip(".!") in wording.SKIP_WORDS


def numbered_replies(questions: list[Question]) -> list[tuple[str, QuickAnswer]]:
    """(fact, quick answer) of each button, in the order numbered on screen (1-based)."""
    return [(q.fact, qa) for q in questions for qa in q.quick_answers]


def picked_replies(
    text: str, replies: list[tuple[str, QuickAnswer]]
) -> list[tuple[str, QuickAnswer]] | None:
    """The (fact, quick answer) pairs chosen by numbers ("2" or "1 4"), or None when not."""
    tokens = text.replace(",", " ").split()
    if not tokens or not all(t.isdigit() and 1 <= int(t) <= len(replies) for t in tokens):
        return None
    return [replies[int(t) - 1] for t in tokens]


def show_questions(out: Output, questions: list[Question], first: bool) -> None:
    """The questions with their quick answers numbered across them; how to answer, once."""
    number = 0
    lines = []
    for question in questions:
        picks = []
        for qa in question.quick_answers:
            number += 1
            picks.append(f"[{number}] {qa.label}")
        lines.append(question.text + (f"\n    {'   '.join(picks)}" if picks else ""))
    if first:
        out.hint(wording.QUESTIONS_INTRO)
    out.section(wording.TITLE_QUESTIONS, lines)


def ask_until_given(out: Output, prompt: str, hint: str) -> str:
    """A non-empty line, re-prompting with a hint on empty input."""
    while True:
        text = out.ask(prompt).strip()
        if text:
            return text
        out.hint(hint)


def show_learned(out: Output, before: CaseState, after: CaseState) -> None:
    """Echo the facts a turn added or changed, so a misreading shows at once."""
    old = known_facts(before.facts)
    new = {k: v for k, v in known_facts(after.facts).items() if old.get(k) != v}
    if not new:
        out.hint(wording.NOTHING_NEW)
        return
    items = "; ".join(f"{label} = {value}" for label, value in labeled_facts(new))
    out.hint(f"{wording.NOTED}: {items}")


def fix_request(text: str) -> tuple[str, str] | None:
    """(fact, words) for "fix volume 20k" / "fix quality mixed"; None when it is not one."""
    parts = text.strip().split(maxsplit=2)
    if len(parts) < 3 or parts[0].casefold() != wording.FIX_WORD:
        return None
    fact = wording.FIX_ALIASES.get(parts[1].casefold())
    return None if fact is None else (fact, parts[2])


def consult(out: Output, advisor: AdvisorLike) -> None:
    """Description, questions while the advisor asks (its policy, its limits), then the
    advice. "fix FACT VALUE" puts a fact right at any point."""
    description = ask_until_given(out, wording.ASK_DESCRIPTION, wording.EMPTY_DESCRIPTION)
    state = advisor.start(description)
    if known_facts(state.facts):
        show_learned(out, CaseState(), state)
    rounds = 0
    while True:
        step = advisor.next_step(state, rounds)
        if step.move is Move.ADVISE:
            break
        show_questions(out, step.questions, first=rounds == 0)
        answer = ask_until_given(out, wording.ASK_ANSWER, wording.EMPTY_ANSWER)
        if is_skip(answer):
            break
        before = state
        fix = fix_request(answer)
        picks = picked_replies(answer, numbered_replies(step.questions))
        if fix is not None:
            state = advisor.correct(state, *fix)
        elif picks:  # each picked answer sets the fact its question asks, as it is
            for fact, picked in picks:
                if picked.value is not None:
                    state = advisor.answer(state, fact, picked.value, words=picked.reply)
                else:
                    state = advisor.reply(state, picked.reply, about=fact)
        else:
            state = advisor.reply(state, answer)
        show_learned(out, before, state)
        if fix is None:
            rounds += 1
    show_advice(out, advisor.advise(state))


@click.command()
@pass_app
def chat(app: App) -> None:
    """Talk to the advisor in the terminal."""
    out = Output()
    out.line(wording.WELCOME, style="bold")
    out.hint(wording.WELCOME_HINT)
    try:
        consult(out, app.advisor)
    except (EOFError, KeyboardInterrupt, click.Abort):
        out.line()
        out.line(wording.GOODBYE)


def register(group: click.Group) -> None:
    group.add_command(chat)
