"""The ranges the v1 ``GET …/endpoint/limit`` publishes for an account, and what they bound.

The answer names each range ``min<Name>`` / ``max<Name>``. The app warns with them under
the fields they bound; the sandbox enforces them. Declared once, here.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

# (field, range name), for the worker settings
FIELD_LIMITS: tuple[tuple[str, str], ...] = (
    ("worker_config.rootfs_size_gb", "RootfsSize"),
    ("worker_config.min_replicas", "WorkerNum"),
    ("worker_config.max_replicas", "WorkerNum"),
    ("worker_config.gpu_num", "GPUNum"),
    ("worker_config.idle_timeout", "FreeTimeout"),
    ("worker_config.max_concurrent_per_worker", "ConcurrencyNum"),
    ("worker_config.request_timeout", "RequestTimeout"),
)
# the range that bounds ``policy.value``, by policy type
POLICY_LIMITS: dict[str, str] = {"queue": "QueueWaitTime", "concurrency": "RequestNum"}
UNITS: dict[str, str] = {
    "RootfsSize": " GB",
    "FreeTimeout": " s",
    "RequestTimeout": " s",
    "QueueWaitTime": " s",
}


def bounded_values(data: Mapping[str, Any]) -> list[tuple[str, Any, str]]:
    """(field, its value in ``data``, range name) for every published range that applies."""
    workers = data.get("worker_config")
    workers = workers if isinstance(workers, Mapping) else {}
    out = [(loc, workers.get(loc.partition(".")[2]), name) for loc, name in FIELD_LIMITS]
    policy = data.get("policy")
    if isinstance(policy, Mapping) and policy.get("type") in POLICY_LIMITS:
        out.append(("policy.value", policy.get("value"), POLICY_LIMITS[policy["type"]]))
    return out
