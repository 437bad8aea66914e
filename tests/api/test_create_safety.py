"""A create is sent again only when it surely never reached the server; otherwise it is
looked up by name, and the result says recovered, conflict or unknown, never a guess."""

from __future__ import annotations

import asyncio

import pytest

from tests.api.conftest import SAMPLE, Recorder, sample
from tests.api.create_servers import create_server
from tests.sandbox_server import LoopbackSandbox, closed_port_url
from tui_app.api import ApiError, PpioClient, RetryPolicy
from tui_app.api.types import Target

LOOKS = ["create-lookup", "create-lookup"]  # a look: the list by name, then a get of the match


def operations(log: Recorder) -> list[str]:
    return [e.operation for e in log.exchanges if e.operation != "create-precheck"]


async def test_connection_dropped_after_the_create_was_stored_makes_no_duplicate(
    client: PpioClient, server: LoopbackSandbox
) -> None:
    server.set_faults(drop_after_create=1)
    log = Recorder()
    client.subscribe(log)
    result = await client.create(SAMPLE)
    assert result.outcome == "recovered"
    assert list(server.sandbox.endpoints) == [result.id]
    assert len(server.creates(client.version)) == 1  # sent once, never again
    first = next(e for e in log.exchanges if e.operation == "create")
    assert first.status is None
    assert "closed the connection without answering" in (first.error or "")
    assert operations(log) == ["create", *LOOKS]
    assert result.url and result.id in result.url
    assert result.describe().startswith(f"created endpoint 'sample-endpoint' with id {result.id}")


async def test_a_create_stored_late_is_recovered_within_the_window_and_sent_once(
    policy: RetryPolicy, sleeper
) -> None:
    with create_server(mode="late", store_after_looks=2, answer_after=1.0) as server:
        async with PpioClient(server.target(), timeout=0.3, retry=policy) as client:
            log = Recorder()
            client.subscribe(log)
            result = await client.create(SAMPLE)
        assert result.outcome == "recovered"
        assert list(server.endpoints) == [result.id]
        assert len(server.posts) == 1
    assert log.exchanges[0].error == f"no answer from {server.base_url[7:]} within 0.3s"
    assert operations(log) == ["create", "create-lookup", *LOOKS]  # nothing, then found
    assert sleeper.delays == [5.0]  # the second of three looks over 10 s


async def test_a_create_stored_after_the_window_is_unknown_and_never_sent_twice(
    policy: RetryPolicy, sleeper
) -> None:
    with create_server(mode="late", store_after_looks=4, answer_after=1.0) as server:
        async with PpioClient(server.target(), timeout=0.3, retry=policy) as client:
            result = await client.create(SAMPLE)
        server.sandbox.flush()  # the server gets to it in the end
        assert len(server.endpoints) == 1  # one submit, one endpoint
        assert len(server.posts) == 1
    assert result.outcome == "unknown" and not result.ok
    assert result.id == ""
    assert sleeper.delays == [5.0, 5.0]
    text = result.describe()
    assert "the create may or may not have happened" in text.lower()
    assert "no endpoint named 'sample-endpoint' was found in 3 looks over 10s" in text
    assert "`ppio-endpoint endpoints list`" in text
    assert "submitting again is your decision" in text


async def test_the_look_up_window_comes_from_the_target(policy: RetryPolicy, sleeper) -> None:
    with create_server(mode="drop") as server:
        target = server.target(create_lookup_attempts=5, create_lookup_window=2.0)
        async with PpioClient(target, retry=policy) as client:
            result = await client.create(SAMPLE)
        assert len(server.posts) == 1
    assert result.outcome == "unknown"
    assert sleeper.delays == [0.5, 0.5, 0.5, 0.5]
    assert "5 looks over 2s" in result.detail


@pytest.mark.parametrize("version", ["v2", "v1"])
async def test_a_dropped_create_never_claims_an_older_endpoint_with_the_same_name(
    policy: RetryPolicy, version: str
) -> None:
    with create_server(mode="drop") as server:
        older = server.sandbox.store(SAMPLE, age=3600)  # same name, product and image
        async with PpioClient(server.target(version), retry=policy) as client:
            result = await client.create(SAMPLE)
        assert len(server.posts) == 1
        assert list(server.endpoints) == [older]
    assert result.outcome == "conflict" and not result.ok and not result.recovered
    assert result.id == older  # shown, not claimed
    text = result.describe()
    assert f"An endpoint named 'sample-endpoint' exists (id {older})" in text
    assert "before this submit began" in text
    assert "not taken as created" in text


@pytest.mark.parametrize(
    ("changes", "named"),
    [
        ({"image": "registry.example.com/team/other:2.0"}, "image"),
        ({"ports": [9000], "health_check": {"path": "/healthz", "port": 9000}}, "ports.0"),
        ({"envs": [{"key": "OTHER", "value": "x"}]}, "env keys"),
    ],
)
async def test_a_same_name_endpoint_that_differs_is_a_conflict_with_its_id(
    policy: RetryPolicy, changes: dict, named: str
) -> None:
    with create_server(mode="drop") as server:
        other = server.sandbox.store(sample(**changes))  # brand new, but not what was sent
        async with PpioClient(server.target(), retry=policy) as client:
            result = await client.create(SAMPLE)
        assert len(server.posts) == 1
    assert result.outcome == "conflict"
    assert result.id == other
    assert f"differs in {named}" in result.detail


