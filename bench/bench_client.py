"""The client's overhead over a bare httpx call, both against the loopback sandbox.

Run: .venv/bin/python bench/bench_client.py [--calls 3000]

Both sides make the same GET over their own keep-alive connection to the sandbox served on
127.0.0.1 by ``ppio-endpoint sandbox`` in a child process (the server shares no GIL with
the clients, so its work is billed to neither side). The bare side does
``AsyncClient.get`` + ``.json()``; the client side calls the public operation, which
builds, sends, redacts, records an Exchange, notifies a subscriber, hands the line to the
history writer thread and reads the answer: ``get`` parses an endpoint into an
EndpointInfo (the headline figure), ``limits`` keeps a small answer as a dict (the
exchange machinery on its own).

Two figures:
- latency, what a caller waits: calls alternate (bare, client, client, bare...) so a noisy
  machine slows both alike (and the history writer, which wakes every 50 ms to write a
  batch, overlaps either side's calls alike). Medians of per-call times.
- CPU, what the process spends: process CPU time (all threads, not the server) over
  alternating blocks of calls, history writes included.
Target: latency ratio <= 1.1x.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Awaitable, Callable, Iterator
from pathlib import Path

import httpx

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from tui_app.api import PpioClient, Target

WARM_UP = 200
KEY = "sk-bench-key-0000000000000000"
DATA = {
    "type": "sync",
    "name": "bench",
    "product_id": "1",
    "image": "registry.example.com/team/server:1.0",
    "worker_config": {"min_replicas": 1, "max_replicas": 2, "gpu_num": 1},
    "envs": [{"key": "MODEL", "value": "llama"}],
    "ports": [8080],
}


@contextlib.contextmanager
def sandbox_process() -> Iterator[str]:
    """``ppio-endpoint sandbox --port 0`` in a child process; yields its base URL."""
    command = [sys.executable, "-m", "tui_app", "sandbox", "--port", "0"]
    child = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
    try:
        assert child.stdout is not None
        yield child.stdout.readline().strip()
    finally:
        child.terminate()
        child.wait(10)


async def latency(bare_get, client_get, client: PpioClient, calls: int) -> tuple[float, float]:
    bare_times: list[float] = []
    client_times: list[float] = []
    clock = time.perf_counter
    for n in range(calls + WARM_UP):
        order = ((bare_get, bare_times), (client_get, client_times))
        for call, times in order if n % 2 else order[::-1]:
            started = clock()
            await call()
            if n >= WARM_UP:
                times.append(clock() - started)
    return statistics.median(bare_times), statistics.median(client_times)


async def cpu(bare_get, client_get, client: PpioClient, calls: int) -> tuple[float, float]:
    spent = {bare_get: 0.0, client_get: 0.0}
    block = 250
    for _ in range(max(1, calls // block)):
        for call in spent:
            started = time.process_time()
            for _ in range(block):
                await call()
            await client.flush_history()
            spent[call] += time.process_time() - started
    blocks = max(1, calls // block) * block
    return spent[bare_get] / blocks, spent[client_get] / blocks


def bare_call(bare: httpx.AsyncClient, url: str) -> Callable[[], Awaitable[None]]:
    async def call() -> None:
        response = await bare.get(url)
        response.raise_for_status()
        response.json()

    return call


async def main(calls: int) -> None:
    with sandbox_process() as base_url, tempfile.TemporaryDirectory() as tmp:
        target = Target("bench", base_url, "v2", KEY)
        history = Path(tmp) / "history.jsonl"
        async with (
            PpioClient(target, history_path=history) as client,
            httpx.AsyncClient(headers={"Authorization": f"Bearer {KEY}"}) as bare,
        ):
            client.subscribe(lambda exchange: None)  # as the TUI's log does
            endpoint_id = (await client.create(DATA)).id

            async def client_get() -> None:
                await client.get(endpoint_id)

            async def client_limits() -> None:
                await client.limits()

            operations = (
                # the headline: an endpoint read back and parsed into an EndpointInfo
                ("get", client.url("v2", "get", endpoint_id), client_get),
                # a small answer kept as a dict: the exchange machinery on its own
                ("limits", client.url("v1", "limits"), client_limits),
            )
            rows = []
            for name, url, client_side in operations:
                bare_side = bare_call(bare, url)
                waits = await latency(bare_side, client_side, client, calls)
                spent = await cpu(bare_side, client_side, client, calls)
                rows += [(f"{name}: latency (median)", *waits), (f"{name}: CPU (mean)", *spent)]
        lines = sum(1 for _ in history.open())
    print(f"calls per side and operation: {calls} (after {WARM_UP} warm-up calls)")
    print(f"history lines in the current file: {lines}")
    print("                          bare httpx   PpioClient   overhead   ratio")
    for label, bare_s, client_s in rows:
        print(
            f"{label:<24}  {bare_s * 1e3:7.3f} ms   {client_s * 1e3:7.3f} ms"
            f"   {(client_s - bare_s) * 1e6:+5.0f} us   {client_s / bare_s:.3f}x"
        )
    print("target: latency ratio of get <= 1.1x")


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--calls", type=int, default=3000)
    options = parser.parse_args()
    asyncio.run(main(options.calls))
