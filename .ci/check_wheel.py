"""A plain install can advise: build the wheel, check what it holds, install it in a fresh
venv and run ``advisor advise --json``, ``advisor rules check`` and ``advisor db upgrade``
from another folder.
The advice must come from the real reader: its weights (``bot/reading/weights.json``) and
vocabulary are the package's, and the facts it reads are checked.

Run by ``make wheel`` (part of ``make test``) with the project's venv python; needs only
the standard library, pip and hatchling (the dev extra), and PyPI for the wheel's
dependencies. Everything happens in a temporary folder, removed at the end.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import tempfile
import time
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DATA_FILES = ("decision_rules.yaml", "pricing.yaml", "vocabulary.yaml")
PACKAGE_DATA = ("bot/reading/weights.json",)
"""Data that lives inside the package: the reader's trained weights (bot.reading.model).
The modules' wording files (``bot/**/wording.yaml``, read by bot.wording) are checked too."""
STRATEGIES = {"prompt_engineering", "rag", "fine_tuning", "rag+fine_tuning"}
USE_CASE = "We classify about 2k support tickets a day into 12 queues"
ANSWER = "about 600 examples, reviewed by our leads"
READ = {"task_type": "classification", "requests_per_day": 2000, "labeled_examples": 600}
"""What the reader takes from USE_CASE and ANSWER: proof it read them with its vocabulary
and weights, not that it merely answered."""


class Failed(Exception):
    """What the check found wrong, in one message."""


def run(*args: str | Path, cwd: Path | None = None, env: dict[str, str] | None = None) -> str:
    done = subprocess.run(
        [str(a) for a in args], cwd=cwd, env=env, capture_output=True, text=True, check=False
    )
    if done.returncode != 0:
        shown = " ".join(str(a) for a in args)
        raise Failed(f"`{shown}` exited {done.returncode}:\n{done.stdout}{done.stderr}")
    return done.stdout


def build(out: Path) -> Path:
    run(sys.executable, "-m", "pip", "wheel", "--quiet", "--no-deps", "--no-build-isolation",
        "--wheel-dir", out, ROOT)  # fmt: skip
    wheels = list(out.glob("*.whl"))
    if len(wheels) != 1:
        raise Failed(f"expected one wheel in {out}, found {[w.name for w in wheels]}")
    return wheels[0]


def check_contents(wheel: Path) -> list[str]:
    """Only the ``bot`` package (no test harness, tests or benchmarks), with its data."""
    names = zipfile.ZipFile(wheel).namelist()
    stray = [n for n in names if not n.startswith(("bot/", "customization_advisor-"))]
    tests = [n for n in names if Path(n).name.startswith(("test_", "conftest"))]
    prompts = sorted(p.name for p in (ROOT / "prompts").iterdir() if p.is_file())
    needed = [f"bot/data/{name}" for name in DATA_FILES]
    needed += [f"bot/data/prompts/{name}" for name in prompts]
    needed += PACKAGE_DATA
    needed += [p.relative_to(ROOT).as_posix() for p in (ROOT / "bot").rglob("*.yaml")]
    missing = [n for n in needed if n not in names]
    if stray or tests or missing:
        raise Failed(f"{wheel.name}: outside bot/: {stray}; tests: {tests}; missing: {missing}")
    return names


def install(wheel: Path, venv: Path) -> Path:
    run(sys.executable, "-m", "venv", "--without-pip", venv)
    python = venv / "bin" / "python"
    run(sys.executable, "-m", "pip", "--python", python, "install", "--quiet", wheel)
    return venv / "bin" / "advisor"


def check_advises(advisor: Path, elsewhere: Path, site: str) -> None:
    """From a folder that is not the checkout, with no data file moved by a variable."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("ADVISOR_", "PYTHON"))}
    out = run(advisor, "advise", "--json", USE_CASE, "--answer", ANSWER, cwd=elsewhere, env=env)
    answer = json.loads(out)
    strategy = answer["recommendation"]["strategy"]
    if strategy not in STRATEGIES or not answer["suggested_prompt"].strip():
        raise Failed(f"advisor advise --json gave strategy {strategy!r}:\n{out}")
    read = {name: answer["facts"].get(name) for name in READ}
    if read != READ:
        raise Failed(f"advisor advise --json read {read}, not {READ}:\n{out}")
    out = run(advisor, "--version", cwd=elsewhere, env=env)
    if not re.fullmatch(r"advisor, version \d[^\n]*\nrules [0-9a-f]{12}\n", out):
        raise Failed(f"advisor --version named no package and rules version:\n{out}")
    out = run(advisor, "rules", "check", cwd=elsewhere, env=env)
    packaged = f"OK: {site}/bot/data/decision_rules.yaml: "
    if not out.startswith(packaged):
        raise Failed(f"advisor rules check did not read the packaged rules ({packaged}...):\n{out}")


def check_migrates(advisor: Path, elsewhere: Path) -> None:
    """The Alembic migrations ship too: ``advisor db upgrade`` makes a fresh SQLite schema."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("ADVISOR_", "PYTHON"))}
    env["DATABASE_URL"] = f"sqlite:///{elsewhere / 'advisor.db'}"
    out = run(advisor, "db", "upgrade", cwd=elsewhere, env=env)
    if "went from revision none to" not in out:
        raise Failed(f"advisor db upgrade did not make the schema:\n{out}")


def main() -> int:
    started = time.monotonic()
    with tempfile.TemporaryDirectory(prefix="advisor-wheel-") as tmp:
        here = Path(tmp)
        elsewhere = here / "elsewhere"
        elsewhere.mkdir()
        try:
            wheel = build(here / "dist")
            names = check_contents(wheel)
            advisor = install(wheel, here / "venv")
            site = run(advisor.with_name("python"), "-c", "import sysconfig;"
                       "print(sysconfig.get_paths()['purelib'])").strip()  # fmt: skip
            check_advises(advisor, elsewhere, site)
            check_migrates(advisor, elsewhere)
        except Failed as problem:
            print(f"wheel check failed: {problem}", file=sys.stderr)
            return 1
        size = wheel.stat().st_size / 1024
    print(
        f"wheel OK: {wheel.name}, {size:.0f} KiB, {len(names)} files; installed in a fresh "
        f"venv, it advises, checks its rules and migrates a database from another folder "
        f"({time.monotonic() - started:.1f} s)"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
