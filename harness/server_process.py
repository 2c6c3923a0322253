"""The real server (``advisor serve``) as a subprocess, killable like a crashed host."""

from __future__ import annotations

import contextlib
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Sequence
from pathlib import Path
from typing import IO

SERVE_COMMAND = [sys.executable, "-c", "from bot.cli.main import main; main()", "serve"]
"""``advisor serve``, with this interpreter."""


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


class ServerProcess:
    """``advisor serve --port <free port>`` with the given environment; ``start``/``kill``."""

    def __init__(
        self,
        env: dict[str, str],
        log_path: Path,
        *,
        extra_args: list[str] | None = None,
        cwd: Path | None = None,
        command: Sequence[str] = SERVE_COMMAND,
    ) -> None:
        self.env = env
        self.log_path = log_path
        self.extra_args = extra_args or []
        self.cwd = cwd or log_path.parent
        self.command = list(command)
        """What to run (``advisor serve`` by default); ``--host``/``--port`` are appended."""
        self.port = 0
        self._process: subprocess.Popen[bytes] | None = None
        self._log: IO[bytes] | None = None

    @property
    def pid(self) -> int | None:
        """The server's process id (gunicorn's master), while it runs."""
        return self._process.pid if self._process is not None else None

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def start(self, timeout: float = 20.0) -> ServerProcess:
        """Start on a new free port and wait until ``/healthz`` answers 200."""
        self.port = free_port()
        self._log = self.log_path.open("ab")
        command = [*self.command, "--host", "127.0.0.1", "--port", str(self.port)]
        self._process = subprocess.Popen(
            [*command, *self.extra_args],
            env={**os.environ, **self.env},
            stdout=self._log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
            cwd=self.cwd,
        )
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self._process.poll() is not None:
                raise RuntimeError(f"server exited with {self._process.returncode}: {self.log()}")
            if self.healthz() == 200:
                return self
            time.sleep(0.05)
        self.kill()
        raise RuntimeError(f"server not healthy after {timeout}s: {self.log()}")

    def healthz(self) -> int:
        try:
            with urllib.request.urlopen(self.base_url + "/healthz", timeout=2) as answer:
                return int(answer.status)
        except urllib.error.HTTPError as err:
            return err.code
        except OSError:
            return 0

    def stop(self) -> None:
        """A graceful stop (SIGTERM to gunicorn)."""
        self._signal(signal.SIGTERM)

    def kill(self) -> None:
        """A crash: SIGKILL to the server and its workers at once."""
        self._signal(signal.SIGKILL)

    def _signal(self, sig: signal.Signals) -> None:
        if self._process is None:
            return
        with contextlib.suppress(ProcessLookupError):
            os.killpg(self._process.pid, sig)
        try:
            self._process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            os.killpg(self._process.pid, signal.SIGKILL)
            self._process.wait()
        self._process = None
        if self._log:
            self._log.close()

    def log(self) -> str:
        return self.log_path.read_text(errors="replace")[-4000:] if self.log_path.exists() else ""
