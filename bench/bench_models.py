"""Parsing API answers: pydantic models (tui_app.api.models) against the hand-written path.

Run: .venv/bin/python bench/bench_models.py [-n 2000] [-r 7]

The answers are real ones: a v2 get and a 50-item v2 list page from the sandbox served on
loopback. Each figure is the best of ``-r`` timeit runs of ``-n`` calls, in microseconds per
answer. "hand" is what the client runs today (tui_app.api.responses, which reads the
endpoint table through tui_app.spec.parse); "pydantic" validates the same decoded JSON
into the typed models; "+ table" also dumps the model into the table an EndpointInfo
carries. Import cost and resident memory of pydantic are measured in fresh interpreters.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import subprocess
import sys
import tempfile
import timeit
from pathlib import Path
from typing import Any

import httpx

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.bench_client import DATA, KEY, sandbox_process
from tui_app.api import PpioClient, Target
from tui_app.api.models import Endpoint, EndpointPage
from tui_app.api.responses import endpoint_info, endpoint_items

ITEMS = 50
SPEC_FIELDS = set(DATA) | {"app_name", "region_id", "policy", "volumes", "health_check"}

_RSS = "int(next(l for l in open('/proc/self/status') if l.startswith('VmRSS')).split()[1])"
_IMPORT = (
    "import time; t = time.perf_counter(); import {module}; "
    "print(time.perf_counter() - t, " + _RSS + ")"
)


async def answers() -> tuple[dict[str, Any], dict[str, Any], bytes]:
    """A get answer, a list page of ``ITEMS`` endpoints, and the get answer's bytes."""
    with sandbox_process() as base_url, tempfile.TemporaryDirectory() as tmp:
        target = Target("bench", base_url, "v2", KEY)
        async with (
            PpioClient(target, history_path=Path(tmp) / "history.jsonl") as client,
            httpx.AsyncClient(headers={"Authorization": f"Bearer {KEY}"}) as bare,
        ):
            ids = [(await client.create(DATA | {"name": f"bench-{n}"})).id for n in range(ITEMS)]
            got = await bare.get(client.url("v2", "get", ids[0]))
            page = await bare.get(client.url("v2", "list"), params={"limit": ITEMS})
    return got.json(), page.json(), got.content


def with_table(body: dict[str, Any]) -> dict[str, Any]:
    model = Endpoint.model_validate(body)
    return model.model_dump(include=SPEC_FIELDS, exclude_none=True)


def best(call: Any, number: int, repeat: int) -> float:
    return min(timeit.repeat(call, number=number, repeat=repeat)) / number * 1e6


def import_cost(module: str, runs: int = 5) -> tuple[float, int]:
    """Best wall time (ms) of importing ``module`` in a fresh interpreter, and its RSS (KiB)."""
    results = []
    for _ in range(runs):
        code = _IMPORT.format(module=module)
        out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
        seconds, rss = out.stdout.split()
        results.append((float(seconds) * 1e3, int(rss)))
    return min(r[0] for r in results), min(r[1] for r in results)


def main(number: int, repeat: int) -> None:
    got, page, raw = asyncio.run(answers())
    assert len(page["data"]) == ITEMS
    cases = [
        ("get: hand", lambda: endpoint_info(got, "v2")),
        ("get: pydantic", lambda: Endpoint.model_validate(got)),
        ("get: pydantic + table", lambda: with_table(got)),
        ("get from bytes: json + hand", lambda: endpoint_info(json.loads(raw), "v2")),
        ("get from bytes: pydantic", lambda: Endpoint.model_validate_json(raw)),
        (f"list of {ITEMS}: hand", lambda: endpoint_items(page, "v2")),
        (f"list of {ITEMS}: pydantic", lambda: EndpointPage.model_validate(page)),
    ]
    print(f"best of {repeat} runs of {number} calls, microseconds per answer")
    for label, call in cases:
        calls = max(1, number // ITEMS) if label.startswith("list") else number
        print(f"{label:<30} {best(call, calls, repeat):9.1f} us")
    base_ms, base_rss = import_cost("tui_app.api")
    for module in ("pydantic", "pydantic, tui_app.api.models", "tui_app.api.client"):
        ms, rss = import_cost(f"tui_app.api, {module}")
        print(
            f"import {module:<28} +{ms - base_ms:6.1f} ms  +{(rss - base_rss) / 1024:5.1f} MiB RSS"
            f"  (over import tui_app.api: {base_ms:.1f} ms, {base_rss / 1024:.1f} MiB)"
        )


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("-n", "--number", type=int, default=2000)
    parser.add_argument("-r", "--repeat", type=int, default=7)
    options = parser.parse_args()
    main(options.number, options.repeat)
