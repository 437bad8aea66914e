"""Every stored snapshot belongs to a test that exists.

syrupy fails a serial run on a snapshot no test uses, but not a run split over xdist
workers; this keeps that check whichever way the suite runs.
"""

from __future__ import annotations

import os
import subprocess
import sys

from tests import REPO_ROOT

MODULES = ("tests/ui/test_snapshots.py", "tests/terminal/test_snapshots.py")


def test_no_snapshot_is_left_without_its_test() -> None:
    collect = [sys.executable, "-m", "pytest", "--collect-only", "-q", "-p", "no:xdist"]
    proc = subprocess.run(
        [*collect, "-p", "no:cacheprovider", *MODULES],
        cwd=REPO_ROOT,
        env={k: v for k, v in os.environ.items() if not k.startswith("PYTEST_")},
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert proc.returncode == 0, proc.stdout + proc.stderr
    tests = {line for line in proc.stdout.splitlines() if "::" in line}
    stored = set()
    for module in MODULES:
        folder = REPO_ROOT / module.replace("test_snapshots.py", "__snapshots__/test_snapshots")
        stored |= {f"{module}::{path.stem}" for path in folder.glob("*.svg")}
    assert len(stored) > 20
    assert stored - tests == set()
