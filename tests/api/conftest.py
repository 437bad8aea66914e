"""Fixtures for the API tests: an isolated data home, the loopback sandbox, a client on it."""

from __future__ import annotations

import copy
from collections.abc import AsyncIterator, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest

from tests.sandbox_server import FakeClock, LoopbackSandbox, sandbox_server
from tui_app.api import PpioClient, RetryPolicy
from tui_app.api.types import Exchange

# Valid for both API versions and for the sandbox's look-up data (product, region, storage).
SAMPLE: dict[str, Any] = {
    "type": "sync",
    "name": "sample-endpoint",
    "app_name": "sample-app",
    "product_id": "1",
    "region_id": "cn-east-1",
    "image": "registry.example.com/team/server:1.0",
    "registry_auth_id": "75irlsvvsehnqdajg2r481mjk54ecodc",
    "command": "python serve.py --port 8080",
    "worker_config": {
        "min_replicas": 1,
        "max_replicas": 3,
        "idle_timeout": 300,
        "max_concurrent_per_worker": 10,
        "gpu_num": 1,
        "rootfs_size_gb": 50,
        "min_cuda_version": "12.4",
        "request_timeout": 60,
    },
    "policy": {"type": "queue", "value": 60},
    "volumes": [{"type": "network", "id": "ns-comfyui-models", "mount_point": "/models"}],
    "envs": [{"key": "MODEL", "value": "llama"}],
    "ports": [8080],
    "health_check": {"path": "/healthz", "port": 8080},
}


def sample(**changes: Any) -> dict[str, Any]:
    data = copy.deepcopy(SAMPLE)
    data.update(changes)
    return data


@dataclass
class RecordingSleep:
    """Stands in for asyncio.sleep: records each wait and moves the retry clock instead."""

    clock: FakeClock
    delays: list[float] = field(default_factory=list)

    async def __call__(self, seconds: float) -> None:
        self.delays.append(seconds)
        self.clock.advance(seconds)


@pytest.fixture(autouse=True)
def home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    path = tmp_path / "home"
    path.mkdir()
    monkeypatch.setenv("PPIO_ENDPOINT_HOME", str(path))
    for name in ("PPIO_API_KEY", "PPIO_BASE_URL", "NOVITA_API_KEY"):
        monkeypatch.delenv(name, raising=False)
    return path


@pytest.fixture
def server() -> Iterator[LoopbackSandbox]:
    with sandbox_server() as running:
        yield running


@pytest.fixture
def sleeper() -> RecordingSleep:
    return RecordingSleep(FakeClock())


@pytest.fixture
def policy(sleeper: RecordingSleep) -> RetryPolicy:
    import random

    return RetryPolicy(
        attempts=4, deadline=60.0, sleep=sleeper, clock=sleeper.clock, rng=random.Random(7)
    )


class Recorder:
    def __init__(self) -> None:
        self.exchanges: list[Exchange] = []

    def __call__(self, exchange: Exchange) -> None:
        self.exchanges.append(exchange)


@pytest.fixture
async def v2(server: LoopbackSandbox, home: Path, policy: RetryPolicy) -> AsyncIterator[PpioClient]:
    async with PpioClient(
        server.target("v2"), history_path=home / "history.jsonl", retry=policy
    ) as client:
        yield client


@pytest.fixture
async def v1(server: LoopbackSandbox, home: Path, policy: RetryPolicy) -> AsyncIterator[PpioClient]:
    async with PpioClient(
        server.target("v1"), history_path=home / "history.jsonl", retry=policy
    ) as client:
        yield client


@pytest.fixture(params=["v2", "v1"])
async def client(
    request: pytest.FixtureRequest, server: LoopbackSandbox, home: Path, policy: RetryPolicy
) -> AsyncIterator[PpioClient]:
    async with PpioClient(
        server.target(request.param), history_path=home / "history.jsonl", retry=policy
    ) as made:
        yield made
