"""The app against the floor (bench/floor_app.py: header, footer, tabs, a dozen inputs).

Usage::

    .venv/bin/python bench/bench_tui.py                 # 80x24, 9 runs per figure
    .venv/bin/python bench/bench_tui.py --runs 15 --cols 120 --rows 40
    .venv/bin/python bench/bench_tui.py --only stall

Figures (targets in brackets), each ratio measured in one run of this script:

- first paint: time from spawn until the first frame is on the terminal [<= 1.15x floor].
  Both programs run in a real pseudo-terminal rendered by pyte, alternately, and the median
  of the runs is compared. The floor's frame is its READY label; the app's is the General
  pane's first field (``Name *``), painted in the same frame as the header and tabs.
- with a preset (``ppio-endpoint vllm-openai``, as a user starts it): first paint, time to
  content (the preset's Name value on screen) [<= 1.15x the floor's first paint] and resident
  memory once settled with the preset open [<= 1.3x floor].
- resident memory once settled (the app after its background start-up) [<= 1.3x floor];
  for information also once the look-ups were fetched (the product field entered), which
  loads the HTTP client.
- bytes written to the terminal per keystroke typed into a text field [<= 1.5x floor].
- longest event-loop stall while validating (typing into fields, switching the API version)
  and while submitting (against the in-process sandbox with 1 s latency) [< 50 ms]:
  a probe task sleeps 1 ms in a loop on the app's loop; the longest gap between wake-ups is
  the longest the UI could not answer a key. Headless (``App.run_test``), best of ``--runs``.

The pseudo-terminal driver is the same idea as the shared ``tui_probe.py``, trimmed to what
this script needs. Needs pyte. Never asserted in the test suite.
"""

from __future__ import annotations

import argparse
import asyncio
import compileall
import fcntl
import json
import os
import pty
import re
import select
import signal
import statistics
import struct
import sys
import tempfile
import termios
import time
from pathlib import Path
from typing import Any

import pyte
from stall_probe import StallProbe  # beside this script

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
PYTHON = sys.executable
FLOOR = [PYTHON, str(ROOT / "bench" / "floor_app.py")]
APP = [PYTHON, "-m", "tui_app"]
# as a user starts it: with a preset named on the command line
PRESET = "vllm-openai"
APP_PRESET = [*APP, PRESET]
# the preset's values: its Name, in the first rows of the General tab at any size
PRESET_MARK = r"vllm-llama31-8b"
# For reference only: the floor with as many fields on its first tab as the app's General
# tab (9) instead of 3, to show what Textual itself charges for the fields on screen.
_FLOOR9_CODE = (
    "src = open({path!r}).read().replace('for i in range(3):', "
    "'for i in range(9 if tab == \"General\" else 3):'); "
    "exec(compile(src, 'floor9', 'exec'), {{'__name__': '__main__'}})"
)
FLOOR9 = [PYTHON, "-c", _FLOOR9_CODE.format(path=str(ROOT / "bench" / "floor_app.py"))]
FLOOR_MARK = r"READY"
APP_MARK = r"Name \*"
APP_SETTLED = r"SANDBOX"


