"""Both request bodies from one table, and the table read back from bodies and responses."""

from __future__ import annotations

import pytest

from tests.spec.models import FULL, V1_MINIMAL
from tui_app import spec


def test_v2_body_is_the_table_without_empty_values() -> None:
    data = {**FULL, "entrypoint": "", "registry_auth_id": None}
    body = spec.render(data, "v2")
    assert "entrypoint" not in body and "registry_auth_id" not in body
    assert body["worker_config"] == FULL["worker_config"]
    assert body["envs"] == [
        {"key": "HF_TOKEN", "value": "${HF_TOKEN}"},
        {"key": "EMPTY", "value": ""},
    ]
    assert body["ports"] == [8000]
    assert list(body)[:4] == ["type", "name", "app_name", "product_id"]


def test_v2_body_always_carries_worker_config() -> None:
    assert spec.render({"name": "x"}, "v2") == {"name": "x", "worker_config": {}}


def test_v1_body_has_the_v1_shape() -> None:
    assert spec.render(FULL, "v1") == {
        "endpoint": {
            "name": "llama",
            "appName": "llama-app",
            "workerConfig": {
                "minNum": 1,
                "maxNum": 3,
                "freeTimeout": 300,
                "maxConcurrent": 8,
                "gpuNum": 1,
                "requestTimeout": 600,
            },
            "ports": [{"port": "8000"}],
            "policy": {"type": "concurrency", "value": 4},
            "image": {
                "image": "vllm/vllm-openai:v0.6.3",
                "authId": "auth-1",
                "command": "-m vllm.entrypoints.openai.api_server --port 8000",
            },
            "products": [{"id": "1"}],
            "rootfsSize": 100,
            "volumeMounts": [
                {"type": "network", "id": "ns-1", "mountPath": "/models"},
                {"type": "local", "size": 30, "mountPath": "/scratch"},
            ],
            "clusterID": "cn-east-1",
            "envs": [{"key": "HF_TOKEN", "value": "${HF_TOKEN}"}, {"key": "EMPTY", "value": ""}],
            "healthy": {"path": "/health"},
        }
    }


def test_v1_body_sends_required_containers_even_when_empty() -> None:
    inner = spec.render({"product_id": "1"}, "v1")["endpoint"]
    assert inner["volumeMounts"] == [] and inner["ports"] == [] and inner["healthy"] == {}


@pytest.mark.parametrize("version", ["v1", "v2"])
def test_render_then_parse_gives_the_table_back(version: str) -> None:
    data = V1_MINIMAL if version == "v1" else FULL
    parsed = spec.parse_body(spec.render(data, version))
    assert (parsed.version, parsed.ignored) == (version, [])
    assert parsed.data == spec.clean(data)


def test_v1_response_with_numbers_as_text_and_read_only_fields() -> None:
    response = {
        "id": "ep-1",
        "state": {"state": "serving"},
        "name": "demo",
        "workerConfig": {"minNum": "0", "maxNum": "2", "cudaVersion": "12.4"},
        "ports": [{"port": 8080}],
        "products": [{"id": "1"}],
        "rootfsSize": "100",
        "healthy": {"path": "/health", "initialDelay": 10},
        "image": {"image": "x:1"},
        "mystery": True,
    }
    parsed = spec.parse_body(response)
    assert parsed.version == "v1" and parsed.endpoint_id == "ep-1"
    assert parsed.data["worker_config"] == {
        "min_replicas": 0,
        "max_replicas": 2,
        "rootfs_size_gb": 100,
        "min_cuda_version": "12.4",
    }
    assert parsed.data["ports"] == [8080]
    assert parsed.ignored == ["mystery"]


def test_v2_get_response_keeps_unknown_keys_visible() -> None:
    response = {"id": "ep-2", "status": "running", "workers": [], **FULL, "gpu_type": "4090"}
    parsed = spec.parse_body(response)
    assert parsed.version == "v2" and parsed.endpoint_id == "ep-2"
    assert parsed.data == spec.clean(FULL)
    assert parsed.ignored == ["gpu_type"]


def test_lists_of_either_version() -> None:
    v2 = spec.parse_list({"data": [{"id": "a", **FULL}], "has_more": False})
    v1 = spec.parse_list({"endpoints": [{"id": "b", "name": "x", "workerConfig": {}}], "total": 1})
    assert [(p.version, p.endpoint_id) for p in v2 + v1] == [("v2", "a"), ("v1", "b")]
    with pytest.raises(spec.BodyError):
        spec.parse_list({"items": []})


@pytest.mark.parametrize("body", [[1, 2], "text", {"hello": "world"}])
def test_what_is_not_an_endpoint_body(body: object) -> None:
    with pytest.raises(spec.BodyError):
        spec.parse_body(body)
