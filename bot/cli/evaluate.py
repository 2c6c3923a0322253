"""``advisor eval``: score the advisor on labeled cases; headline numbers first."""

from __future__ import annotations

import json
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from bot.cli.app import App, pass_app
from bot.cli.wording import wording

if TYPE_CHECKING:  # the eval's modules load when the command runs, not with the CLI
    from bot.evaluation import CaseResult, Summary, Tally
    from bot.simulation import Conversed


def _ratio(name: str, tally: Tally) -> str:
    return f"{name}: {tally.right}/{tally.total} ({tally.percent:.1f}%)"


def headline(summary: Summary) -> list[str]:
    """The first lines of the report (a hook reads them): one number a line."""
    return [
        f"cases: {summary.cases}",
        _ratio("strategy accuracy", summary.strategy),
        _ratio("technique accuracy", summary.technique),
        _ratio("fact accuracy", summary.facts),
        _ratio("must-ask recall", summary.must_ask),
        f"must-not-ask violations: {summary.must_not_ask_violations} "
        f"(of {summary.must_not_ask_checked})",
        f"facts read wrongly: {summary.misread} of {summary.stated} stated "
        f"({100 * summary.misread / max(1, summary.stated):.1f}%)",
        f"cases wrong: {summary.wrong}/{summary.cases}",
        f"errors: {summary.errors}",
    ]


def per_fact(summary: Summary) -> list[str]:
    width = max((len(name) for name in summary.per_fact), default=0)
    lines = ["", "accuracy per fact:"]
    for name, tally in summary.per_fact.items():
        lines.append(
            f"  {name:<{width}}  {tally.right:>3}/{tally.total:<3} ({tally.percent:5.1f}%)"
        )
    return lines


def _show(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False)


def differences(result: CaseResult) -> list[str]:
    """What differed in one case, one line each."""
    lines = [f"  error: {result.error}"] if result.error else []
    expected, got = result.strategy
    if expected != got:
        lines.append(f"  strategy: expected {expected}, got {got}")
    if result.technique and result.technique[0] != result.technique[1]:
        lines.append(f"  technique: expected {result.technique[0]}, got {result.technique[1]}")
    for name, (want, have) in result.wrong_facts.items():
        lines.append(f"  {name}: expected {_show(want)}, got {_show(have)}")
    if result.missed_asks:
        lines.append(f"  did not ask: {', '.join(result.missed_asks)}")
    if result.bad_asks:
        lines.append(f"  asked though given: {', '.join(result.bad_asks)}")
    return lines


def wrong_cases(results: list[CaseResult], limit: int) -> list[str]:
    wrong = [result for result in results if result.wrong]
    if not wrong or limit <= 0:
        return []
    lines = ["", f"wrong cases ({min(limit, len(wrong))} of {len(wrong)} shown):"]
    for result in wrong[:limit]:
        lines.append(f"- {result.case_id}")
        lines.extend(differences(result))
    return lines


def conversation_report(results: list[Conversed], show_wrong: int) -> list[str]:
    """The conversation eval's figures, then the cases that ended wrong."""
    from bot.simulation import summarize_conversations

    s = summarize_conversations(results)
    lines = [
        f"cases: {s.cases}",
        _ratio("final strategy accuracy", s.strategy),
        _ratio("final technique accuracy", s.technique),
        f"questions per case: {s.questions_per_case:.2f}",
        f"questions about a fact the description states: {s.about_stated}",
        f"confirmations: {s.confirmations}",
        f"facts wrong at the end: {s.wrong_at_end}",
    ]
    wrong = [r for r in results if r.strategy[0] != r.strategy[1] or r.wrong_at_end]
    if wrong and show_wrong > 0:
        lines += ["", f"wrong cases ({min(show_wrong, len(wrong))} of {len(wrong)} shown):"]
        for r in wrong[:show_wrong]:
            lines.append(f"- {r.case_id}: strategy expected {r.strategy[0]}, got {r.strategy[1]}")
            lines += [f"  {name}: expected {_show(e)}, got {_show(g)}"
                      for name, (e, g) in r.wrong_at_end.items()]  # fmt: skip
    return lines


@click.command("eval")
@click.argument("cases_path", metavar="CASES.jsonl", type=click.Path(path_type=Path))
@click.option(
    "--show-wrong", default=20, show_default=True, metavar="N", help="Wrong cases to list."
)
@click.option(
    "--converse",
    is_flag=True,
    help="Play the user: start from each description and answer the advisor's questions "
    "from the case's facts; report the advice the thread ends with.",
)
@pass_app
def evaluate(app: App, cases_path: Path, show_wrong: int, converse: bool) -> None:
    """Score the advisor on labeled cases (see shared/eval/README.md)."""
    from bot.evaluation import load_cases, observe, score_case, summarize
    from bot.simulation import converse as play

    cases = load_cases(cases_path)
    if not cases:
        raise click.ClickException(wording.EVAL_NO_CASES.format(path=cases_path))
    if converse:
        for line in conversation_report([play(app.advisor, c) for c in cases], show_wrong):
            click.echo(line)
        return
    results = [score_case(case, observe(app.advisor, case)) for case in cases]
    summary = summarize(results)
    for line in headline(summary) + per_fact(summary) + wrong_cases(results, show_wrong):
        click.echo(line)


def register(group: click.Group) -> None:
    group.add_command(evaluate)
