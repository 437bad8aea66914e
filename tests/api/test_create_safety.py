"""A create that may have reached the server is looked up by name, never blindly sent again."""

from __future__ import annotations

import asyncio

import pytest

from tests.api.conftest import SAMPLE, Recorder, sample
from tests.sandbox_server import LoopbackSandbox
from tui_app.api import ApiError, PpioClient, RetryPolicy


async def test_connection_dropped_after_the_create_was_stored_makes_no_duplicate(
    client: PpioClient, server: LoopbackSandbox
) -> None:
    server.set_faults(drop_after_create=1)
    log = Recorder()
    client.subscribe(log)
    result = await client.create(SAMPLE)
    assert result.recovered
    assert list(server.sandbox.endpoints) == [result.id]
    assert len(server.creates(client.version)) == 1  # sent once, never again
    first = log.exchanges[0]
    assert first.operation == "create" and first.status is None
    assert "closed the connection without answering" in (first.error or "")
    assert [e.operation for e in log.exchanges[1:]] == ["create-lookup"]
    assert result.url and result.id in result.url


async def test_read_timeout_on_a_create_the_server_stored_is_recovered(
    server: LoopbackSandbox, policy: RetryPolicy
) -> None:
    server.set_faults(latency=1.0)  # answered after the client stopped waiting

    def answer_promptly_from_now_on(exchange) -> None:
        server.set_faults(latency=0.0)

    async with PpioClient(server.target(), timeout=0.3, retry=policy) as client:
        log = Recorder()
        client.subscribe(log)
        client.subscribe(answer_promptly_from_now_on)
        result = await client.create(SAMPLE)
    assert result.recovered
    assert len(server.sandbox.endpoints) == 1
    assert len(server.creates()) == 1
    assert log.exchanges[0].error == f"no answer from 127.0.0.1:{server.server.port} within 0.3s"
    assert [e.operation for e in log.exchanges[1:]] == ["create-lookup"]


async def test_a_create_refused_before_storing_is_sent_again_after_looking(
    client: PpioClient, server: LoopbackSandbox, sleeper
) -> None:
    server.set_faults(errors=1, error_status=503)
    log = Recorder()
    client.subscribe(log)
    result = await client.create(SAMPLE)
    assert not result.recovered
    assert list(server.sandbox.endpoints) == [result.id]
    assert [(e.operation, e.status) for e in log.exchanges] == [
        ("create", 503),
        ("create-lookup", 200),
        ("create", 200),
    ]
    assert len(sleeper.delays) == 1


async def test_an_older_endpoint_with_the_same_name_is_not_taken_for_this_one(
    v2: PpioClient, server: LoopbackSandbox
) -> None:
    older = await v2.create(SAMPLE)
    server.set_faults(errors=1, error_status=503)
    with pytest.raises(ApiError) as caught:
        await v2.create(sample(image="registry.example.com/team/other:2.0"))
    assert caught.value.kind == "conflict"
    assert caught.value.field == "name"
    assert list(server.sandbox.endpoints) == [older.id]


async def test_a_500_on_create_is_looked_up_and_reported_as_not_created(
    v2: PpioClient, server: LoopbackSandbox
) -> None:
    server.set_faults(errors=1, error_status=500)
    with pytest.raises(ApiError) as caught:
        await v2.create(SAMPLE)
    assert caught.value.kind == "server" and caught.value.status == 500
    assert "was not created" in caught.value.message
    assert len(server.creates()) == 1
    assert server.sandbox.endpoints == {}


async def test_when_the_lookup_fails_too_the_message_says_to_check_first(
    v2: PpioClient, server: LoopbackSandbox
) -> None:
    server.set_faults(drop_after_create=1)

    def starve_lookups(exchange) -> None:
        if exchange.operation == "create":
            server.set_faults(rate_limit=100, retry_after=0)

    v2.subscribe(starve_lookups)
    with pytest.raises(ApiError) as caught:
        await v2.create(SAMPLE)
    assert "looking the endpoint up failed" in caught.value.message
    assert "may have reached the server" in caught.value.message
    assert "check the endpoint list before submitting again" in caught.value.message
    assert len(server.creates()) == 1
    assert len(server.sandbox.endpoints) == 1


async def test_a_nameless_v1_create_is_not_resent_after_a_drop(
    v1: PpioClient, server: LoopbackSandbox
) -> None:
    server.set_faults(drop_after_create=1)
    nameless = sample()
    del nameless["name"]
    with pytest.raises(ApiError) as caught:
        await v1.create(nameless)
    assert caught.value.kind == "network"
    assert len(server.creates("v1")) == 1  # nothing to look it up by, so never re-sent
    assert "check the endpoint list before submitting again" in caught.value.message


async def test_a_call_in_flight_is_cancelled_cleanly(
    v2: PpioClient, server: LoopbackSandbox
) -> None:
    created = await v2.create(SAMPLE)
    server.set_faults(latency=30)
    log = Recorder()
    v2.subscribe(log)
    task = asyncio.create_task(v2.get(created.id))
    for _ in range(1000):  # until the server has the request
        if len(server.sandbox.received) == 2:
            break
        await asyncio.sleep(0.01)
    task.cancel()
    with pytest.raises(asyncio.CancelledError):
        await task
    assert [(e.operation, e.error) for e in log.exchanges] == [("get", "cancelled")]
    server.set_faults(latency=0)
    assert (await v2.get(created.id)).id == created.id  # the client still works
