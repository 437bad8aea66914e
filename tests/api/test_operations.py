"""Every operation of both API versions, through the real client, against the loopback sandbox."""

from __future__ import annotations

import pytest

from tests.api.conftest import SAMPLE, sample
from tests.sandbox_server import LoopbackSandbox
from tui_app import spec
from tui_app.api import PpioClient
from tui_app.api import client as client_module

V1 = "/gpu-instance/openapi/v1"


async def test_create_sends_the_rendered_body_and_returns_the_new_id(
    client: PpioClient, server: LoopbackSandbox
) -> None:
    result = await client.create(SAMPLE)
    assert server.creates(client.version) == [spec.render(SAMPLE, client.version)]
    assert result.id in server.sandbox.endpoints
    assert not result.recovered
    stored = server.sandbox.endpoints[result.id]
    assert stored["worker_config"]["max_replicas"] == 3
    assert stored["product_id"] == "1"


async def test_create_under_the_other_version_uses_that_versions_route(
    v2: PpioClient, server: LoopbackSandbox
) -> None:
    result = await v2.create(SAMPLE, "v1")
    assert server.creates("v1") == [spec.render_v1(SAMPLE)]
    assert server.creates("v2") == []
    assert result.id in server.sandbox.endpoints


async def test_get_reads_the_endpoint_back_in_canonical_names(
    client: PpioClient, server: LoopbackSandbox
) -> None:
    created = await client.create(SAMPLE)
    info = await client.get(created.id)
    assert info.id == created.id
    assert info.name == "sample-endpoint"
    assert info.version == client.version
    assert info.status == "initializing"
    assert info.url and created.id in info.url
    expected = spec.clean(SAMPLE)
    if client.version == "v1":  # what the v1 body cannot carry does not come back
        expected.pop("type")
        expected["health_check"].pop("port")
        expected["worker_config"].pop("min_cuda_version")
    assert info.data == expected


async def test_get_of_an_unknown_id_is_not_found(client: PpioClient) -> None:
    with pytest.raises(Exception) as caught:
        await client.get("does-not-exist")
    assert caught.value.kind == "not_found"
    assert "endpoint does-not-exist was not found" in str(caught.value)


async def test_status_and_workers_evolve_with_time(
    client: PpioClient, server: LoopbackSandbox
) -> None:
    created = await client.create(SAMPLE)
    first = await client.get(created.id)
    assert first.status == "initializing"
    assert [w["status"] for w in first.workers] == ["pending"]  # min_replicas = 1
    server.clock.advance(30)
    later = await client.get(created.id)
    assert later.status == "running"
    # the documented v2 worker status is "ready"; v1 answers say "running": both are up
    assert later.workers[0]["status"] == ("ready" if client.version == "v2" else "running")
    assert later.workers[0]["healthy"] is True
    assert later.workers_up == len(later.workers)
    assert 1 <= len(later.workers) <= 3


