"""The sandbox enforces the spec's rules (not a copy of them) and what only a server knows."""

from __future__ import annotations

import copy
import json
from http.client import HTTPConnection
from typing import Any

import pytest

from tests.api.conftest import SAMPLE
from tests.sandbox_server import FakeClock
from tui_app import spec
from tui_app.api.sandbox import Sandbox
from tui_app.api.sandbox.core import Reply

AUTH = {"Authorization": "Bearer sk-test-key-12345678"}
V1 = "/gpu-instance/openapi/v1"


def call(box: Sandbox, method: str, path: str, body: Any = None, headers=AUTH) -> Reply:
    content = b"" if body is None else json.dumps(body).encode()
    return box.handle(method, path, headers, content)


def with_(**changes: Any) -> dict[str, Any]:
    data = copy.deepcopy(SAMPLE)
    for path, value in changes.items():
        head, _, rest = path.partition("__")
        if rest:
            data[head][rest] = value
        else:
            data[head] = value
    return data


@pytest.fixture
def box() -> Sandbox:
    return Sandbox(seed=1, clock=FakeClock())


def test_no_bearer_token_is_401(box: Sandbox) -> None:
    reply = call(box, "GET", "/gpus/v2/endpoints", headers={})
    assert reply.status == 401
    assert reply.body["reason"] == "MISSING_API_KEY"
    assert (
        call(box, "GET", "/gpus/v2/endpoints", headers={"Authorization": "Basic x"}).status == 401
    )


def test_a_configured_key_refuses_others_with_403() -> None:
    box = Sandbox(api_key="sk-right-000000000")
    assert call(box, "GET", "/gpus/v2/endpoints").status == 403
    ok = call(
        box, "GET", "/gpus/v2/endpoints", headers={"authorization": "Bearer sk-right-000000000"}
    )
    assert ok.status == 200


@pytest.mark.parametrize(
    ("changes", "loc"),
    [
        ({"worker_config__max_replicas": 5000}, "worker_config.max_replicas"),
        ({"name": ""}, "name"),
        ({"ports": [0]}, "ports.0"),
        ({"policy__type": "fastest"}, "policy.type"),
        ({"volumes": [{"type": "network", "mount_point": "data"}]}, "volumes.0.mount_point"),
        ({"envs": [{"key": "A B", "value": "x"}]}, "envs.0.key"),
    ],
)
def test_a_v2_create_breaking_a_spec_rule_is_400_with_the_specs_message(
    box: Sandbox, changes: dict[str, Any], loc: str
) -> None:
    data = with_(**changes)
    reply = call(box, "POST", "/gpus/v2/endpoints", data)
    assert reply.status == 400
    first = spec.validate(data, "v2").errors[0]
    assert (first.loc, reply.body["metadata"]["field"]) == (loc, loc)
    assert reply.body["message"] == f"{loc}: {first.message}"
    assert box.endpoints == {}


def test_a_v1_create_names_the_field_in_v1_spelling(box: Sandbox) -> None:
    body = spec.render_v1(with_(worker_config__max_replicas=5000))
    reply = call(box, "POST", f"{V1}/endpoint/create", body)
    assert reply.status == 400
    assert reply.body["metadata"]["field"] == "workerConfig.maxNum"
    reserved = call(box, "POST", f"{V1}/endpoint/create", spec.render_v1(with_(ports=[2222])))
    assert reserved.body["metadata"]["field"] == "ports.0.port"
    assert "reserved" in reserved.body["message"]


def test_v1_rules_apply_to_v1_bodies(box: Sandbox) -> None:
    two_ports = spec.render_v1(with_(ports=[8080, 9090]))
    reply = call(box, "POST", f"{V1}/endpoint/create", two_ports)
    assert reply.body["metadata"]["field"] == "ports"
    assert "exactly one port" in reply.body["message"]
    unknown = {"endpoint": {**spec.render_v1(SAMPLE)["endpoint"], "gpuType": "x"}}
    assert (
        call(box, "POST", f"{V1}/endpoint/create", unknown).body["metadata"]["field"] == "gpuType"
    )
    assert call(box, "POST", f"{V1}/endpoint/create", {"name": "x"}).body["metadata"]["field"] == (
        "endpoint"
    )


