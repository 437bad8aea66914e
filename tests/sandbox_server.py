"""The sandbox served over real loopback HTTP for tests: ``with sandbox_server() as server``.

``server.base_url`` is the origin (v2 under /gpus/v2, v1 under /gpu-instance/openapi/v1),
``server.sandbox`` the state (``endpoints``, ``received``), ``server.set_faults(...)``
changes the faults while it runs. ``FakeClock`` moves the sandbox's time by hand.
"""

from __future__ import annotations

import socket
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any

from tui_app.api.sandbox import FaultSpec, Sandbox, SandboxServer, Timing, serve_sandbox
from tui_app.api.types import Target
from tui_app.spec.routes import SANDBOX_PREFIX

TEST_KEY = "sk-test-loopback-key-5678"


@dataclass
class FakeClock:
    now: float = 1000.0

    def __call__(self) -> float:
        return self.now

    def advance(self, seconds: float) -> None:
        self.now += seconds


@dataclass
class TickingClock(FakeClock):
    """A clock that moves ``step`` seconds each time it is read: time passes as a client
    polls, without waiting."""

    step: float = 0.5

    def __call__(self) -> float:
        self.now += self.step
        return self.now


@dataclass
class LoopbackSandbox:
    server: SandboxServer
    sandbox: Sandbox
    base_url: str
    clock: Any = field(repr=False)  # a FakeClock unless the caller gave another clock

    def set_faults(self, faults: FaultSpec | str | None = None, **values: Any) -> None:
        self.sandbox.set_faults(faults, **values)

    def target(self, version: str = "v2", key: str | None = TEST_KEY) -> Target:
        return Target("loopback", self.base_url, version, key)

    def received_at(self, method: str, path: str) -> list[Any]:
        """Bodies received on one route, in order (``path`` relative to the version's base)."""
        return [body for m, p, body in self.sandbox.received if m == method and p == path]

    def creates(self, version: str = "v2") -> list[Any]:
        path = (
            "/gpus/v2/endpoints" if version == "v2" else f"{SANDBOX_PREFIX['v1']}/endpoint/create"
        )
        return self.received_at("POST", path)


@contextmanager
def sandbox_server(
    *,
    faults: FaultSpec | str | None = None,
    clock: Callable[[], float] | None = None,
    seed: int | None = 0,
    api_key: str | None = None,
    timing: Timing | None = None,
    v1_pages_from: int = 0,
) -> Iterator[LoopbackSandbox]:
    """Start the sandbox on 127.0.0.1 at a free port in a background thread; stop it after."""
    clock = clock or FakeClock()
    if isinstance(faults, str):
        faults = FaultSpec.parse(faults)
    sandbox = Sandbox(
        faults=faults,
        clock=clock,
        seed=seed,
        api_key=api_key,
        timing=timing,
        v1_pages_from=v1_pages_from,
    )
    with serve_sandbox(sandbox) as server:
        yield LoopbackSandbox(server, sandbox, server.base_url, clock)


def closed_port_url() -> str:
    """http://127.0.0.1:PORT where nothing listens (the port was bound, then released)."""
    sock = socket.socket()
    sock.bind(("127.0.0.1", 0))
    port = sock.getsockname()[1]
    sock.close()
    return f"http://127.0.0.1:{port}"