async def test_list_follows_every_page(
    client: PpioClient, server: LoopbackSandbox, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(client_module, "PAGE_SIZE", 2)
    ids = [(await client.create(sample(name=f"ep-{n}"))).id for n in range(5)]
    route = "/gpus/v2/endpoints" if client.version == "v2" else f"{V1}/endpoints"
    before = len(server.received_at("GET", route))  # a v1 create first looks the name up
    found = await client.list_endpoints()
    assert [i.id for i in found] == ids
    assert [i.name for i in found] == [f"ep-{n}" for n in range(5)]
    assert len(server.received_at("GET", route)) - before == 3  # 2 + 2 + 1


async def test_list_stops_at_the_limit(
    client: PpioClient, server: LoopbackSandbox, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(client_module, "PAGE_SIZE", 2)
    for n in range(5):
        await client.create(sample(name=f"ep-{n}"))
    found = await client.list_endpoints(limit=3)
    assert [i.name for i in found] == ["ep-0", "ep-1", "ep-2"]


async def test_list_of_nothing_is_empty(client: PpioClient) -> None:
    assert await client.list_endpoints() == []


async def test_update_v2_puts_the_table_without_immutable_fields(
    v2: PpioClient, server: LoopbackSandbox
) -> None:
    created = await v2.create(SAMPLE)
    changed = sample(worker_config={**SAMPLE["worker_config"], "max_replicas": 5})
    await v2.update(created.id, changed)
    body = server.received_at("PUT", f"/gpus/v2/endpoints/{created.id}")[0]
    assert "type" not in body and "app_name" not in body
    assert body["worker_config"]["max_replicas"] == 5
    assert server.sandbox.endpoints[created.id]["worker_config"]["max_replicas"] == 5
    assert (await v2.get(created.id)).data["worker_config"]["max_replicas"] == 5


async def test_update_v1_posts_the_full_flat_body_with_the_id(
    v1: PpioClient, server: LoopbackSandbox
) -> None:
    created = await v1.create(SAMPLE)
    changed = sample(image="registry.example.com/team/server:2.0")
    await v1.update(created.id, changed)
    body = server.received_at("POST", f"{V1}/endpoint/update")[0]
    # exactly the keys the update page lists: no appName, products or rootfsSize
    assert list(body) == [
        "id",
        "name",
        "clusterID",
        "workerConfig",
        "ports",
        "policy",
        "image",
        "volumeMounts",
        "envs",
        "healthy",
    ]
    rendered = spec.render_v1(changed)["endpoint"]
    assert all(body[k] == rendered[k] for k in body if k != "id")
    assert body["id"] == created.id
    assert server.sandbox.endpoints[created.id]["image"] == "registry.example.com/team/server:2.0"


async def test_update_that_breaks_a_rule_names_the_field(
    client: PpioClient, server: LoopbackSandbox
) -> None:
    created = await client.create(SAMPLE)
    broken = sample(worker_config={**SAMPLE["worker_config"], "gpu_num": 9})
    with pytest.raises(Exception) as caught:
        await client.update(created.id, broken)
    assert caught.value.kind == "bad_request"
    assert caught.value.field == "worker_config.gpu_num"
    assert "between 1 and 4" in caught.value.message
    assert server.sandbox.endpoints[created.id]["worker_config"]["gpu_num"] == 1


async def test_delete_removes_the_endpoint(client: PpioClient, server: LoopbackSandbox) -> None:
    created = await client.create(SAMPLE)
    await client.delete(created.id)
    assert server.sandbox.endpoints == {}
    if client.version == "v1":
        # the page documents {"name": id}, other clients send {"id": id}: both keys go
        sent = server.received_at("POST", f"{V1}/endpoint/delete")
        assert sent == [{"id": created.id, "name": created.id}]
    else:
        assert server.received_at("DELETE", f"/gpus/v2/endpoints/{created.id}") == [None]
    with pytest.raises(Exception) as caught:
        await client.delete(created.id)
    assert caught.value.kind == "not_found"


async def test_products_are_the_serverless_gpus_with_prices(
    client: PpioClient, server: LoopbackSandbox
) -> None:
    products = await client.products()
    assert [(p.id, p.name) for p in products] == [
        ("1", "RTX 4090 24GB"),
        ("2", "RTX 3090 24GB"),
        ("3", "H100 80GB"),
    ]
    assert products[0].price_per_hour == pytest.approx(0.69)
    assert products[2].gpu_memory_gb == 80
    assert "us-west-1" in products[2].regions
    assert all(p.source == "api" for p in products)
    # under v1 too, the serverless list is the v2 call on the same origin
    assert server.received_at("GET", "/gpus/v2/products")


async def test_regions_v2_come_from_the_products(v2: PpioClient) -> None:
    regions = {r.id: r for r in await v2.regions()}
    assert set(regions) == {"cn-east-1", "cn-south-1", "us-west-1"}
    assert "H100 80GB" in regions["us-west-1"].detail
    assert "H100 80GB" not in regions["cn-south-1"].detail


async def test_regions_v1_are_the_clusters(v1: PpioClient, server: LoopbackSandbox) -> None:
    regions = await v1.regions()
    assert next((r.id, r.name) for r in regions) == ("cn-east-1", "East China 1")
    assert "network storage" in regions[0].detail
    assert server.received_at("GET", f"{V1}/clusters")


async def test_registry_auths_never_carry_the_password(client: PpioClient) -> None:
    auths = await client.registry_auths()
    assert next((a.id, a.name, a.detail) for a in auths) == (
        "75irlsvvsehnqdajg2r481mjk54ecodc",
        "ghcr-readonly",
        "user octocat",
    )
    assert "sandbox-registry-password" not in repr(auths)


async def test_storages_carry_their_cluster(client: PpioClient) -> None:
    storages = {s.id: s for s in await client.storages()}
    assert storages["ns-datasets"].region == "us-west-1"
    assert storages["ns-datasets"].detail == "1000 GB in US West 1"


async def test_limits_are_the_v1_limit_answer(client: PpioClient) -> None:
    limits = await client.limits()
    assert limits["maxWorkerNum"] == 1000
    assert "12.4" in limits["cudaVersionList"]


async def test_an_endpoint_created_under_v2_is_read_under_v1(
    v2: PpioClient, v1: PpioClient
) -> None:
    created = await v2.create(SAMPLE)
    info = await v1.get(created.id)
    assert info.version == "v1"
    assert info.data["worker_config"]["idle_timeout"] == 300  # sent back as "300"
    assert info.data["policy"] == {"type": "queue", "value": 60}  # value sent back as "60"
    assert info.data["worker_config"]["min_cuda_version"] == "12.4"  # from cudaVersion


async def test_every_exchange_reaches_subscribers_until_unsubscribed(
    v2: PpioClient,
) -> None:
    seen: list[str] = []
    unsubscribe = v2.subscribe(lambda ex: seen.append(f"{ex.method} {ex.path} {ex.status}"))
    created = await v2.create(SAMPLE)
    await v2.get(created.id)
    unsubscribe()
    await v2.list_endpoints()
    assert seen == ["POST /gpus/v2/endpoints 200", f"GET /gpus/v2/endpoints/{created.id} 200"]


async def test_a_failing_subscriber_does_not_break_the_call(v2: PpioClient) -> None:
    def broken(_: object) -> None:
        raise RuntimeError("log view crashed")

    v2.subscribe(broken)
    assert (await v2.create(SAMPLE)).id


async def test_v2_answers_carry_the_creation_time_from_the_sandbox_wall_clock() -> None:
    from tui_app.api import Target
    from tui_app.api.sandbox import Sandbox

    sandbox = Sandbox(wall=lambda: 1710000000.25)
    target = Target("sandbox", "http://sandbox.local", "v2", sandbox=True)
    async with PpioClient(target, sandbox=sandbox) as client:
        created = await client.create(SAMPLE)
        assert created.outcome == "created"
        assert (await client.get(created.id)).created_at == 1710000000.0  # whole seconds
        assert [i.created_at for i in await client.list_endpoints()] == [1710000000.0]


@pytest.mark.parametrize(
    ("answer", "seconds"),
    [
        ({"created_at": 1710000000}, 1710000000.0),
        ({"created_at": "1710000000"}, 1710000000.0),
        ({"createdAt": 1710000000123}, 1710000000.123),
        ({"createdAt": "2024-03-09T16:00:00Z"}, 1710000000.0),
        ({"created_at": "yesterday"}, None),
        ({"created_at": True}, None),
        ({}, None),
    ],
)
def test_creation_times_are_read_in_each_shape(answer: dict, seconds: float | None) -> None:
    from tui_app.api.responses import created_time

    assert created_time(answer) == seconds
