"""A canary API key (and secret env values) never appear in history, logs, records or errors."""

from __future__ import annotations

import asyncio
import json
import logging
from pathlib import Path

import pytest

from tests.api.conftest import SAMPLE, Recorder, sample
from tests.sandbox_server import LoopbackSandbox, closed_port_url, sandbox_server
from tui_app import spec
from tui_app.api import ApiError, PpioClient, RetryPolicy, Target
from tui_app.api.redact import Redactor

CANARY = "sk-canary-7Hq2VxZ9pL4mN8rT1wYb"
SECRET_VALUE = "canary-plain-value-42"  # looks harmless: only registration hides it


async def exercise(client: PpioClient, server: LoopbackSandbox) -> list[str]:
    """Success, retries, 400, 409, 404, timeout and cancellation: the texts of every error."""
    texts: list[str] = []
    data, _ = spec.resolve(
        sample(envs=[{"key": "DB_URL", "value": "${DB_URL}"}]), {"DB_URL": SECRET_VALUE}
    )
    client.add_secrets([SECRET_VALUE])
    server.set_faults(rate_limit=1, retry_after=0)
    created = await client.create(data)
    await client.get(created.id)
    await client.list_endpoints()
    await client.registry_auths()
    for call in (
        client.create(data),  # 409
        client.create(sample(name="other", product_id="zzz")),  # 400
        client.get("missing"),  # 404
    ):
        with pytest.raises(ApiError) as caught:
            await call
        texts += [str(caught.value), repr(caught.value), repr(caught.value.args)]
    server.set_faults(latency=1)
    with pytest.raises(ApiError) as caught:
        await asyncio.wait_for(client.list_endpoints(), timeout=5)
    texts += [str(caught.value), repr(caught.value)]
    task = asyncio.create_task(client.get(created.id))
    await asyncio.sleep(0.05)
    task.cancel()
    with pytest.raises(asyncio.CancelledError):
        await task
    server.set_faults(latency=0)
    return texts


async def test_the_key_and_secret_values_appear_nowhere(
    server: LoopbackSandbox, home: Path, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)
    target = Target("loopback", server.base_url, "v2", CANARY)
    policy = RetryPolicy(attempts=2, sleep=_no_wait)
    log = Recorder()
    async with PpioClient(
        target, history_path=home / "history.jsonl", timeout=0.3, retry=policy
    ) as client:
        client.subscribe(log)
        texts = await exercise(client, server)
        texts += [repr(client), repr(target), target.describe()]
    history = (home / "history.jsonl").read_text()
    records = [repr(e) for e in log.exchanges] + [json.dumps(e.to_json()) for e in log.exchanges]
    everything = "\n".join([history, caplog.text, *texts, *records])
    assert CANARY not in everything
    assert SECRET_VALUE not in everything
    assert "sandbox-registry-password" not in everything
    assert f"Bearer ****{CANARY[-4:]}" in history
    # the server did get the real key and the real value: redaction is only in the records
    assert any(e.get("value") == SECRET_VALUE for e in server.creates()[0]["envs"])
    assert {e.error for e in log.exchanges} >= {"cancelled"}


async def _no_wait(seconds: float) -> None:
    return None


async def test_network_errors_do_not_carry_the_key(tmp_path: Path) -> None:
    target = Target("x", closed_port_url(), "v1", CANARY)
    async with PpioClient(
        target, history_path=tmp_path / "h.jsonl", retry=RetryPolicy.none()
    ) as client:
        with pytest.raises(ApiError) as caught:
            await client.create(SAMPLE)
    assert CANARY not in f"{caught.value} {caught.value!r} {caught.value.__cause__!r}"
    assert CANARY not in (tmp_path / "h.jsonl").read_text()


async def test_a_server_that_echoes_the_key_is_masked() -> None:
    with sandbox_server(api_key="sk-expected-key-000000") as running:
        async with PpioClient(Target("x", running.base_url, "v2", CANARY)) as client:
            log = Recorder()
            client.subscribe(log)
            with pytest.raises(ApiError) as caught:
                await client.list_endpoints()
    assert CANARY not in repr(log.exchanges) + str(caught.value)


def test_redactor_masks_credentials_in_any_body() -> None:
    redactor = Redactor([CANARY])
    body = {
        "note": f"key {CANARY} echoed",
        "data": [{"id": "a", "username": "u", "password": "p4ss"}],
        "envs": [{"key": "API_TOKEN", "value": "abcdefgh12345678"}, {"key": "A", "value": "b"}],
        "registry_auth_id": "ra-1234567890",
    }
    masked = redactor.body(body)
    assert masked["note"] == "key **** echoed"
    assert masked["data"][0]["password"] == "****"
    assert masked["envs"] == [{"key": "API_TOKEN", "value": "****"}, {"key": "A", "value": "b"}]
    assert masked["registry_auth_id"] == "ra-1234567890"  # an id, not a secret
    assert body["data"][0]["password"] == "p4ss"  # the input is left alone


def test_a_secret_an_encoder_escapes_is_still_masked() -> None:
    secret = "pa/ss<word>&more-1234"  # "/" may come as "\/", "<" as "\u003c" (Go)
    raw = json.dumps({"note": secret}).replace("/", "\\/").replace("<", "\\u003c").encode()
    assert secret.encode() not in raw
    assert Redactor([secret]).body({"note": secret}, raw) == {"note": "****"}
    plain = "plain-secret-value-9"
    body = {"envs": [{"key": "DB", "value": plain}], "n": 1}
    assert Redactor([plain]).body(body, json.dumps(body).encode()) == {
        "envs": [{"key": "DB", "value": "****"}],
        "n": 1,
    }
    clean = {"n": 1, "items": [{"id": "a"}]}
    assert Redactor([plain]).body(clean, json.dumps(clean).encode()) is clean  # nothing copied


async def test_a_url_recorded_before_a_secret_was_known_is_masked_once_it_is(
    server: LoopbackSandbox, home: Path
) -> None:
    target = Target("loopback", server.base_url, "v2", CANARY)
    log = Recorder()
    async with PpioClient(target, retry=RetryPolicy.none()) as client:
        client.subscribe(log)
        for _ in range(2):
            with pytest.raises(ApiError):
                await client.get(SECRET_VALUE)  # the same URL, twice: recorded once as is
        client.add_secrets([SECRET_VALUE])
        with pytest.raises(ApiError):
            await client.get(SECRET_VALUE)
    urls = [e.url for e in log.exchanges]
    assert SECRET_VALUE in urls[0] and SECRET_VALUE in urls[1]
    assert SECRET_VALUE not in urls[2] and "****" in urls[2]
