"""The installed ``advisor`` command (.venv/bin/advisor) with what people paste, run as a
shell would run it: pipes, a terminal (a pseudo-terminal here) and NO_COLOR."""

from __future__ import annotations

import json
import os
import pty
import subprocess
import sys
from pathlib import Path

import pytest

ADVISOR = Path(sys.executable).with_name("advisor")
BOX = "╭"
"""The corner of a rich panel: on a terminal the report is drawn in panels."""

pytestmark = pytest.mark.skipif(not ADVISOR.exists(), reason="the console script is installed")


def environment(**more: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in ("NO_COLOR", "FORCE_COLOR")}
    return {**env, "TERM": "xterm-256color", "COLUMNS": "100", **more}


def shell(command: str, **env: str) -> subprocess.CompletedProcess[str]:
    """``command`` run by bash, ``advisor`` being the installed console script."""
    line = command.replace("advisor ", f"{ADVISOR} ", 1)
    return subprocess.run(
        ["bash", "-c", line], capture_output=True, text=True, env=environment(**env), timeout=120
    )


def on_a_terminal(args: list[str], **env: str) -> tuple[int, str]:
    """Run ``advisor ARGS`` with its output on a (pseudo-)terminal; the exit code and all
    it wrote there."""
    master, slave = pty.openpty()
    process = subprocess.Popen(
        [str(ADVISOR), *args],
        stdin=subprocess.DEVNULL,
        stdout=slave,
        stderr=slave,
        env=environment(**env),
    )
    os.close(slave)
    written = b""
    while True:
        try:
            chunk = os.read(master, 65536)
        except OSError:  # the terminal closed: the process is done
            break
        if not chunk:
            break
        written += chunk
    os.close(master)
    return process.wait(timeout=120), written.decode("utf-8", errors="replace")


def test_a_bullet_list_piped_in_gets_the_advice_as_plain_text() -> None:
    result = shell("printf -- '- a\\n- b' | advisor advise")
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("\nRecommendation\n  Strategy:")
    assert BOX not in result.stdout


def test_a_bullet_list_piped_in_is_quoted_as_it_was_written_in_the_record() -> None:
    result = shell("printf -- '- a\\n- b' | advisor advise --format markdown")
    assert result.returncode == 0, result.stderr
    assert "The use case, as described:\n\n```text\n- a\n- b\n```\n" in result.stdout


def test_a_dash_reads_the_description_from_the_pipe() -> None:
    result = shell("echo '- we classify tickets' | advisor advise - --format markdown")
    assert result.returncode == 0, result.stderr
    assert "```text\n- we classify tickets\n```" in result.stdout


def test_a_description_and_an_answer_that_start_with_a_dash_are_read() -> None:
    result = shell('advisor advise "- a" --answer "- 600 examples" --json')
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["facts"]["labeled_examples"] == 600
    report = shell('advisor advise "- a" --answer "- 600 examples"')
    assert report.returncode == 0, report.stderr
    assert "labeled examples: 600" in report.stdout


def test_without_a_description_on_a_terminal_it_says_how_to_give_one() -> None:
    master, slave = pty.openpty()
    try:
        result = subprocess.run(
            [str(ADVISOR), "advise"],
            stdin=slave,
            capture_output=True,
            text=True,
            env=environment(),
            timeout=60,
        )
    finally:
        os.close(slave)
        os.close(master)
    assert result.returncode == 2
    assert "describe the use case" in result.stderr and "pbpaste | advisor advise" in result.stderr


def test_on_a_terminal_the_report_is_drawn_in_panels() -> None:
    code, written = on_a_terminal(["advise", "We classify 2k support tickets a day"])
    assert code == 0, written
    assert BOX in written and "Recommendation" in written


def test_no_color_gives_plain_text_even_on_a_terminal() -> None:
    code, written = on_a_terminal(["advise", "We classify 2k support tickets a day"], NO_COLOR="1")
    assert code == 0, written
    assert BOX not in written and "\x1b[" not in written
    assert "Recommendation\r\n  Strategy:" in written


def test_version_prints_the_rules_hash_too() -> None:
    result = shell("advisor --version")
    assert result.returncode == 0
    assert result.stdout.splitlines()[1].startswith("rules ")
    assert len(result.stdout.splitlines()[1].split()[1]) == 12