@pytest.mark.parametrize(
    ("changes", "loc", "words"),
    [
        ({"product_id": "9"}, "product_id", "is not a serverless product; known: 1 (RTX 4090"),
        ({"product_id": "2", "region_id": "cn-south-1"}, "region_id", "is not offered in"),
        ({"region_id": "mars-1"}, "region_id", "is not a region"),
        ({"worker_config__gpu_num": 5}, "worker_config.gpu_num", "between 1 and 4 for RTX 4090"),
        ({"worker_config__rootfs_size_gb": 500}, "worker_config.rootfs_size_gb", "10 and 130 GB"),
        ({"worker_config__min_cuda_version": "10.2"}, "worker_config.min_cuda_version", "12.4"),
        ({"worker_config__idle_timeout": 1}, "worker_config.idle_timeout", "between 5 and 3600"),
        ({"registry_auth_id": "nope"}, "registry_auth_id", "no registry auth"),
        ({"volumes": [{"type": "network", "id": "x", "mount_point": "/m"}]}, "volumes.0.id", ""),
        ({"region_id": "us-west-1"}, "region_id", "must match the cluster of storage"),
        ({"volumes": [{"type": "local", "size": 5, "mount_point": "/m"}]}, "volumes.0.size", "GB"),
        ({"policy": {"type": "concurrency", "value": 5000}}, "policy.value", "1 and 1000"),
    ],
)
def test_what_only_the_server_knows_is_checked_too(
    box: Sandbox, changes: dict[str, Any], loc: str, words: str
) -> None:
    data = with_(**changes)
    assert spec.validate(data, "v2").ok  # the spec has no opinion on these
    reply = call(box, "POST", "/gpus/v2/endpoints", data)
    assert reply.status == 400
    assert reply.body["metadata"]["field"] == loc
    assert words in reply.body["message"]


def test_a_duplicate_name_is_409(box: Sandbox) -> None:
    assert call(box, "POST", "/gpus/v2/endpoints", SAMPLE).status == 200
    again = call(box, "POST", f"{V1}/endpoint/create", spec.render_v1(SAMPLE))
    assert again.status == 409
    assert again.body["metadata"]["field"] == "name"
    assert len(box.endpoints) == 1


@pytest.mark.parametrize(
    ("method", "path", "body"),
    [
        ("GET", "/gpus/v2/endpoints/nope", None),
        ("PUT", "/gpus/v2/endpoints/nope", {"name": "x"}),
        ("DELETE", "/gpus/v2/endpoints/nope", None),
        ("GET", f"{V1}/endpoint?id=nope", None),
        ("POST", f"{V1}/endpoint/update", {"id": "nope"}),
        ("POST", f"{V1}/endpoint/delete", {"id": "nope"}),
    ],
)
def test_unknown_ids_are_404(box: Sandbox, method: str, path: str, body: Any) -> None:
    reply = call(box, method, path, body)
    assert reply.status == 404
    assert "'nope' not found" in reply.body["message"]


def test_unknown_routes_and_methods(box: Sandbox) -> None:
    assert call(box, "GET", "/gpus/v3/endpoints").status == 404
    wrong = call(box, "PATCH", "/gpus/v2/endpoints/abc")
    assert wrong.status == 405
    assert wrong.headers["Allow"] == "GET, PUT, DELETE"


def test_update_keeps_type_and_app_name_immutable(box: Sandbox) -> None:
    eid = call(box, "POST", "/gpus/v2/endpoints", SAMPLE).body["id"]
    refused = call(box, "PUT", f"/gpus/v2/endpoints/{eid}", {"type": "async"})
    assert (refused.status, refused.body["metadata"]["field"]) == (400, "type")
    same = call(box, "PUT", f"/gpus/v2/endpoints/{eid}", {"type": "sync", "image": "img:2"})
    assert same.status == 200
    assert box.endpoints[eid]["image"] == "img:2"
    partial = call(box, "PUT", f"/gpus/v2/endpoints/{eid}", {"worker_config": {"gpu_num": 1}})
    assert partial.body["metadata"]["field"] == "worker_config.max_replicas"