async def test_env_values_masked_by_the_server_still_match(policy: RetryPolicy) -> None:
    with create_server(mode="garbage", garbage=b"") as server:
        async with PpioClient(server.target(), retry=policy) as client:
            result = await client.create(SAMPLE)
            for data in server.endpoints.values():  # the server hides the value from now on
                data["envs"] = [{"key": "MODEL", "value": "****"}]
            again = await client.check_create(result)
    assert result.outcome == "recovered"
    assert again.outcome == "recovered" and again.id == result.id


@pytest.mark.parametrize("status", [500, 502, 503, 504])
async def test_a_5xx_on_create_is_looked_up_and_never_sent_again(
    policy: RetryPolicy, status: int
) -> None:
    with create_server(mode="status", status=status) as server:
        async with PpioClient(server.target(), retry=policy) as client:
            log = Recorder()
            client.subscribe(log)
            result = await client.create(SAMPLE)
        assert len(server.posts) == 1
        assert server.endpoints == {}
    assert result.outcome == "unknown"
    assert f"HTTP {status}" in result.lost
    assert operations(log) == ["create", "create-lookup", "create-lookup", "create-lookup"]


async def test_a_5xx_after_storing_is_recovered_not_duplicated(
    v2: PpioClient, server: LoopbackSandbox
) -> None:
    server.set_faults(latency=0)
    stored = server.sandbox.created

    def store_then_fail(eid, data):  # the server stored it, then failed to answer
        stored(eid, data)
        from tui_app.api.sandbox.core import error_reply

        return error_reply(500, "INTERNAL", "database timeout after commit")

    server.sandbox.created = store_then_fail  # type: ignore[method-assign]
    result = await v2.create(SAMPLE)
    assert result.outcome == "recovered"
    assert list(server.sandbox.endpoints) == [result.id]
    assert len(server.creates()) == 1


async def test_a_429_on_create_is_sent_again(policy: RetryPolicy, sleeper) -> None:
    with create_server(mode="status", status=429, retry_after="2") as server:
        async with PpioClient(server.target(), retry=policy) as client:
            log = Recorder()
            client.subscribe(log)
            result = await client.create(SAMPLE)
        assert len(server.posts) == 2  # refused unprocessed, so safe to send again
        assert list(server.endpoints) == [result.id]
    assert result.outcome == "created"
    assert [(e.operation, e.status) for e in log.exchanges] == [("create", 429), ("create", 200)]
    assert sleeper.delays == [2.0]


async def test_a_refused_connection_is_sent_again_and_never_looked_up(
    policy: RetryPolicy,
) -> None:
    log = Recorder()
    target = Target("gone", closed_port_url(), "v2", "sk-test-key-abcdefgh")
    async with PpioClient(target, retry=policy) as client:
        client.subscribe(log)
        with pytest.raises(ApiError) as caught:
            await client.create(SAMPLE)
    assert caught.value.kind == "network" and caught.value.attempts == 4
    assert [e.operation for e in log.exchanges] == ["create"] * 4


@pytest.mark.parametrize("garbage", [b"<html>upstream hiccup</html>", b"{}", b'{"id": ""}'])
async def test_a_2xx_without_a_readable_id_is_looked_up_not_sent_again(
    policy: RetryPolicy, garbage: bytes
) -> None:
    with create_server(mode="garbage", garbage=garbage) as server:
        async with PpioClient(server.target(), retry=policy) as client:
            result = await client.create(SAMPLE)
        assert len(server.posts) == 1
        assert list(server.endpoints) == [result.id]
    assert result.outcome == "recovered"
    assert "answer carried no readable id" in result.describe()


async def test_check_create_only_looks_and_turns_into_created(policy: RetryPolicy, sleeper) -> None:
    with create_server(mode="late", store_after_looks=99, answer_after=1.0) as server:
        async with PpioClient(server.target(), timeout=0.3, retry=policy) as client:
            first = await client.create(SAMPLE)
            assert first.outcome == "unknown"
            server.sandbox.flush()
            log = Recorder()
            client.subscribe(log)
            again = await client.check_create(first)
        assert len(server.posts) == 1
    assert again.outcome == "recovered"
    assert again.id == next(iter(server.endpoints))
    assert "create" not in [e.operation for e in log.exchanges]
    assert sleeper.delays == [5.0, 5.0]  # check_create looked once, without waiting


async def test_when_the_lookup_fails_too_the_outcome_is_unknown(
    v2: PpioClient, server: LoopbackSandbox
) -> None:
    server.set_faults(drop_after_create=1)

    def starve_lookups(exchange) -> None:
        if exchange.operation == "create":
            server.set_faults(rate_limit=100, retry_after=0)

    v2.subscribe(starve_lookups)
    result = await v2.create(SAMPLE)
    assert result.outcome == "unknown"
    assert "looking it up failed (too many requests" in result.detail
    assert "may or may not have happened" in result.describe()
    assert len(server.creates()) == 1
    assert len(server.sandbox.endpoints) == 1


async def test_a_nameless_v1_create_is_not_resent_after_a_drop(
    v1: PpioClient, server: LoopbackSandbox
) -> None:
    server.set_faults(drop_after_create=1)
    nameless = sample()
    del nameless["name"]
    result = await v1.create(nameless)
    assert result.outcome == "unknown"
    assert len(server.creates("v1")) == 1  # nothing to look it up by, so never re-sent
    assert "it has no name to look it up by" in result.describe()


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
