"""Update semantics, v1 paging, worker status and what answers carry, over loopback."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.api.conftest import SAMPLE, sample
from tests.sandbox_server import LoopbackSandbox, sandbox_server
from tui_app.api import PpioClient
from tui_app.api.follow import final, snapshot
from tui_app.spec.routes import SANDBOX_PREFIX

V1 = SANDBOX_PREFIX["v1"]
AUTH = {"Authorization": "Bearer x"}


async def test_an_update_that_removes_every_env_volume_and_port_clears_them(
    client: PpioClient, server: LoopbackSandbox
) -> None:
    created = await client.create(SAMPLE)
    v2 = client.version == "v2"  # the v1 API takes exactly one port
    bare = sample(envs=[], volumes=[], ports=[] if v2 else [8080])
    await client.update(created.id, bare)
    stored = server.sandbox.endpoints[created.id]
    assert "envs" not in stored and "volumes" not in stored
    assert ("ports" not in stored) if v2 else stored["ports"] == [8080]
    again = await client.get(created.id)
    assert again.data.get("envs") is None and again.data.get("volumes") is None


async def test_a_v2_update_sends_the_emptied_lists(v2: PpioClient, server: LoopbackSandbox) -> None:
    created = await v2.create(SAMPLE)
    await v2.update(created.id, sample(envs=[]))
    body = server.received_at("PUT", f"/gpus/v2/endpoints/{created.id}")[0]
    assert body["envs"] == [] and body["ports"] == [8080]


async def test_an_update_of_an_immutable_field_is_refused_before_sending(
    client: PpioClient, server: LoopbackSandbox
) -> None:
    created = await client.create(SAMPLE)
    before = len(server.sandbox.received)
    with pytest.raises(Exception) as caught:
        await client.update(created.id, sample(app_name="another-app"))
    assert caught.value.kind == "bad_request"
    assert caught.value.field == "app_name"
    assert "cannot change: delete and create" in caught.value.message
    sent = [(m, p) for m, p, _ in server.sandbox.received[before:]]
    assert all(m == "GET" for m, _ in sent)  # only the look-up of what is deployed


@pytest.mark.parametrize("first", [0, 1])
async def test_v1_list_reads_every_page_from_0_or_from_1(first: int, home: Path) -> None:
    with sandbox_server(v1_pages_from=first) as server:
        box = server.sandbox
        for n in range(120):
            data = json.dumps(sample(name=f"ep-{n:03}")).encode()
            assert box.handle("POST", "/gpus/v2/endpoints", AUTH, data).status == 200
        async with PpioClient(server.target("v1"), history_path=home / "h.jsonl") as v1:
            found = await v1.list_endpoints()
        pages = [p for m, p, _ in box.received if m == "GET" and p == f"{V1}/endpoints"]
    ids = [i.id for i in found]
    assert ids == list(box.endpoints)  # none lost, none twice, in the server's order
    assert len(ids) == 120
    assert len(pages) <= 5


async def test_v2_workers_ready_count_as_up(v2: PpioClient, server: LoopbackSandbox) -> None:
    created = await v2.create(sample(worker_config={**SAMPLE["worker_config"], "max_replicas": 1}))
    server.clock.advance(30)
    info = await v2.get(created.id)
    assert [w["status"] for w in info.workers] == ["ready"]
    assert info.workers[0]["log"].startswith("https://logs.sandbox.local/")
    assert info.workers_up == 1
    assert final(snapshot(info)) == "running"
    assert info.created_at is not None


async def test_a_never_healthy_image_fails_with_its_reason(
    client: PpioClient, server: LoopbackSandbox
) -> None:
    created = await client.create(sample(image="registry.example.com/never-healthy:1"))
    assert final(snapshot(await client.get(created.id))) is None
    server.clock.advance(30)
    info = await client.get(created.id)
    assert info.status == "failed"
    assert info.error == "HEALTH_CHECK_FAILED"
    assert "never passed the health check (/healthz on port 8080)" in info.message
    assert info.workers[0]["status"] == "failed" and info.workers[0]["healthy"] is False
    assert final(snapshot(info)) == "failed"


async def test_created_at_follows_the_sandbox_clock(
    v2: PpioClient, server: LoopbackSandbox
) -> None:
    first = await v2.get((await v2.create(sample(name="one"))).id)
    server.clock.advance(3600)
    second = await v2.get((await v2.create(sample(name="two"))).id)
    assert first.created_at is not None and second.created_at is not None
    assert second.created_at - first.created_at == pytest.approx(3600, abs=1)
