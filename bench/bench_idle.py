"""Idle CPU: what the app costs while nobody touches it, against the floor app.

Usage::

    .venv/bin/python bench/bench_idle.py              # 30 s each, 80x24
    .venv/bin/python bench/bench_idle.py --seconds 10

Both programs start in a real pseudo-terminal (the harness of bench_tui.py), are left to
finish their start-up, then sit untouched while the terminal keeps reading their output.
The figure is CPU time used (user + system, from /proc) over the idle window, as a share
of one core. Idle should be near zero: no polling timers, no redraws without a change.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_tui import APP, APP_SETTLED, FLOOR, FLOOR_MARK, Term, child_env

TICKS = os.sysconf("SC_CLK_TCK")


def cpu_seconds(pid: int) -> float:
    with open(f"/proc/{pid}/stat") as handle:
        fields = handle.read().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / TICKS


def idle_share(argv: list[str], mark: str, seconds: float, env: dict[str, str]) -> dict[str, float]:
    term = Term(argv, int(env["COLUMNS"]), int(env["LINES"]), env)
    try:
        term.wait(mark)
        term.settle(quiet=1.0, limit=15)
        before_cpu, before_bytes, start = cpu_seconds(term.pid), term.bytes_in, time.perf_counter()
        while time.perf_counter() - start < seconds:
            term.pump(0.05)
        used = cpu_seconds(term.pid) - before_cpu
        elapsed = time.perf_counter() - start
        return {
            "cpu_percent": round(100 * used / elapsed, 2),
            "bytes_written": term.bytes_in - before_bytes,
        }
    finally:
        term.close()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=30.0)
    parser.add_argument("--cols", type=int, default=80)
    parser.add_argument("--rows", type=int, default=24)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as home:
        env = child_env(home, args.cols, args.rows)
        floor = idle_share(FLOOR, FLOOR_MARK, args.seconds, env)
        app = idle_share(APP, APP_SETTLED, args.seconds, env)
    print(json.dumps({"seconds": args.seconds, "floor": floor, "app": app}))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
