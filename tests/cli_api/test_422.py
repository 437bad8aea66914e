"""A server answering 422 (validation failed) is a bad request, like 400: the client's error
kind is ``bad_request``, and ``submit`` exits 1 with the server's words under the field.

The server is a small real HTTP server on 127.0.0.1 that answers every request with one
fixed 422 body and stops when the test ends.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler
from typing import Any

import pytest

from tests.cli_api.conftest import CANARY
from tests.loopback import serve
from tui_app.api import ApiError, PpioClient, RetryPolicy
from tui_app.api.types import Target
from tui_app.home import shipped_presets_dir
from tui_app.presets import load_preset_file

PRESET = "vllm-openai"
REASON = "must not exceed the worker quota of this account (4)"


@contextmanager
def answering_422(body: Any) -> Iterator[tuple[str, list[tuple[str, str]]]]:
    """http://127.0.0.1:PORT answering 422 with ``body`` (JSON) to any request; and the requests."""
    seen: list[tuple[str, str]] = []
    payload = json.dumps(body).encode()

    class Handler(BaseHTTPRequestHandler):
        def _answer(self) -> None:
            length = int(self.headers.get("Content-Length") or 0)
            self.rfile.read(length)
            seen.append((self.command, self.path))
            self.send_response(422)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(payload)))
            self.end_headers()
            self.wfile.write(payload)

        do_GET = do_POST = do_PUT = do_DELETE = _answer

        def log_message(self, *args: Any) -> None:  # keep the test output clean
            pass

    with serve(Handler) as base_url:
        yield base_url, seen


def validation_body(field: str | None) -> dict[str, Any]:
    body: dict[str, Any] = {"code": 422, "reason": "VALIDATION_FAILED", "message": REASON}
    if field is not None:
        body["metadata"] = {"field": field}
    return body


def point_cli_at(monkeypatch: pytest.MonkeyPatch, url: str) -> None:
    monkeypatch.setenv("PPIO_BASE_URL", url)
    monkeypatch.setenv("PPIO_API_KEY", CANARY)


@pytest.mark.parametrize(
    ("version", "named"), [("v2", "worker_config.max_replicas"), ("v1", "workerConfig.maxNum")]
)
def test_submit_exits_1_with_the_bad_request_message_naming_the_field(
    cli, monkeypatch: pytest.MonkeyPatch, version: str, named: str
) -> None:
    with answering_422(validation_body(named)) as (url, seen):
        point_cli_at(monkeypatch, url)
        result = cli("submit", PRESET, "--api-version", version, "--retries", "2")
    assert result.code == 1
    assert result.out == ""
    assert (
        "ppio-endpoint: worker_config.max_replicas: the server rejected the request: "
        f"{REASON} (HTTP 422)"
    ) in result.err.splitlines()
    # a validation failure is final: the create is sent once, not retried (a v1 create
    # first lists who already carries the name, which is a GET)
    assert [method for method, _ in seen if method != "GET"] == ["POST"]


def test_submit_exits_1_when_the_422_names_no_field(cli, monkeypatch: pytest.MonkeyPatch) -> None:
    with answering_422(validation_body(None)) as (url, _):
        point_cli_at(monkeypatch, url)
        result = cli("submit", PRESET, "--retries", "0")
    assert result.code == 1
    assert f"ppio-endpoint: the server rejected the request: {REASON} (HTTP 422)" in (
        result.err.splitlines()
    )


@pytest.mark.parametrize("version", ["v2", "v1"])
async def test_the_client_reports_a_422_as_a_bad_request(version: str) -> None:
    data = load_preset_file(shipped_presets_dir() / f"{PRESET}.toml").endpoint
    with answering_422(validation_body("worker_config.max_replicas")) as (url, _):
        target = Target("loopback", url, version, CANARY)
        async with PpioClient(target, retry=RetryPolicy.none()) as client:
            with pytest.raises(ApiError) as caught:
                await client.create(data, version)
    error = caught.value
    assert (error.kind, error.status, error.field) == (
        "bad_request",
        422,
        "worker_config.max_replicas",
    )
    assert error.message == f"the server rejected the request: {REASON}"
    assert error.reason == "VALIDATION_FAILED"
