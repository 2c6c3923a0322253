"""The conversation's limits (rounds of questions, questions a round) have one source,
``conversation:`` in decision_rules.yaml: the front ends render the core's policy and
define no limit of their own. Held twice: by reading the front ends' source, and by
changing the rules file and watching Slack and the CLI follow it."""

from __future__ import annotations

import ast
import re
from collections.abc import Iterator
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner

import bot
from bot.advisor import Advisor
from bot.cli.app import App
from bot.cli.main import cli
from bot.paths import rules_path
from harness import SIGNING_SECRET, SLACK_ONLY, FakeSlack, ServerProcess, SlackRequests, server_env
from harness.reading import event_type, in_thread, start

FRONT_ENDS = ("slack", "cli", "slackkit")
LIMIT_NAME = re.compile(r"ROUND|QUESTIONS_PER|^MAX_\w*QUESTIONS$")
"""A name that holds a conversation limit: MAX_ROUNDS, MAX_QUESTION_ROUNDS, MAX_QUESTIONS,
QUESTIONS_PER_ROUND, ..."""
QUESTION_LIST = re.compile(r"(questions|asked)(\(.*\))?$", re.IGNORECASE)
"""An expression that is a list of questions: ``questions``, ``advisor.questions(state)``."""
NOT_CONVERSATION = {
    ("cli/report.py", "MAX_OPEN_QUESTIONS"): (
        "how many of the advice's open questions the one-shot report lists under it "
        "(advisor advise): no question is asked, no round counted"
    ),
}
"""Names that look like a limit but are not one of the conversation's: why each is not."""
VAGUE = "We want an assistant for our support team."
"""A description that leaves much to ask: the advisor would ask for several rounds."""


def front_end_modules() -> Iterator[tuple[str, ast.Module]]:
    root = Path(bot.__file__).parent
    for package in FRONT_ENDS:
        for path in sorted((root / package).rglob("*.py")):
            yield path.relative_to(root).as_posix(), ast.parse(path.read_text(encoding="utf-8"))


def limits_defined(module: ast.Module) -> list[str]:
    """Names assigned anywhere in the module that look like a conversation limit."""
    found = []
    for node in ast.walk(module):
        targets = node.targets if isinstance(node, ast.Assign) else []
        if isinstance(node, ast.AnnAssign):
            targets = [node.target]
        found += [t.id for t in targets if isinstance(t, ast.Name) and LIMIT_NAME.search(t.id)]
    return found


def question_slices(module: ast.Module) -> list[str]:
    """Slices of questions with an upper bound (``questions[:3]``, ``asked[: N]``)."""
    found = []
    for node in ast.walk(module):
        if not (isinstance(node, ast.Subscript) and isinstance(node.slice, ast.Slice)):
            continue
        upper = node.slice.upper
        if upper is not None and QUESTION_LIST.search(ast.unparse(node.value)):
            found.append(ast.unparse(node))
    return found


def test_no_front_end_defines_a_round_or_question_limit() -> None:
    modules = list(front_end_modules())
    assert len(modules) > 30 and any(name == "slack/conversation.py" for name, _ in modules)
    defined = [
        f"{name}: {limit}"
        for name, module in modules
        for limit in limits_defined(module)
        if (name, limit) not in NOT_CONVERSATION
    ]
    assert defined == [], "the limits live in decision_rules.yaml (conversation:)"
    sliced = [
        f"{name}: {expr}"
        for name, module in modules
        for expr in question_slices(module)
        if not any(limit in expr for (where, limit) in NOT_CONVERSATION if where == name)
    ]
    assert sliced == [], "how many questions a round shows is the core's Step"


def test_the_source_check_finds_a_limit_where_there_is_one() -> None:
    module = ast.parse("MAX_QUESTION_ROUNDS = 2\nasked = advisor.questions(state)[:3]\n")
    assert limits_defined(module) == ["MAX_QUESTION_ROUNDS"]
    assert question_slices(module) == ["advisor.questions(state)[:3]"]
    assert limits_defined(ast.parse("MAX_BUTTONS_PER_QUESTION = 5")) == []


# --- the rules file decides: one round of questions ---------------------------------------


@pytest.fixture(scope="module")
def one_round_rules(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A copy of decision_rules.yaml (and its pricing.yaml) with ``max_rounds: 1``."""
    folder = tmp_path_factory.mktemp("one_round")
    data = yaml.safe_load(rules_path().read_text(encoding="utf-8"))
    assert data["conversation"]["max_rounds"] > 1, "the test needs the real file to allow more"
    data["conversation"]["max_rounds"] = 1
    edited = folder / "decision_rules.yaml"
    edited.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    pricing = rules_path().parent / data["pricing_file"]
    (folder / data["pricing_file"]).write_text(pricing.read_text(encoding="utf-8"), "utf-8")
    return edited


def test_the_cli_gives_the_advice_after_the_rules_files_one_round(one_round_rules: Path) -> None:
    app = App(make_advisor=lambda: Advisor.from_paths(one_round_rules))
    result = CliRunner().invoke(cli, ["chat"], input=f"{VAGUE}\nhmm, let me think\n", obj=app)
    assert result.exit_code == 0, result.output
    assert result.output.count("Questions") == 1
    assert "Suggested prompt" in result.output


def test_slack_gives_the_advice_after_the_rules_files_one_round(
    one_round_rules: Path, tmp_path: Path
) -> None:
    with FakeSlack() as fake:
        env = server_env(
            fake.base_url,
            f"sqlite:///{tmp_path / 'advisor.db'}",
            ADVISOR_RULES=str(one_round_rules),
        )
        server = ServerProcess(env, tmp_path / "server.log", extra_args=SLACK_ONLY).start()
        try:
            slack = SlackRequests(server.base_url, SIGNING_SECRET)
            thread_ts, first = start(fake, slack, "CONEROUND", VAGUE)
            assert event_type(first) == "advisor_questions"
            slack.message("hmm, let me think", channel="CONEROUND", thread_ts=thread_ts)
            second = in_thread(fake, "CONEROUND", thread_ts, 2)[-1]
            assert event_type(second) == "advisor_recommendation"
        finally:
            server.stop()
