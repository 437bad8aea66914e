"""Output piped into a reader that stops early (``| head``) ends quietly: no traceback."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from tests.cli.runner import cli_env

ROOT = Path(__file__).resolve().parents[2]


def test_a_reader_that_stops_early_gets_no_traceback(tmp_path: Path) -> None:
    presets = tmp_path / "presets"
    presets.mkdir()
    for n in range(2000):  # a listing far past a pipe's buffer (64 KiB)
        (presets / f"preset-{n:04d}.toml").write_text(
            f'version = 1\n[meta]\ndescription = "{"d" * 60}"\n[endpoint]\nname = "e{n}"\n'
        )
    env = cli_env(tmp_path)
    child = subprocess.Popen(
        [sys.executable, "-m", "tui_app", "presets", "list"],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    assert child.stdout is not None and child.stderr is not None
    first = child.stdout.read(200)  # what `head -c 200` reads, then it goes away
    child.stdout.close()
    errors = child.stderr.read().decode()
    code = child.wait(60)
    assert first.startswith(b"NAME")
    assert "Traceback" not in errors and "BrokenPipeError" not in errors, errors
    assert code == 141
