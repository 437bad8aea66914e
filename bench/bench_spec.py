"""Validation speed: the whole endpoint, and one field (what the form runs per keystroke).

Usage::

    .venv/bin/python bench/bench_spec.py            # default: 20 000 calls per figure, best of 7
    .venv/bin/python bench/bench_spec.py -n 50000 -r 9

Targets: full spec <= 200 µs, one field <= 50 µs. The endpoint validated is the biggest
shipped template (every group filled); each figure is the best of ``-r`` runs, so a busy
machine shows as noise on the slower runs, not in the figure.
"""

from __future__ import annotations

import argparse
import timeit
from collections.abc import Callable
from pathlib import Path
from typing import Any

from tui_app import spec
from tui_app.home import shipped_presets_dir
from tui_app.presets import load_preset_file

TARGETS_US = {"full": 200.0, "field": 50.0}


def _biggest_template() -> tuple[Path, dict[str, Any]]:
    presets = [load_preset_file(p) for p in sorted(shipped_presets_dir().glob("*.toml"))]
    biggest = max(presets, key=lambda p: len(repr(p.endpoint)))
    assert biggest.path is not None
    return biggest.path, biggest.endpoint


def _best_us(call: Callable[[], object], number: int, repeat: int) -> float:
    return min(timeit.repeat(call, number=number, repeat=repeat)) / number * 1e6


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("-n", "--number", type=int, default=20_000, help="calls per run")
    parser.add_argument("-r", "--repeat", type=int, default=7, help="runs; the best is kept")
    args = parser.parse_args()
    path, data = _biggest_template()
    print(f"endpoint: {path.name} ({len(spec.clean(data))} top-level fields)")
    print(f"{'case':<44} {'µs/call':>9}  target")
    cases: list[tuple[str, str, Callable[[], object]]] = []
    for version in ("v2", "v1"):
        cases.append((f"full spec, {version}", "full", lambda v=version: spec.validate(data, v)))
    cases += [
        (
            "one field: worker_config.max_replicas",
            "field",
            lambda: spec.validate_field("worker_config.max_replicas", 4),
        ),
        (
            "one field: app_name (pattern)",
            "field",
            lambda: spec.validate_field("app_name", "my-app-01"),
        ),
        (
            "one field: volumes.2.mount_point (v1)",
            "field",
            lambda: spec.validate_field("volumes.2.mount_point", "/data", "v1"),
        ),
        (
            "one field: envs.0.key (bad value)",
            "field",
            lambda: spec.validate_field("envs.0.key", "A B"),
        ),
    ]
    for label, kind, call in cases:
        micros = _best_us(call, args.number, args.repeat)
        target = TARGETS_US[kind]
        verdict = "ok" if micros <= target else "OVER"
        print(f"{label:<44} {micros:>9.2f}  <= {target:.0f} {verdict}")


if __name__ == "__main__":
    main()