class Term:
    """A program in a pty of a fixed size, its output rendered by pyte."""

    def __init__(self, argv: list[str], cols: int, rows: int, env: dict[str, str]) -> None:
        self.screen = pyte.Screen(cols, rows)
        self.stream = pyte.ByteStream(self.screen)
        self.bytes_in = 0
        self.t0 = time.perf_counter()
        pid, fd = pty.fork()
        if pid == 0:
            os.execvpe(argv[0], argv, env)
        self.pid, self.fd = pid, fd
        fcntl.ioctl(fd, termios.TIOCSWINSZ, struct.pack("HHHH", rows, cols, 0, 0))

    def pump(self, timeout: float) -> bool:
        ready, _, _ = select.select([self.fd], [], [], timeout)
        if not ready:
            return False
        try:
            data = os.read(self.fd, 65536)
        except OSError:
            raise EOFError from None
        if not data:
            raise EOFError
        self.bytes_in += len(data)
        self.stream.feed(data)
        # answer cursor-position and device-attribute queries so programs do not stall
        if b"\x1b[6n" in data:
            os.write(
                self.fd, f"\x1b[{self.screen.cursor.y + 1};{self.screen.cursor.x + 1}R".encode()
            )
        if b"\x1b[c" in data:
            os.write(self.fd, b"\x1b[?62;c")
        return True

    def text(self) -> str:
        return "\n".join(self.screen.display)

    def wait(self, pattern: str, timeout: float = 30.0) -> float:
        rx = re.compile(pattern)
        end = time.perf_counter() + timeout
        while time.perf_counter() < end:
            if rx.search(self.text()):
                return time.perf_counter() - self.t0
            self.pump(0.002)
        raise SystemExit(f"{pattern!r} never appeared:\n{self.text()}")

    def settle(self, quiet: float = 0.15, limit: float = 5.0) -> None:
        end = time.perf_counter() + limit
        last = time.perf_counter()
        while time.perf_counter() < end and time.perf_counter() - last < quiet:
            if self.pump(0.01):
                last = time.perf_counter()

    def key(self, data: bytes, quiet: float = 0.15) -> int:
        before = self.bytes_in
        os.write(self.fd, data)
        self.settle(quiet)
        return self.bytes_in - before

    def cpu_seconds(self) -> float:
        """CPU the program has used so far, all its threads (schedstat: nanoseconds)."""
        total = 0
        for task in os.listdir(f"/proc/{self.pid}/task"):
            with open(f"/proc/{self.pid}/task/{task}/schedstat") as handle:
                total += int(handle.read().split()[0])
        return total / 1e9

    def rss_mib(self) -> float:
        with open(f"/proc/{self.pid}/status") as handle:
            for line in handle:
                if line.startswith("VmRSS:"):
                    return int(line.split()[1]) / 1024
        return 0.0

    def close(self) -> None:
        for sig in (signal.SIGTERM, signal.SIGKILL):
            try:
                os.kill(self.pid, sig)
            except ProcessLookupError:
                return
            deadline = time.time() + 2
            while time.time() < deadline:
                if os.waitpid(self.pid, os.WNOHANG)[0]:
                    return
                time.sleep(0.02)


def child_env(home: str, cols: int, rows: int) -> dict[str, str]:
    env = dict(os.environ)
    for name in ("NO_COLOR", "PPIO_API_KEY", "PPIO_BASE_URL", "TEXTUAL"):
        env.pop(name, None)
    env.update(
        TERM="xterm-256color",
        COLUMNS=str(cols),
        LINES=str(rows),
        PPIO_ENDPOINT_HOME=home,
        PPIO_ENDPOINT_USER_HOST="bench@host",
    )
    return env


def start_runs(args: argparse.Namespace, home: str) -> dict[str, dict[str, list[float]]]:
    """Alternate floor and app: first paint, then memory once settled."""
    env = child_env(home, args.cols, args.rows)
    out: dict[str, dict[str, list[float]]] = {
        "floor": {"paint": [], "cpu": [], "rss": []},
        "app": {"paint": [], "cpu": [], "rss": [], "rss_after_lookups": []},
        "app_preset": {"paint": [], "content": [], "cpu": [], "rss": []},
        "floor_9_fields": {"paint": [], "cpu": [], "rss": []},
    }
    for _ in range(args.runs):
        for name, argv, mark, settled in (
            ("floor", FLOOR, FLOOR_MARK, FLOOR_MARK),
            ("app", APP, APP_MARK, APP_SETTLED),
            ("app_preset", APP_PRESET, APP_MARK, APP_SETTLED),
            # READY is below the fold there; the first input is in the same first frame
            ("floor_9_fields", FLOOR9, r"general-0", r"general-0"),
        ):
            term = Term(argv, args.cols, args.rows, env)
            try:
                out[name]["paint"].append(term.wait(mark))
                out[name]["cpu"].append(term.cpu_seconds())
                if name == "app_preset":
                    out[name]["content"].append(term.wait(PRESET_MARK))
                term.wait(settled)
                term.settle(0.5, 5)
                out[name]["rss"].append(term.rss_mib())
                if name == "app":
                    # into the product field (from Name): the look-ups load, httpx with them
                    term.key(b"\t\t", 0.3)
                    term.wait(r"pick from the list")
                    term.settle(0.5, 5)
                    out[name]["rss_after_lookups"].append(term.rss_mib())
            finally:
                term.close()
    return out


