"""Statuses evolve with elapsed time (read on demand); faults are injected as configured."""

from __future__ import annotations

import http.client
import json

import httpx
import pytest

from tests.api.conftest import SAMPLE
from tests.sandbox_server import FakeClock, sandbox_server
from tui_app.api.sandbox import FaultSpec, Sandbox, Timing, sandbox_transport

AUTH = {"Authorization": "Bearer sk-test-key-12345678"}


def create(box: Sandbox, **workers: int) -> str:
    data = {**SAMPLE, "worker_config": {**SAMPLE["worker_config"], **workers}}
    reply = box.handle("POST", "/gpus/v2/endpoints", AUTH, json.dumps(data).encode())
    assert reply.status == 200, reply.body
    return reply.body["id"]


def view(box: Sandbox, eid: str) -> dict:
    return box.handle("GET", f"/gpus/v2/endpoints/{eid}", AUTH, b"").body


def states(box: Sandbox, eid: str) -> list[str]:
    return [w["status"]["status"] for w in view(box, eid)["workers"]]


def test_an_endpoint_initializes_then_runs_and_its_workers_boot() -> None:
    clock = FakeClock()
    box = Sandbox(clock=clock, timing=Timing(boot=4, worker_boot=6, period=120))
    eid = create(box, min_replicas=2, max_replicas=2)
    assert view(box, eid)["status"]["status"] == "initializing"
    assert states(box, eid) == ["pending", "pending"]
    clock.advance(5)
    assert view(box, eid)["status"]["status"] == "running"
    assert states(box, eid) == ["pending", "pending"]
    clock.advance(2)
    assert states(box, eid) == ["ready", "ready"]
    assert all(w["health"] for w in view(box, eid)["workers"])


def test_workers_scale_between_min_and_max_over_time() -> None:
    clock = FakeClock()
    box = Sandbox(clock=clock, timing=Timing(boot=1, worker_boot=2, period=60))
    eid = create(box, min_replicas=1, max_replicas=4)
    counts = []
    for _ in range(120):
        clock.advance(1)
        workers = view(box, eid)["workers"]
        counts.append(len(workers))
        assert workers[0]["id"].endswith("-w0-0")  # the always-on worker keeps its identity
    assert min(counts) == 1 and max(counts) == 4
    assert counts[29] == 4 and counts[59] == 1  # peak mid-period, back to min at its end
    clock.now = 1000 + 60 + 16  # the third worker joined the wave 1 s ago: still booting
    assert states(box, eid) == ["ready", "ready", "pending"]


def test_scale_to_zero_has_a_cold_start_worker_then_none() -> None:
    clock = FakeClock()
    box = Sandbox(clock=clock, timing=Timing(boot=2, worker_boot=3, period=100))
    eid = create(box, min_replicas=0, max_replicas=1)
    assert states(box, eid) == ["pending"]
    clock.advance(3)
    assert states(box, eid) == ["ready"]
    clock.advance(97)  # the end of a period: no traffic
    assert states(box, eid) == []


def test_max_zero_is_stopped() -> None:
    clock = FakeClock()
    box = Sandbox(clock=clock)
    eid = create(box, min_replicas=0, max_replicas=0)
    clock.advance(60)
    assert view(box, eid)["status"]["status"] == "stopped"
    assert view(box, eid)["workers"] == []


def test_fault_spec_parses_and_describes() -> None:
    spec = FaultSpec.parse(
        "latency=0.2, error_rate=0.1,rate_limit=2,retry_after=1,drop_after_create=1"
    )
    assert (spec.latency, spec.error_rate, spec.rate_limit, spec.retry_after) == (0.2, 0.1, 2, 1.0)
    assert spec.drop_after_create == 1
    assert spec.describe() == (
        "latency=0.2, error_rate=0.1, error_status=503, rate_limit=2, retry_after=1.0, "
        "drop_after_create=1"
    )
    assert FaultSpec.parse("").describe() == "none"


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("speed=1", "unknown fault 'speed'; known: latency"),
        ("latency", "latency needs a value"),
        ("latency=fast", "latency needs seconds (got 'fast')"),
        ("rate_limit=1.5", "rate_limit needs a whole number of requests"),
        ("error_rate=2", "error_rate must be between 0 and 1"),
        ("error_status=404", "must be a 5xx status"),
        ("latency=-1", "must not be negative"),
    ],
)
def test_bad_fault_specs_say_what_is_wrong(text: str, words: str) -> None:
    with pytest.raises(ValueError) as caught:
        FaultSpec.parse(text)
    assert words in str(caught.value)


def test_rate_limit_answers_429_with_retry_after_then_recovers() -> None:
    box = Sandbox(faults=FaultSpec(rate_limit=2, retry_after=3))
    replies = [box.handle("GET", "/gpus/v2/endpoints", AUTH, b"") for _ in range(3)]
    assert [r.status for r in replies] == [429, 429, 200]
    assert replies[0].headers["Retry-After"] == "3"


def test_error_rate_fails_about_that_share_of_requests() -> None:
    box = Sandbox(faults=FaultSpec(error_rate=0.25, error_status=502), seed=42)
    statuses = [box.handle("GET", "/gpus/v2/endpoints", AUTH, b"").status for _ in range(400)]
    assert set(statuses) == {200, 502}
    assert 60 < statuses.count(502) < 140


async def test_in_process_drop_after_create_stores_it_and_answers_nothing() -> None:
    box = Sandbox(faults=FaultSpec(drop_after_create=1))
    async with httpx.AsyncClient(transport=sandbox_transport(box), headers=AUTH) as http:
        with pytest.raises(httpx.RemoteProtocolError):
            await http.post("http://sandbox.local/gpus/v2/endpoints", json=SAMPLE)
        assert len(box.endpoints) == 1
        listed = await http.get("http://sandbox.local/gpus/v2/endpoints")
        assert [e["name"] for e in listed.json()["data"]] == [SAMPLE["name"]]


async def test_in_process_latency_past_the_read_timeout_is_a_read_timeout() -> None:
    box = Sandbox(faults=FaultSpec(latency=5))
    transport = sandbox_transport(box)
    async with httpx.AsyncClient(transport=transport, headers=AUTH, timeout=0.05) as http:
        with pytest.raises(httpx.ReadTimeout):
            await http.get("http://sandbox.local/gpus/v2/endpoints")
    box.set_faults(latency=0.01)
    async with httpx.AsyncClient(transport=transport, headers=AUTH, timeout=1) as http:
        assert (await http.get("http://sandbox.local/gpus/v2/endpoints")).status_code == 200


def test_over_http_a_dropped_create_closes_the_connection_without_an_answer() -> None:
    with sandbox_server(faults="drop_after_create=1") as running:
        connection = http.client.HTTPConnection("127.0.0.1", running.server.port, timeout=5)
        connection.request("POST", "/gpus/v2/endpoints", json.dumps(SAMPLE), AUTH)
        with pytest.raises((http.client.RemoteDisconnected, ConnectionResetError)):
            connection.getresponse()
        connection.close()
        assert len(running.sandbox.endpoints) == 1
        assert running.sandbox.faults.drop_after_create == 0
