"""The documentation's own examples: the v2 curl command and a v1 body shaped as its page shows."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tui_app import spec
from tui_app.spec.curl import CurlError, build_curl, parse_curl
from tui_app.spec.routes import DEFAULT_BASE_URLS, url_for

DATA = Path(__file__).resolve().parent.parent / "data"
V2_CURL = (DATA / "ppio-v2-create-endpoint-curl.txt").read_text(encoding="utf-8")
V1_BODY = json.loads((DATA / "ppio-v1-create-endpoint-body.json").read_text(encoding="utf-8"))


def test_v2_seed_curl_reads_as_a_valid_v2_body() -> None:
    request = parse_curl(V2_CURL)
    assert (request.method, request.url) == ("POST", "https://api.ppio.com/gpus/v2/endpoints")
    assert "Authorization" not in request.headers
    parsed = spec.parse_body(request.body)
    assert (parsed.version, parsed.ignored) == ("v2", [])
    assert spec.validate(parsed.data, "v2").issues == ()


def test_v2_seed_renders_back_to_its_body() -> None:
    body = parse_curl(V2_CURL).body
    rendered = spec.render(spec.parse_body(body).data, "v2")
    # the only difference: the example's empty entrypoint and command are left out
    assert {k: v for k, v in body.items() if v != ""} == rendered
    assert body["entrypoint"] == body["command"] == ""


def test_v1_seed_body_round_trips_exactly() -> None:
    parsed = spec.parse_body(V1_BODY)
    assert (parsed.version, parsed.ignored) == ("v1", [])
    assert spec.validate(parsed.data, "v1").issues == ()
    assert spec.render(parsed.data, "v1") == V1_BODY
    assert parsed.data["region_id"] == "cluster-id"
    assert parsed.data["worker_config"]["rootfs_size_gb"] == 100


def test_v1_body_renders_as_a_v2_body_too() -> None:
    data = spec.parse_body(V1_BODY).data
    body = spec.render({**data, "type": "sync"}, "v2")
    assert body["worker_config"]["max_replicas"] == 2
    assert body["volumes"] == [{"type": "network", "id": "storage-id", "mount_point": "/data"}]
    assert spec.validate(body, "v2").ok


@pytest.mark.parametrize("version", ["v1", "v2"])
def test_built_curl_reads_back_and_never_holds_the_key(version: str) -> None:
    data = spec.parse_body(V1_BODY).data
    data["envs"] = [{"key": "Q", "value": 'it\'s "quoted" $HOME `x` \\n'}]
    body = spec.render(data, version)
    url = url_for(DEFAULT_BASE_URLS[version], version, "create")
    text = build_curl("POST", url, body)
    assert '"Authorization: Bearer ${PPIO_API_KEY}"' in text
    request = parse_curl(text)
    assert (request.method, request.url, request.body) == ("POST", url, body)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("wget http://x", "does not start with 'curl'"),
        ("curl --request POST", "no URL"),
        ("curl http://x --data '{oops'", "the --data body is not JSON"),
        ("curl http://x --data '{", "cannot split the command"),
    ],
)
def test_curl_that_cannot_be_read_says_why(text: str, message: str) -> None:
    with pytest.raises(CurlError, match=message):
        parse_curl(text)
