"""Stored endpoints as each version's get/list responses show them, with their live status.

Status is computed from the time elapsed since creation on every read (no timers):
the endpoint initializes, then runs; workers start pending and turn ready (v2, as
documented; v1 says running), and their number follows a slow wave between min and max
replicas, as traffic would make it. An image whose name contains ``never-healthy`` never
passes its health check: its workers fail, and so does the endpoint, with a reason.
The documented quirks are reproduced: v1 sends some numbers back as strings and ports
as integers (get) or strings (list); the v2 list items carry no ``type``.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any

from ...spec.render import render_v1, render_v2


@dataclass(frozen=True)
class Timing:
    boot: float = 4.0  # seconds an endpoint stays "initializing"
    worker_boot: float = 6.0  # seconds a worker stays "pending"
    period: float = 120.0  # one rise and fall of simulated traffic


@dataclass
class Meta:
    """What the server knows about a stored endpoint besides its configuration."""

    created: float  # sandbox clock at creation
    created_at: int  # unix seconds, as the API reports it
    owner_id: str
    member_id: str


def _replicas(data: dict[str, Any]) -> tuple[int, int]:
    workers = data.get("worker_config") or {}
    low = workers.get("min_replicas") or 0
    high = workers.get("max_replicas")
    high = low if not isinstance(high, int) else high
    return low, max(low, high)


def _wave(t: float, period: float) -> float:
    return (1 - math.cos(2 * math.pi * t / period)) / 2


def _worker_start(i: int, t: float, low: int, high: int, timing: Timing) -> float | None:
    """When worker ``i`` (0-based) last started, or None if it is not running now."""
    if i < low:
        return 0.0
    cold = i == 0 and high >= 1 and t < timing.boot + timing.worker_boot
    if high > low:
        threshold = (i - low + 0.5) / (high - low)
        if _wave(t, timing.period) > threshold:
            cycle = math.floor(t / timing.period) * timing.period
            rise = timing.period / (2 * math.pi) * math.acos(1 - 2 * threshold)
            return 0.0 if cold else cycle + rise
    return 0.0 if cold else None


NEVER_HEALTHY = "never-healthy"
UNHEALTHY = "HEALTH_CHECK_FAILED"


def unhealthy_reason(data: dict[str, Any]) -> str:
    check = data.get("health_check") or {}
    port = check.get("port") or next(iter(data.get("ports") or []), "(default)")
    where = f"{check.get('path', '/')} on port {port}"
    return f"workers never passed the health check ({where}) and were stopped"


def live_status(data: dict[str, Any], meta: Meta, now: float, timing: Timing) -> tuple[str, list]:
    """(endpoint status, [(worker index, started, status)]) at sandbox time ``now``."""
    t = max(0.0, now - meta.created)
    low, high = _replicas(data)
    broken = NEVER_HEALTHY in str(data.get("image", ""))
    workers = []
    for i in range(high):
        started = _worker_start(i, t, low, high, timing)
        if started is None:
            continue
        booted = t >= timing.boot and t - started >= timing.worker_boot
        state = ("failed" if broken else "running") if booted else "pending"
        workers.append((i, started, state))
    status = "initializing" if t < timing.boot else ("stopped" if high == 0 else "running")
    if broken and high > 0:  # it waits on its first worker's health check, which fails
        status = "failed" if t >= timing.boot + timing.worker_boot else "initializing"
    return status, workers


def _status(key: str, state: str, data: dict[str, Any]) -> dict[str, str]:
    """``{status|state, error, message}``: a failed one says why."""
    failed = state == "failed"
    return {
        key: state,
        "error": UNHEALTHY if failed else "",
        "message": unhealthy_reason(data) if failed else "",
    }


def endpoint_url(endpoint_id: str, data: dict[str, Any]) -> str:
    app = data.get("app_name") or endpoint_id
    return f"https://{endpoint_id}-{app}.runsync.serverless.sandbox.local"


def _worker_id(endpoint_id: str, index: int, started: float, period: float) -> str:
    return f"{endpoint_id[:8]}-w{index}-{int(started // period)}"


def _log_url(endpoint_id: str, worker: str = "") -> str:
    tail = f"/{worker}" if worker else ""
    return f"https://logs.sandbox.local/endpoints/{endpoint_id}{tail}"


def view_v2(
    eid: str, data: dict[str, Any], meta: Meta, now: float, timing: Timing, *, listed: bool
) -> dict[str, Any]:
    status, workers = live_status(data, meta, now, timing)
    body = render_v2(data)
    out: dict[str, Any] = {"id": eid}
    if not listed:  # the documented list item has no type
        out["type"] = data.get("type", "sync")
    out["name"] = body.pop("name", "")
    out["app_name"] = body.pop("app_name", eid)
    out["status"] = _status("status", status, data)
    out["url"] = endpoint_url(eid, data)
    body.pop("type", None)
    out.update(body)
    out["workers"] = [
        {
            "id": (wid := _worker_id(eid, i, started, timing.period)),
            # the documented v2 worker status for a serving worker is "ready"
            "status": _status("status", "ready" if state == "running" else state, data),
            "log": _log_url(eid, wid),
            "health": state == "running",
            "drain": False,
        }
        for i, started, state in workers
    ]
    out.update(member_id=meta.member_id, owner_id=meta.owner_id, created_at=meta.created_at)
    return out


_HEALTH_TIMING = {
    "initialDelay": 10,
    "period": 10,
    "timeout": 10,
    "successThreshold": 1,
    "failureThreshold": 3,
}


def view_v1(
    eid: str, data: dict[str, Any], meta: Meta, now: float, timing: Timing, *, listed: bool
) -> dict[str, Any]:
    status, workers = live_status(data, meta, now, timing)
    body = render_v1(data)["endpoint"]
    config = body.get("workerConfig", {})
    for key in ("freeTimeout", "maxConcurrent"):  # sent back as strings by the live API
        if key in config:
            config[key] = str(config[key])
    cuda = (data.get("worker_config") or {}).get("min_cuda_version")
    if cuda:
        config["cudaVersion"] = cuda
    if "value" in body.get("policy", {}):
        body["policy"]["value"] = str(body["policy"]["value"])
    if not listed:  # integers in the get sample, strings in the list sample
        body["ports"] = [{"port": int(p["port"])} for p in body.get("ports", [])]
    body["healthy"] = {**body.get("healthy", {}), **_HEALTH_TIMING}
    body.setdefault("appName", eid)
    out: dict[str, Any] = {
        "id": eid,
        "state": _status("state", status, data),
        "url": endpoint_url(eid, data),
        **body,
        "workers": [
            {
                "id": (wid := _worker_id(eid, i, started, timing.period)),
                "state": _status("state", state, data),
                "log": _log_url(eid, wid),
                "metrics": "",
                "healthy": state == "running",
            }
            for i, started, state in workers
        ],
        "log": _log_url(eid),
    }
    return out
