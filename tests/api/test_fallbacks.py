"""Answers the sandbox does not give: a v1 origin without the v2 product list, odd shapes."""

from __future__ import annotations

import httpx
import pytest

from tui_app.api import ApiError, PpioClient, Target

KEY = "sk-test-key-fallbacks-01"


def server(routes: dict[str, httpx.Response]) -> httpx.MockTransport:
    def answer(request: httpx.Request) -> httpx.Response:
        return routes.get(request.url.path, httpx.Response(404, json={"message": "no route"}))

    return httpx.MockTransport(answer)


async def test_a_v1_origin_without_the_v2_product_list_offers_the_documented_gpus() -> None:
    target = Target("novita", "https://api.example/gpu-instance/openapi/v1", "v1", KEY)
    async with PpioClient(target, transport=server({})) as client:
        products = await client.products()
    assert [(p.id, p.name, p.source) for p in products] == [
        ("1", "RTX 4090 24GB", "built-in"),
        ("2", "RTX 3090 24GB", "built-in"),
    ]


async def test_under_v2_a_missing_product_list_is_an_error() -> None:
    target = Target("ppio", "https://api.example", "v2", KEY)
    async with PpioClient(target, transport=server({})) as client:
        with pytest.raises(ApiError) as caught:
            await client.products()
    assert caught.value.kind == "not_found"


async def test_quirky_shapes_are_read() -> None:
    routes = {
        "/gpu-instance/openapi/v1/endpoints": httpx.Response(
            200,
            json={
                "endpoints": [
                    {
                        "id": "e1",
                        "name": "one",
                        "state": "serving",  # a bare string instead of {state: ...}
                        "workerConfig": {"minNum": "0", "maxNum": "2"},
                        "workers": [{"id": "w1", "state": {"state": "running"}, "healthy": True}],
                    },
                    "not an endpoint",
                ],
                "total": "1",  # a number sent as text
            },
        ),
        "/gpu-instance/openapi/v1/endpoint/limit": httpx.Response(
            200, json={"data": {"maxWorkerNum": 10}}
        ),
    }
    target = Target("x", "https://api.example", "v1", KEY)
    async with PpioClient(target, transport=server(routes)) as client:
        found = await client.list_endpoints()
        limits = await client.limits()
    assert [(e.id, e.status) for e in found] == [("e1", "serving")]
    assert found[0].data["worker_config"] == {"min_replicas": 0, "max_replicas": 2}
    assert found[0].workers == ({"id": "w1", "status": "running", "healthy": True, "log": None},)
    assert limits == {"maxWorkerNum": 10}