def test_delete_v1_accepts_either_documented_key(box: Sandbox) -> None:
    first = call(box, "POST", "/gpus/v2/endpoints", SAMPLE).body["id"]
    second = call(box, "POST", "/gpus/v2/endpoints", with_(name="b")).body["id"]
    assert call(box, "POST", f"{V1}/endpoint/delete", {"id": first}).status == 200
    assert call(box, "POST", f"{V1}/endpoint/delete", {"name": second}).status == 200
    assert box.endpoints == {}


def test_received_holds_the_exact_json_bodies_in_order(box: Sandbox) -> None:
    call(box, "POST", "/gpus/v2/endpoints", SAMPLE)
    call(box, "GET", "/gpus/v2/endpoints?limit=5")
    box.handle("POST", "/gpus/v2/endpoints", AUTH, b"{not json")
    assert box.received == [
        ("POST", "/gpus/v2/endpoints", SAMPLE),
        ("GET", "/gpus/v2/endpoints", None),
        ("POST", "/gpus/v2/endpoints", "{not json"),
    ]


def test_products_need_the_serverless_category(box: Sandbox) -> None:
    assert call(box, "GET", "/gpus/v2/products?type=gpu").body["metadata"]["field"] == "category"
    blank_type = call(box, "GET", "/gpus/v2/products?type=&category=serverless")
    assert len(blank_type.body["data"]) == 3  # blank is treated as gpu
    assert call(box, "GET", "/gpus/v2/products?type=cpu&category=serverless").body["data"] == []
    east = call(box, "GET", "/gpus/v2/products?category=serverless&region_ids=cn-south-1")
    assert [p["id"] for p in east.body["data"]] == ["1"]


def test_v2_pages_with_opaque_cursors(box: Sandbox) -> None:
    for n in range(5):
        call(box, "POST", "/gpus/v2/endpoints", with_(name=f"ep{n}"))
    names, cursor, pages = [], "", 0
    while True:
        page = call(box, "GET", f"/gpus/v2/endpoints?limit=2&cursor={cursor}").body
        names += [item["name"] for item in page["data"]]
        assert all("type" not in item for item in page["data"])  # as documented for lists
        pages += 1
        if not page["has_more"]:
            break
        cursor = page["next_cursor"]
    assert names == [f"ep{n}" for n in range(5)] and pages == 3
    bad = call(box, "GET", "/gpus/v2/endpoints?cursor=%%%")
    assert bad.body["metadata"]["field"] == "cursor"
    keyword = call(box, "GET", "/gpus/v2/endpoints?keyword=EP3").body["data"]
    assert [item["name"] for item in keyword] == ["ep3"]


def test_v1_quirks_numbers_as_strings_and_ports_by_route(box: Sandbox) -> None:
    eid = call(box, "POST", "/gpus/v2/endpoints", SAMPLE).body["id"]
    got = call(box, "GET", f"{V1}/endpoint?id={eid}").body["endpoint"]
    assert got["workerConfig"]["freeTimeout"] == "300"
    assert got["workerConfig"]["maxConcurrent"] == "10"
    assert got["policy"]["value"] == "60"
    assert got["ports"] == [{"port": 8080}]
    assert got["healthy"]["failureThreshold"] == 3
    listed = call(box, "GET", f"{V1}/endpoints").body
    assert listed["total"] == 1
    assert listed["endpoints"][0]["ports"] == [{"port": "8080"}]
    singular = call(box, "GET", f"{V1}/endpoint").body  # the ppio.cn sample's list path
    assert singular["total"] == 1


def test_the_loopback_server_answers_plain_http_clients() -> None:
    from tests.sandbox_server import sandbox_server

    with sandbox_server() as running:
        connection = HTTPConnection("127.0.0.1", running.server.port, timeout=5)
        connection.request("POST", "/gpus/v2/endpoints", json.dumps(SAMPLE), AUTH)
        answer = connection.getresponse()
        created = json.loads(answer.read())
        assert answer.status == 200 and answer.getheader("Content-Type") == "application/json"
        connection.request("GET", f"/gpus/v2/endpoints/{created['id']}", headers=AUTH)
        got = json.loads(connection.getresponse().read())  # same connection: keep-alive
        assert got["name"] == SAMPLE["name"]
        connection.close()
