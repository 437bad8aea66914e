"""The endpoints screen with many endpoints (the in-process sandbox, pre-filled).

Usage::

    .venv/bin/python bench/bench_endpoints.py                   # 500 endpoints, 1 s interval
    .venv/bin/python bench/bench_endpoints.py --endpoints 1000 --interval 2

Figures, all with the sandbox holding ``--endpoints`` endpoints whose workers stay put:

- rows on screen: from the key that opens the screen (f12) until its first row is painted,
  in a real pseudo-terminal rendered by pyte (the harness of bench_tui.py);
- resident memory once the rows are shown and settled;
- requests and terminal bytes while the screen is shown and idle, over 3 refresh
  intervals: with nothing changed on the server, and with one endpoint's image changed;
- the longest event-loop stall while opening the screen and over several refreshes, headless
  (``App.run_test``), a probe task sleeping 1 ms in a loop [< 50 ms].

Never asserted in the test suite.
"""

from __future__ import annotations

import argparse
import asyncio
import copy
import json
import os
import signal
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench_tui import APP_SETTLED, PYTHON, Term, child_env
from stall_probe import StallProbe  # beside this script

F12 = b"\x1b[24~"
ENDPOINT: dict[str, Any] = {
    "type": "sync",
    "name": "",
    "product_id": "1",
    "image": "vllm/vllm-openai:v0.6.3",
    "worker_config": {
        "min_replicas": 1,
        "max_replicas": 1,  # no simulated traffic: the rows stay as they are
        "idle_timeout": 300,
        "max_concurrent_per_worker": 8,
        "gpu_num": 1,
        "rootfs_size_gb": 100,
        "request_timeout": 600,
    },
    "policy": {"type": "queue", "value": 30},
    "ports": [8000],
    "health_check": {"path": "/health", "port": 8000},
}


def filled_sandbox(count: int) -> Any:
    from tui_app.api.sandbox import Sandbox
    from tui_app.api.sandbox.views import Timing

    box = Sandbox(timing=Timing(boot=0.0, worker_boot=0.0))
    for index in range(count):
        data = copy.deepcopy(ENDPOINT)
        data["name"] = f"ep-{index:04d}"
        box.created(f"bench{index:08x}", data)
    return box


def write_home(interval: float) -> str:
    home = tempfile.mkdtemp(prefix="bench-endpoints-")
    Path(home, "config.toml").write_text(f"[profiles.ppio]\nrefresh_interval = {interval}\n")
    return home


# -- the child: the app in the pty, its sandbox pre-filled ------------------------------------
def child(count: int, report: str) -> None:
    from tui_app.ui.app import EndpointApp

    box = filled_sandbox(count)
    app = EndpointApp(home=Path(os.environ["PPIO_ENDPOINT_HOME"]), cursor_blink=False)
    app.services.connection._kept_sandbox = box  # the app's in-process sandbox is this one

    def count_requests(*_: Any) -> None:
        Path(report).write_text(str(len(box.received)))

    def change_one(*_: Any) -> None:
        box.endpoints["bench00000000"]["image"] = "vllm/vllm-openai:v0.6.4"

    signal.signal(signal.SIGUSR1, change_one)
    signal.signal(signal.SIGUSR2, count_requests)
    app.run()


def requests_now(term: Term, report: Path) -> int:
    report.unlink(missing_ok=True)
    os.kill(term.pid, signal.SIGUSR2)
    end = time.perf_counter() + 5
    while time.perf_counter() < end:
        term.pump(0.01)
        if report.exists() and report.read_text():
            return int(report.read_text())
    raise SystemExit("the child did not report its request count")


def watch(term: Term, seconds: float) -> int:
    before = term.bytes_in
    end = time.perf_counter() + seconds
    while time.perf_counter() < end:
        term.pump(0.01)
    return term.bytes_in - before


