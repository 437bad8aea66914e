"""Failed calls become one ApiError with a plain message, the status, the code and the field."""

from __future__ import annotations

import pytest

from tests.api.conftest import SAMPLE, sample
from tests.sandbox_server import LoopbackSandbox, sandbox_server
from tui_app import spec
from tui_app.api import ApiError, PpioClient, RetryPolicy, Target
from tui_app.api.errors import canonical_loc, error_for_status, parse_error_body, v1_loc


def test_top_level_code_reason_message_metadata() -> None:
    body = {
        "code": 400,
        "reason": "INVALID_ARGUMENT",
        "message": "name: must not be empty",
        "metadata": {"field": "name"},
    }
    assert parse_error_body(body) == ("400", "INVALID_ARGUMENT", "name: must not be empty", "name")


def test_nested_error_object() -> None:
    body = {"error": {"code": "INVALID_API_KEY", "message": "bad key"}}
    assert parse_error_body(body) == ("INVALID_API_KEY", None, "bad key", None)


def test_plain_text_and_empty_bodies() -> None:
    assert parse_error_body("  upstream connect error  ") == (
        None,
        None,
        "upstream connect error",
        None,
    )
    assert parse_error_body(None) == (None, None, None, None)
    assert parse_error_body([1, 2]) == (None, None, None, None)


def test_the_field_is_read_from_a_message_that_names_it() -> None:
    error = error_for_status(
        400, {"code": 3, "message": "worker_config.gpu_num: too many"}, version="v2", key_sent=True
    )
    assert error.field == "worker_config.gpu_num"
    assert error.message == "the server rejected the request: too many"


def test_a_v1_field_name_is_reported_under_its_canonical_location() -> None:
    body = {"code": 400, "message": "bad", "metadata": {"field": "volumeMounts.1.mountPath"}}
    error = error_for_status(400, body, version="v1", key_sent=True)
    assert error.field == "volumes.1.mount_point"


@pytest.mark.parametrize("pattern", sorted(spec.FIELDS))
def test_every_field_maps_to_v1_and_back(pattern: str) -> None:
    loc = pattern.replace("*", "2")
    assert canonical_loc(v1_loc(loc), "v1") == loc


def test_v1_spellings() -> None:
    assert v1_loc("worker_config.max_replicas") == "workerConfig.maxNum"
    assert v1_loc("ports.0") == "ports.0.port"
    assert v1_loc("product_id") == "products.0.id"
    assert v1_loc("region_id") == "clusterID"
    assert canonical_loc("products.0.id", "v1") == "product_id"


@pytest.mark.parametrize(
    ("status", "kind", "words"),
    [
        (400, "bad_request", "the server rejected the request"),
        (404, "not_found", "endpoint abc was not found"),
        (409, "conflict", "conflict"),
        (429, "rate_limited", "too many requests"),
        (500, "server", "the server failed (HTTP 500)"),
        (503, "server", "try again later"),
        (418, "invalid_response", "unexpected answer HTTP 418"),
    ],
)
def test_plain_message_per_status(status: int, kind: str, words: str) -> None:
    error = error_for_status(status, None, version="v2", key_sent=True, what="endpoint abc")
    assert error.kind == kind
    assert words in error.message
    assert error.status == status


def test_401_without_a_key_says_how_to_give_one() -> None:
    error = error_for_status(401, None, version="v2", key_sent=False)
    assert error.kind == "auth"
    assert "no API key was sent" in error.message
    assert "PPIO_API_KEY" in error.message


def test_401_and_403_with_a_key_say_it_was_refused() -> None:
    assert "was rejected" in error_for_status(401, None, version="v2", key_sent=True).message
    forbidden = error_for_status(403, {"message": "no"}, version="v2", key_sent=True)
    assert forbidden.message == "the API key is not allowed to do this: no"


async def test_401_from_the_server_without_a_key(server: LoopbackSandbox) -> None:
    async with PpioClient(server.target(key=None)) as client:
        with pytest.raises(ApiError) as caught:
            await client.list_endpoints()
    assert caught.value.kind == "auth" and caught.value.status == 401
    assert caught.value.code == "401"
    assert caught.value.reason == "MISSING_API_KEY"


async def test_403_from_the_server_for_a_wrong_key() -> None:
    with sandbox_server(api_key="sk-the-right-key-000000") as running:
        async with PpioClient(running.target(key="sk-a-wrong-key-11111111")) as client:
            with pytest.raises(ApiError) as caught:
                await client.list_endpoints()
    assert caught.value.kind == "auth" and caught.value.status == 403
    assert "the API key was rejected" in caught.value.message


@pytest.mark.parametrize("version", ["v2", "v1"])
async def test_a_400_names_the_field_under_its_canonical_location(
    server: LoopbackSandbox, version: str
) -> None:
    async with PpioClient(server.target(version)) as client:
        with pytest.raises(ApiError) as caught:
            await client.create(sample(worker_config={**SAMPLE["worker_config"], "gpu_num": 9}))
    error = caught.value
    assert (error.kind, error.status, error.field) == ("bad_request", 400, "worker_config.gpu_num")
    assert error.message == (
        "the server rejected the request: must be between 1 and 4 for RTX 4090 24GB (got 9)"
    )
    assert str(error).endswith("(field: worker_config.gpu_num)")


async def test_a_409_for_a_name_already_taken(v2: PpioClient) -> None:
    await v2.create(SAMPLE)
    with pytest.raises(ApiError) as caught:
        await v2.create(SAMPLE)
    assert (caught.value.kind, caught.value.field) == ("conflict", "name")
    assert "already exists" in caught.value.message


async def test_an_unknown_host_is_a_dns_message() -> None:
    target = Target("x", "http://no-such-host.invalid", "v2", "sk-test-key-00000000")
    async with PpioClient(target, retry=RetryPolicy.none()) as client:
        with pytest.raises(ApiError) as caught:
            await client.list_endpoints()
    assert caught.value.kind == "network"
    assert "cannot resolve the host no-such-host.invalid" in caught.value.message


async def test_tls_to_a_plain_http_port_is_a_tls_message(server: LoopbackSandbox) -> None:
    url = server.base_url.replace("http://", "https://")
    async with PpioClient(Target("x", url, "v2", "k" * 20), retry=RetryPolicy.none()) as client:
        with pytest.raises(ApiError) as caught:
            await client.list_endpoints()
    assert caught.value.kind == "tls"
    assert caught.value.message.startswith(f"secure connection to 127.0.0.1:{server.server.port}")


async def test_a_timeout_names_the_host_and_the_limit(server: LoopbackSandbox) -> None:
    server.set_faults(latency=2)
    async with PpioClient(server.target(), timeout=0.2, retry=RetryPolicy.none()) as client:
        with pytest.raises(ApiError) as caught:
            await client.list_endpoints()
    assert caught.value.kind == "timeout"
    assert caught.value.message == f"no answer from 127.0.0.1:{server.server.port} within 0.2s"


async def test_a_2xx_that_is_not_json_is_an_invalid_response() -> None:
    import httpx

    transport = httpx.MockTransport(lambda request: httpx.Response(200, text="<html>hi</html>"))
    target = Target("x", "https://proxy.example", "v2", "sk-test-key-00000000")
    async with PpioClient(target, transport=transport) as client:
        with pytest.raises(ApiError) as caught:
            await client.get("abc")
    assert caught.value.kind == "invalid_response"
    assert "<html>hi</html>" in caught.value.message
