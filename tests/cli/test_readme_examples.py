"""The README's example against a served sandbox runs as written: every ``ppio-endpoint``
line after the ``export`` of the sandbox block, by a real shell, exits 0."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.sandbox_server import TEST_KEY, sandbox_server

pytestmark = pytest.mark.skipif(shutil.which("sh") is None, reason="needs sh")

README = Path(__file__).resolve().parents[2] / "README.md"
BLOCK = re.compile(r"```console\n(.*?)```", re.S)


def sandbox_lines() -> list[str]:
    """The shell lines of the block that serves the sandbox, after its ``export``."""
    for block in BLOCK.findall(README.read_text(encoding="utf-8")):
        lines = [line[2:] for line in block.splitlines() if line.startswith("$ ")]
        if lines and lines[0].startswith("ppio-endpoint sandbox "):
            after = lines[next(i for i, line in enumerate(lines) if "export " in line) + 1 :]
            return [line for line in after if "ppio-endpoint " in line]
    raise AssertionError("no sandbox example in the README")


def test_the_readme_sandbox_example_has_lines_to_run() -> None:
    assert any("submit" in line for line in sandbox_lines())


@pytest.mark.parametrize("line", sandbox_lines())
def test_readme_sandbox_line_runs_as_written(line: str, tmp_path: Path) -> None:
    bin_dir = Path(sys.executable).parent
    assert (bin_dir / "ppio-endpoint").exists()
    with sandbox_server() as server:
        env = {
            "PATH": f"{bin_dir}{os.pathsep}/usr/bin:/bin",
            "HOME": str(tmp_path),
            "PPIO_ENDPOINT_HOME": str(tmp_path / "data"),
            "PPIO_API_KEY": TEST_KEY,
            "PPIO_BASE_URL": server.base_url,
        }
        run = subprocess.run(
            ["sh", "-c", line], env=env, capture_output=True, text=True, timeout=60
        )
    assert run.returncode == 0, run.stderr
