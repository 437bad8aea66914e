"""The look-ups kept from one start describe the preset's product at the next, without httpx."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

START = """
import asyncio, json, sys
from pathlib import Path
from tui_app.ui.app import EndpointApp

async def main():
    app = EndpointApp(home=Path(sys.argv[1]), preset="vllm-openai", environ={},
                      user_host="t@h", cursor_blink=False)
    async with app.run_test(size=(100, 30)) as pilot:
        connection = app.services.connection
        for _ in range(1000):
            if connection.known_ids.get("product_id"):
                break
            await asyncio.sleep(0.01)
        # let the rows take the options before quitting: a drop-down torn down while it
        # is still composing is a shutdown race, not what this test is about
        await app.workers.wait_for_complete()
        for _ in range(3):
            await pilot.pause()
        print(json.dumps({
            "product": connection.product_text("1"),
            "httpx": "httpx" in sys.modules,
        }))

asyncio.run(main())
"""


def start(home: Path) -> dict[str, object]:
    out = subprocess.run(
        [sys.executable, "-c", START, str(home)],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert out.returncode == 0, out.stderr[-4000:]
    return json.loads(out.stdout.strip().splitlines()[-1])


def test_the_next_start_describes_the_product_without_the_http_client(tmp_path: Path) -> None:
    first = start(tmp_path)
    assert first["product"] and first["httpx"]  # fetched: the client was built
    assert list((tmp_path / "cache").glob("lookups-*.json"))
    second = start(tmp_path)
    assert second == {"product": first["product"], "httpx": False}


# how a user starts it, through the command line; what it must not load until it is used
LAUNCH = """
import asyncio, json, sys
import tui_app.ui.launch as launching
from tui_app import cli

handed = []
launching.launch = lambda args: handed.append(args) or 0
assert cli.main(["vllm-openai"]) == 0

async def main():
    app = launching.app_from_args(handed[0])
    async with app.run_test(size=(100, 30)) as pilot:
        for _ in range(1000):
            if app.services.connection.known_ids.get("product_id"):
                break
            await asyncio.sleep(0.01)
        await app.workers.wait_for_complete()
        for _ in range(3):
            await pilot.pause()
        heavy = ("argparse", "hashlib", "email", "zipfile", "httpx")
        loaded = [name for name in heavy if name in sys.modules]
        # the look-ups' drop-downs are mounted only once their field is entered
        drop_downs = len(app.screen.query("Select"))
        print(json.dumps({"loaded": loaded, "drop-downs": drop_downs}))

asyncio.run(main())
"""


def test_a_start_with_a_kept_preset_loads_nothing_it_does_not_use(tmp_path: Path) -> None:
    start(tmp_path)  # the look-ups are kept
    out = subprocess.run(
        [sys.executable, "-c", LAUNCH],
        capture_output=True,
        text=True,
        timeout=60,
        env={**os.environ, "PPIO_ENDPOINT_HOME": str(tmp_path)},
    )
    assert out.returncode == 0, out.stderr[-4000:]
    # each is 0.25-0.6 MiB of a start that has to stay within 1.3x a bare Textual app
    assert json.loads(out.stdout.strip().splitlines()[-1]) == {"loaded": [], "drop-downs": 0}
