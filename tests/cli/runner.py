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


def run_cli(
    *args: str,
    home: Path,
    stdin: str | None = None,
    env: dict[str, str] | None = None,
    cwd: Path | None = None,
) -> Run:
    environ = {k: v for k, v in os.environ.items() if not k.startswith("PPIO_")}
    environ |= {"PPIO_ENDPOINT_HOME": str(home), "NO_COLOR": "1"} | (env or {})
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
