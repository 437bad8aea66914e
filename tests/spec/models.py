"""Small valid endpoint tables per API version, and a helper to change one field."""

from __future__ import annotations

import copy
import itertools
from typing import Any

V2_MINIMAL: dict[str, Any] = {
    "type": "sync",
    "name": "demo",
    "product_id": "1",
    "image": "vllm/vllm-openai:v0.6.3",
    "worker_config": {"max_replicas": 2},
}

V1_MINIMAL: dict[str, Any] = {
    "product_id": "1",
    "image": "vllm/vllm-openai:v0.6.3",
    "worker_config": {
        "min_replicas": 0,
        "max_replicas": 2,
        "idle_timeout": 300,
        "max_concurrent_per_worker": 10,
        "gpu_num": 1,
        "rootfs_size_gb": 100,
        "request_timeout": 60,
    },
    "policy": {"type": "queue", "value": 60},
    "ports": [8080],
    "health_check": {"path": "/health"},
}

FULL: dict[str, Any] = {
    "type": "sync",
    "name": "llama",
    "app_name": "llama-app",
    "product_id": "1",
    "region_id": "cn-east-1",
    "image": "vllm/vllm-openai:v0.6.3",
    "registry_auth_id": "auth-1",
    "entrypoint": "python3",
    "command": "-m vllm.entrypoints.openai.api_server --port 8000",
    "worker_config": {
        "min_replicas": 1,
        "max_replicas": 3,
        "idle_timeout": 300,
        "max_concurrent_per_worker": 8,
        "gpu_num": 1,
        "rootfs_size_gb": 100,
        "min_cuda_version": "12.4",
        "request_timeout": 600,
    },
    "policy": {"type": "concurrency", "value": 4},
    "volumes": [
        {"type": "network", "id": "ns-1", "mount_point": "/models"},
        {"type": "local", "size": 30, "mount_point": "/scratch"},
    ],
    "envs": [{"key": "HF_TOKEN", "value": "${HF_TOKEN}"}, {"key": "EMPTY", "value": ""}],
    "ports": [8000],
    "health_check": {"path": "/health", "port": 8000},
}

BASE = {"v1": V1_MINIMAL, "v2": V2_MINIMAL}


def with_value(data: dict[str, Any], loc: str, value: Any) -> dict[str, Any]:
    """A copy of ``data`` with ``loc`` (``volumes.0.size``, ``ports.0``) set; lists grow."""
    out = copy.deepcopy(data)
    parts = loc.split(".")
    target: Any = out
    for part, nxt in itertools.pairwise(parts):
        if part.isdigit():
            target = target[int(part)]
            continue
        default: Any = [] if nxt.isdigit() else {}
        target = target.setdefault(part, default)
        if nxt.isdigit():
            while len(target) <= int(nxt):
                target.append({} if nxt != parts[-1] else None)
    last = parts[-1]
    if last.isdigit():
        target[int(last)] = value
    else:
        target[last] = value
    return out


def without(data: dict[str, Any], loc: str) -> dict[str, Any]:
    out = copy.deepcopy(data)
    *head, last = loc.split(".")
    target: Any = out
    for part in head:
        target = target[int(part)] if part.isdigit() else target[part]
    del target[last]
    return out