def keystrokes(args: argparse.Namespace, home: str) -> dict[str, list[int]]:
    """Bytes the program writes for each character typed into a focused text field."""
    env = child_env(home, args.cols, args.rows)
    text = "abcdefghijklmnopqrstuvwxyz"[: args.keys]
    out: dict[str, list[int]] = {}
    for name, argv, settled, focus in (
        ("floor", FLOOR, FLOOR_MARK, b"\t"),  # the tabs have focus first; tab reaches the input
        ("app", APP, APP_SETTLED, b""),  # the Name field has focus from the start
    ):
        term = Term(argv, args.cols, args.rows, env)
        try:
            term.wait(settled)
            term.settle(0.5, 5)
            if focus:
                term.key(focus, 0.3)
            term.key(b"x", 0.3)  # the first key also repaints what depends on "changed"
            counts = [term.key(ch.encode(), 0.15) for ch in text]
            if text not in term.text():
                raise SystemExit(f"{name}: the typed text is not on screen:\n{term.text()}")
            out[name] = counts
        finally:
            term.close()
    return out


async def stall_run(latency: float) -> dict[str, float]:
    """One headless session: the longest stall in each phase.

    validate: typing into fields (each key re-validates everything) and switching the API
    version (re-validates and re-renders Review); submit: from F5 to the result, with keys
    arriving while the request waits; for information, connect: entering a look-up field,
    which builds the HTTP client and fetches the look-ups, and navigate: the first showing
    of a tab, the preset picker, opening a template, Review.
    """
    from tui_app.ui.app import EndpointApp

    def editor(app: Any) -> Any:
        return app.get_screen_stack("editor")[0]

    home = Path(tempfile.mkdtemp(prefix="bench-tui-"))
    # the template refers to ${HF_TOKEN}; the submit resolves it from here
    environ = {"HF_TOKEN": "hf_benchbenchbenchbenchbench"}
    app = EndpointApp(home=home, user_host="bench@host", cursor_blink=False, environ=environ)
    probe = StallProbe("validate", "submit", "navigate", "connect")

    async def settle() -> None:
        await app.workers.wait_for_complete()
        await pilot.pause()

    async with app.run_test(size=(120, 40)) as pilot:
        await asyncio.wait_for(editor(app).started.wait(), 30)
        await settle()
        task = asyncio.create_task(probe.run())
        # entering a look-up field builds the HTTP client (httpx imported in a thread)
        probe.phase = "connect"
        editor(app).field_rows()["product_id"].editor.focus()
        await settle()
        deadline = time.monotonic() + 10
        while app.services.connection.client is None and time.monotonic() < deadline:
            await asyncio.sleep(0.01)
        await settle()
        probe.phase = "navigate"
        await pilot.press("ctrl+n")
        await settle()
        await pilot.press(*"vllm-openai", "enter")
        await settle()
        for section in ("workers", "general", "review", "general"):
            editor(app).action_section(section)
            await pilot.pause()
        for path, text in (
            ("name", "bench-endpoint-" * 4),
            ("image", "registry.example.com/team/image:tag"),
            ("worker_config.max_replicas", "12"),
            ("worker_config.min_replicas", "3"),
        ):
            probe.phase = "navigate"
            editor(app).action_section("workers" if "." in path else "general")
            field = editor(app).field_rows()[path].editor
            field.focus()
            await pilot.pause()
            probe.phase = "validate"
            await pilot.press(*text)
        for _ in range(4):
            await pilot.press("f4")
            await settle()
        probe.phase = "submit"
        client = await app.services.connection.client_now()
        assert client is not None and client.sandbox is not None
        client.sandbox.set_faults(latency=latency)
        await pilot.press("f5")
        deadline = time.monotonic() + 30
        # the confirm comes once the name is looked up (a linked endpoint would be updated)
        while app.screen is editor(app) and time.monotonic() < deadline:
            await asyncio.sleep(0.02)
        await pilot.press("y")
        await pilot.pause()
        if not (editor(app).submitting or editor(app).status.activity.startswith("Created")):
            raise SystemExit(f"the submit did not start: {editor(app).status.activity}")
        deadline = time.monotonic() + 30
        while editor(app).submitting and time.monotonic() < deadline:
            await pilot.press("right")  # keys keep arriving while the request waits
            await asyncio.sleep(0.02)
        probe.phase = ""
        task.cancel()
        if not editor(app).status.activity.startswith("Created"):
            raise SystemExit(f"submit did not succeed: {editor(app).status.activity}")
    return probe.worst


