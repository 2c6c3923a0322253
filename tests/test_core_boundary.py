"""The advisor core knows nothing of Slack, and every module of bot/ can be imported on its
own. The layers between the packages are import contracts (pyproject.toml, make lint)."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

import bot

THIRD_PARTY = (
    "pydantic", "pydantic_settings", "yaml", "jinja2", "text_to_num", "sqlalchemy",
    "slack_sdk", "slack_bolt", "gunicorn", "click", "rich", "alembic", "uvicorn_worker",
)  # fmt: skip
NOT_IMPORTED: dict[str, str] = {
    "bot.store.migrations.env": (
        "Alembic's env script: alembic runs it (bot/store/migrate.py) inside the migration "
        "context it sets up, with the connection in config.attributes; nothing imports it"
    ),
}
"""Files of bot/ that are scripts run by a tool, not modules: why each is not imported."""
IMPORT_EACH_ALONE = """
import importlib, os, sys, traceback
for library in sys.argv[1].split(","):
    importlib.import_module(library)  # only third-party: bot.* is imported afresh per module
assert not [m for m in sys.modules if m.split(".")[0] == "bot"]
running = 0
for name in sys.argv[2:]:
    if running == (os.cpu_count() or 1):
        os.wait()
        running -= 1
    sys.stdout.flush()
    if os.fork() == 0:
        try:
            importlib.import_module(name)
        except BaseException:
            print(f"--- import {name} alone fails:\\n{traceback.format_exc()}", flush=True)
            os._exit(1)
        os._exit(0)
    running += 1
while running:
    os.wait()
    running -= 1
"""


def bot_modules() -> list[str]:
    """Every module and package of bot/, by name, found on disk (importing none)."""
    root = Path(bot.__file__).parent
    names = []
    for path in sorted(root.rglob("*.py")):
        parts = path.relative_to(root.parent).with_suffix("").parts
        names.append(".".join(parts[:-1] if parts[-1] == "__init__" else parts))
    return names


def test_core_imports_nothing_from_slack() -> None:
    code = (
        "import sys, bot.advisor, bot.cli.main, bot.records;"
        "bad = sorted(m for m in sys.modules if m.split('.')[0] in ('slack_bolt', 'slack_sdk'));"
        "print(','.join(bad))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "", f"core imported Slack modules: {out.stdout.strip()}"


@pytest.mark.skipif(not hasattr(os, "fork"), reason="imports each module in a forked process")
def test_every_module_of_bot_imports_on_its_own() -> None:
    """``import bot.<module>`` in a fresh process works for every module: no import cycle
    that only a lucky import order hides, no module that needs another imported first."""
    modules = bot_modules()
    assert len(modules) > 50 and "bot.slack.listeners.commands" in modules
    assert set(NOT_IMPORTED) <= set(modules), "an exempted script is gone: drop its exemption"
    modules = [name for name in modules if name not in NOT_IMPORTED]
    args = [sys.executable, "-c", IMPORT_EACH_ALONE, ",".join(THIRD_PARTY), *modules]
    out = subprocess.run(args, capture_output=True, text=True, check=True, timeout=120)
    assert out.stdout == "", out.stdout


def test_advise_on_the_command_line_loads_no_slack_and_no_database() -> None:
    code = (
        "import sys, contextlib, io\n"
        "from bot.cli.main import main\n"
        "sys.argv = ['advisor', 'advise', 'We route 2k tickets a day', '--json']\n"
        "with contextlib.redirect_stdout(io.StringIO()), contextlib.suppress(SystemExit):\n"
        "    main()\n"
        "heavy = ('slack_bolt', 'slack_sdk', 'sqlalchemy', 'alembic', 'gunicorn', 'uvicorn')\n"
        "print(sorted({m.split('.')[0] for m in sys.modules} & set(heavy)))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]", out.stdout + out.stderr
