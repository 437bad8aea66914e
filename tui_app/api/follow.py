"""Following an endpoint's status: snapshots, what changed between two, and when to stop.

Pure but for :func:`follow`, which polls a client. The CLI's ``endpoints status --watch``
and a screen both use it: each poll gives the endpoint and the lines that changed.
"""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Awaitable, Callable, Mapping
from dataclasses import dataclass
from typing import Any, Literal

from .types import EndpointInfo, worker_up

FAILED_STATES = frozenset({"failed", "error"})
RUNNING_STATES = frozenset({"running", "serving"})
Final = Literal["running", "failed"]


@dataclass(frozen=True)
class Worker:
    id: str
    status: str
    healthy: bool | None
    log: str | None
    reason: str = ""  # the worker's error and message, when it has them


@dataclass(frozen=True)
class Snapshot:
    """What is shown of an endpoint at one poll."""

    status: str
    reason: str  # "ERROR: message" when the answer has them
    workers: tuple[Worker, ...]
    desired: int  # workers that should be up: min_replicas

    @property
    def up(self) -> int:
        return sum(1 for w in self.workers if worker_up({"status": w.status}))


def _reason(error: str, message: str) -> str:
    return ": ".join(p for p in (error, message) if p)


def _desired(data: Mapping[str, Any]) -> int:
    workers = data.get("worker_config")
    low = workers.get("min_replicas") if isinstance(workers, Mapping) else None
    return low if isinstance(low, int) and not isinstance(low, bool) else 0


def snapshot(info: EndpointInfo) -> Snapshot:
    workers = tuple(
        Worker(
            str(w.get("id", "")),
            str(w.get("status", "unknown")),
            w.get("healthy"),
            w.get("log"),
            _reason(str(w.get("error", "")), str(w.get("message", ""))),
        )
        for w in info.workers
    )
    return Snapshot(info.status, _reason(info.error, info.message), workers, _desired(info.data))


def final(snap: Snapshot) -> Final | None:
    """``running`` with every desired worker up, ``failed``, or None while it moves."""
    status = snap.status.lower()
    if status in FAILED_STATES:
        return "failed"
    if status in RUNNING_STATES and snap.up >= snap.desired:
        return "running"
    return None


def _health(worker: Worker) -> str:
    if worker.healthy is None:
        return "health unknown"
    return "healthy" if worker.healthy else "unhealthy"


def changes(before: Snapshot | None, after: Snapshot) -> list[str]:
    """Lines saying what differs from ``before`` (everything when it is None)."""
    lines = []
    if before is None or (before.status, before.reason) != (after.status, after.reason):
        was = f"{before.status} → " if before is not None else ""
        why = f" ({after.reason})" if after.reason else ""
        lines.append(f"status: {was}{after.status}{why}")
    old = {w.id: w for w in before.workers} if before is not None else {}
    new = {w.id: w for w in after.workers}
    for wid, worker in new.items():
        seen = old.get(wid)
        if seen is not None and (seen.status, seen.healthy) == (worker.status, worker.healthy):
            continue
        was = f"{seen.status} → " if seen is not None else "+ "
        why = f" ({worker.reason})" if worker.reason else ""
        lines.append(f"worker {wid}: {was}{worker.status}, {_health(worker)}{why}")
    lines += [f"worker {wid}: gone" for wid in old if wid not in new]
    if before is None or (before.up, len(before.workers)) != (after.up, len(after.workers)):
        lines.append(f"workers up: {after.up}/{len(after.workers)} (min {after.desired})")
    return lines


async def follow(
    get: Callable[[], Awaitable[EndpointInfo]],
    interval: float,
    *,
    sleep: Callable[[float], Awaitable[Any]] = asyncio.sleep,
    until_final: bool = True,
) -> AsyncIterator[tuple[EndpointInfo, list[str]]]:
    """Poll ``get`` every ``interval`` seconds; yield (endpoint, changed lines) on each
    change, and stop after a final state (running with the desired workers up, or failed)."""
    before: Snapshot | None = None
    while True:
        info = await get()
        after = snapshot(info)
        lines = changes(before, after)
        if lines:
            yield info, lines
        before = after
        if until_final and final(after) is not None:
            return
        await sleep(interval)