def stalls(args: argparse.Namespace) -> dict[str, float]:
    best = dict.fromkeys(("validate", "submit", "navigate", "connect"), float("inf"))
    for _ in range(max(3, args.runs // 3)):
        run = asyncio.run(stall_run(1.0))
        for key, value in run.items():
            best[key] = min(best[key], value)
    return best


def ms(seconds: float) -> float:
    return round(seconds * 1000, 1)


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--runs", type=int, default=9)
    parser.add_argument("--cols", type=int, default=80)
    parser.add_argument("--rows", type=int, default=24)
    parser.add_argument("--keys", type=int, default=20)
    parser.add_argument("--only", choices=("start", "keys", "stall"))
    args = parser.parse_args()
    report: dict[str, Any] = {"terminal": f"{args.cols}x{args.rows}", "runs": args.runs}
    # as installed: bytecode cached (PYTHONDONTWRITEBYTECODE would leave edited modules to be
    # compiled on every start, which is not what a user's start-up pays)
    compileall.compile_dir(str(ROOT / "tui_app"), quiet=1)
    with tempfile.TemporaryDirectory(prefix="bench-tui-home-") as home:
        if args.only in (None, "start"):
            runs = start_runs(args, home)
            paint = {k: statistics.median(v["paint"]) for k, v in runs.items()}
            content = statistics.median(runs["app_preset"]["content"])
            rss = {k: statistics.median(v["rss"]) for k, v in runs.items()}
            report["first_paint_ms"] = {k: ms(v) for k, v in paint.items()}
            report["first_paint_ratio"] = round(paint["app"] / paint["floor"], 3)
            # each app start against the floor start just before it: drift on a shared
            # machine cancels out of these
            pairs = [
                a / f for a, f in zip(runs["app"]["paint"], runs["floor"]["paint"], strict=True)
            ]
            report["first_paint_ratio_paired_median"] = round(statistics.median(pairs), 3)
            # started with a preset: its first frame, and when its values are on screen
            report["preset_first_paint_ratio"] = round(paint["app_preset"] / paint["floor"], 3)
            report["preset_content_ms"] = ms(content)
            report["preset_content_ratio"] = round(content / paint["floor"], 3)
            # CPU used by the first frame: less swayed by other load than wall time
            cpu = {k: statistics.median(v["cpu"]) for k, v in runs.items()}
            report["first_paint_cpu_ms"] = {k: ms(v) for k, v in cpu.items()}
            report["first_paint_cpu_ratio"] = round(cpu["app"] / cpu["floor"], 3)
            report["first_paint_ratio_vs_floor_9_fields"] = round(
                paint["app"] / paint["floor_9_fields"], 3
            )
            report["rss_mib"] = {k: round(v, 1) for k, v in rss.items()}
            report["rss_ratio"] = round(rss["app"] / rss["floor"], 3)
            report["preset_rss_ratio"] = round(rss["app_preset"] / rss["floor"], 3)
            # for information: once a look-up field was entered, the HTTP client is loaded
            after = statistics.median(runs["app"]["rss_after_lookups"])
            report["rss_mib"]["app_after_lookups"] = round(after, 1)
            report["rss_ratio_after_lookups"] = round(after / rss["floor"], 3)
        if args.only in (None, "keys"):
            counts = keystrokes(args, home)
            per_key = {k: statistics.median(v) for k, v in counts.items()}
            report["bytes_per_key"] = per_key
            report["bytes_per_key_ratio"] = round(per_key["app"] / per_key["floor"], 3)
    if args.only in (None, "stall"):
        worst = stalls(args)
        report["longest_stall_ms"] = {k: ms(v) for k, v in worst.items()}
    targets = {
        "first_paint_ratio": 1.15,
        "rss_ratio": 1.3,
        "preset_content_ratio": 1.15,
        "preset_rss_ratio": 1.3,
        "bytes_per_key_ratio": 1.5,
    }
    report["met"] = {k: report[k] <= v for k, v in targets.items() if k in report}
    if "longest_stall_ms" in report:
        stalls_ms = report["longest_stall_ms"]
        report["met"]["stall_under_50ms"] = max(stalls_ms["validate"], stalls_ms["submit"]) < 50
    print(json.dumps(report, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
