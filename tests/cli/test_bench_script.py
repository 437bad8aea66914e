"""The benchmark script keeps working (its figures are read by people, never asserted)."""

from __future__ import annotations

import subprocess
import sys

from tests import REPO_ROOT


def test_bench_prints_every_case() -> None:
    script = REPO_ROOT / "bench" / "bench_spec.py"
    proc = subprocess.run(
        [sys.executable, str(script), "-n", "5", "-r", "1"],
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    )
    lines = proc.stdout.splitlines()
    assert [line.split("  ")[0] for line in lines if line.startswith("full spec")] == [
        "full spec, v2",
        "full spec, v1",
    ]
    assert sum(line.startswith("one field:") for line in lines) == 4
