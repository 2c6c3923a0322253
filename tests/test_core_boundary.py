"""The advisor core knows nothing of Slack."""

import subprocess
import sys


def test_core_imports_nothing_from_slack() -> None:
    code = (
        "import sys, bot.advisor, bot.cli.main, bot.records;"
        "bad = sorted(m for m in sys.modules if m.split('.')[0] in ('slack_bolt', 'slack_sdk'));"
        "print(','.join(bad))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "", f"core imported Slack modules: {out.stdout.strip()}"
