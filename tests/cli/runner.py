"""Runs ``ppio-endpoint`` in a child process, the way a user or a script does."""

from __future__ import annotations

import os
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path


@dataclass
class Run:
    code: int
    out: str
    err: str

    @property
    def err_lines(self) -> list[str]:
        return self.err.splitlines()


def cli_env(home: Path, env: dict[str, str] | None = None) -> dict[str, str]:
    """This environment without any PPIO_ setting, the data home at ``home``, no colour."""
    environ = {k: v for k, v in os.environ.items() if not k.startswith("PPIO_")}
    return environ | {"PPIO_ENDPOINT_HOME": str(home), "NO_COLOR": "1"} | (env or {})


def run_cli(
    *args: str,
    home: Path,
    stdin: str | None = None,
    env: dict[str, str] | None = None,
    cwd: Path | None = None,
) -> Run:
    environ = cli_env(home, env)
    proc = subprocess.run(
        [sys.executable, "-m", "tui_app", *args],
        input=stdin if stdin is not None else "",
        capture_output=True,
        text=True,
        env=environ,
        cwd=cwd,
        timeout=60,
    )
    assert "Traceback" not in proc.stderr, proc.stderr
    return Run(proc.returncode, proc.stdout, proc.stderr)
