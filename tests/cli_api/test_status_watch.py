"""``endpoints status [--watch]`` and ``endpoints list --name`` over loopback, time moving as
the client polls (each read of the sandbox's clock moves it half a second)."""

from __future__ import annotations

import json
from collections.abc import Iterator

import pytest

from tests.api.conftest import SAMPLE, sample
from tests.cli_api.conftest import CANARY
from tests.sandbox_server import LoopbackSandbox, TickingClock, sandbox_server
from tui_app.api.sandbox import Timing


@pytest.fixture
def ticking(monkeypatch: pytest.MonkeyPatch) -> Iterator[LoopbackSandbox]:
    timing = Timing(boot=2, worker_boot=3, period=10_000)
    with sandbox_server(clock=TickingClock(step=0.5), timing=timing) as running:
        monkeypatch.setenv("PPIO_BASE_URL", running.base_url)
        monkeypatch.setenv("PPIO_API_KEY", CANARY)
        yield running


def create(server: LoopbackSandbox, **changes: object) -> str:
    data = json.dumps(sample(**changes)).encode()
    reply = server.sandbox.handle("POST", "/gpus/v2/endpoints", {"Authorization": "Bearer x"}, data)
    return reply.body["id"]


@pytest.mark.parametrize("version", ["v2", "v1"])
def test_watch_follows_until_running_with_its_workers_up(
    cli, ticking: LoopbackSandbox, version: str
) -> None:
    eid = create(ticking)
    result = cli(
        "endpoints", "status", eid, "--watch", "--interval", "0.01", "--api-version", version
    )
    assert result.code == 0, result.err
    lines = result.out.splitlines()
    assert lines[0] == "status: initializing"
    assert "status: initializing → running" in lines
    up = "ready" if version == "v2" else "running"
    assert any(line.endswith(f": pending → {up}, healthy") for line in lines)
    assert lines[-1] == "workers up: 1/1 (min 1)"
    assert len(lines) == len(set(lines))  # only changes are printed
    assert "is running with its workers up" in result.err


def test_watch_ends_on_a_never_healthy_image_with_the_reason(cli, ticking: LoopbackSandbox) -> None:
    eid = create(ticking, image="registry.example.com/never-healthy:1")
    result = cli("endpoints", "status", eid, "--watch", "--interval", "0.01")
    assert result.code == 3
    assert any(
        line.startswith("status: initializing → failed (HEALTH_CHECK_FAILED: workers never")
        for line in result.out.splitlines()
    )
    assert "failed" in result.err


def test_status_once_shows_workers_and_the_cost(cli, ticking: LoopbackSandbox) -> None:
    eid = create(ticking)
    ticking.clock.advance(60)
    result = cli("endpoints", "status", eid)
    assert result.code == 0
    assert "status: running" in result.out
    assert "workers up: 1/1 (min 1)" in result.out
    assert "cost: $0.69/h at min – $2.07/h at max, now $0.69/h" in result.out


def test_list_counts_ready_workers_and_filters_by_name(cli, ticking: LoopbackSandbox) -> None:
    create(ticking, name="alpha-one")
    create(ticking, name="beta")
    ticking.clock.advance(60)
    result = cli("endpoints", "list", "--name", "alpha")
    assert result.code == 0
    rows = result.out.splitlines()[1:]
    assert [r.split()[1:4] for r in rows] == [["alpha-one", "running", "1/1"]]
    assert SAMPLE["worker_config"]["min_replicas"] == 1