def pty_run(args: argparse.Namespace) -> dict[str, float]:
    home = write_home(args.interval)
    report = Path(home, "requests")
    env = child_env(home, args.cols, args.rows)
    argv = [PYTHON, __file__, "--child", str(args.endpoints), str(report)]
    term = Term(argv, args.cols, args.rows, env)
    try:
        term.wait(APP_SETTLED)
        term.settle(0.5)
        start = time.perf_counter()
        os.write(term.fd, F12)
        term.wait(r"ep-0000", timeout=60)
        shown = time.perf_counter() - start
        term.settle(0.5, limit=10)
        rss = term.rss_mib()
        window = 3 * args.interval
        term.settle(args.interval / 2)
        before = requests_now(term, report)
        idle_bytes = watch(term, window)
        idle_requests = requests_now(term, report) - before
        os.kill(term.pid, signal.SIGUSR1)
        before = requests_now(term, report)
        change_bytes = watch(term, window)
        change_requests = requests_now(term, report) - before
        if "v0.6.4" not in term.text():
            raise SystemExit(f"the change never showed:\n{term.text()}")
    finally:
        term.close()
    return {
        "rows_shown_ms": shown * 1000,
        "rss_mib": rss,
        "idle_bytes": idle_bytes,
        "idle_requests": idle_requests,
        "change_bytes": change_bytes,
        "change_requests": change_requests,
    }


# -- headless: the longest stall ---------------------------------------------------------------
async def stall_run(count: int, interval: float, refreshes: int) -> dict[str, float]:
    from tui_app.ui.app import EndpointApp

    home = Path(write_home(interval))
    app = EndpointApp(home=home, user_host="bench@host", cursor_blink=False, environ={})
    app.services.connection._kept_sandbox = filled_sandbox(count)
    probe = StallProbe("open", "refresh")

    async with app.run_test(size=(160, 40)) as pilot:
        await asyncio.wait_for(app.get_screen_stack("editor")[0].started.wait(), 30)
        await app.workers.wait_for_complete()
        await pilot.pause()
        task = asyncio.create_task(probe.run())
        probe.phase = "open"
        await pilot.press("f12")
        screen = app.screen
        deadline = time.monotonic() + 30
        while not getattr(screen, "shown_ids", None) and time.monotonic() < deadline:
            await asyncio.sleep(0.01)
        probe.phase = "refresh"
        await asyncio.sleep(interval * refreshes)
        probe.phase = ""
        task.cancel()
        if len(screen.shown_ids) != count:
            raise SystemExit(f"{len(screen.shown_ids)} rows shown, not {count}")
    return probe.worst


def main() -> int:
    if len(sys.argv) == 4 and sys.argv[1] == "--child":
        child(int(sys.argv[2]), sys.argv[3])
        return 0
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--endpoints", type=int, default=500)
    parser.add_argument("--interval", type=float, default=1.0)
    parser.add_argument("--cols", type=int, default=160)
    parser.add_argument("--rows", type=int, default=40)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    runs = [pty_run(args) for _ in range(args.runs)]
    stalls = [asyncio.run(stall_run(args.endpoints, args.interval, 5)) for _ in range(args.runs)]
    figures = {key: sorted(r[key] for r in runs)[len(runs) // 2] for key in runs[0]}
    figures["stall_open_ms"] = min(s["open"] for s in stalls) * 1000
    figures["stall_refresh_ms"] = min(s["refresh"] for s in stalls) * 1000
    if args.json:
        print(json.dumps(figures, indent=2))
        return 0
    print(f"{args.endpoints} endpoints, refresh every {args.interval:g} s, median of {args.runs}")
    print(f"rows on screen after f12:     {figures['rows_shown_ms']:.0f} ms")
    print(f"resident memory, shown:       {figures['rss_mib']:.1f} MiB")
    window = 3 * args.interval
    print(
        f"idle {window:g} s, no change:        {figures['idle_requests']:.0f} requests, "
        f"{figures['idle_bytes']:.0f} bytes"
    )
    print(
        f"idle {window:g} s, one image changed: {figures['change_requests']:.0f} requests, "
        f"{figures['change_bytes']:.0f} bytes"
    )
    print(
        f"longest stall, opening / refreshing (best of {args.runs}): "
        f"{figures['stall_open_ms']:.0f} / {figures['stall_refresh_ms']:.0f} ms"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
