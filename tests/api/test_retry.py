"""Retries: which failures, how long between them (Retry-After first), and where they stop."""

from __future__ import annotations

import email.utils
import random

import pytest

from tests.api.conftest import SAMPLE, Recorder, RecordingSleep
from tests.sandbox_server import FakeClock, LoopbackSandbox, closed_port_url
from tui_app.api import ApiError, PpioClient, RetryPolicy, Target, parse_retry_after


def test_retry_after_in_seconds() -> None:
    assert parse_retry_after("3") == 3.0
    assert parse_retry_after(" 0.5 ") == 0.5
    assert parse_retry_after("-4") == 0.0


def test_retry_after_as_an_http_date() -> None:
    now = 1_800_000_000.0
    header = email.utils.formatdate(now + 12, usegmt=True)
    assert parse_retry_after(header, now=now) == pytest.approx(12.0)
    assert parse_retry_after(email.utils.formatdate(now - 60, usegmt=True), now=now) == 0.0


@pytest.mark.parametrize("value", [None, "", "soon", "nan"])
def test_unreadable_retry_after_is_ignored(value: str | None) -> None:
    assert parse_retry_after(value) is None


def test_backoff_is_full_jitter_under_an_exponential_ceiling() -> None:
    policy = RetryPolicy(base_delay=0.5, max_delay=4.0, rng=random.Random(1))
    for attempt, ceiling in [(1, 0.5), (2, 1.0), (3, 2.0), (4, 4.0), (9, 4.0)]:
        waits = [policy.backoff(attempt) for _ in range(200)]
        assert all(0.0 <= w <= ceiling for w in waits)
        assert max(waits) > ceiling * 0.8  # spread over the whole range, not a fixed step
        assert min(waits) < ceiling * 0.2


async def test_retry_after_is_honoured(
    v2: PpioClient, server: LoopbackSandbox, sleeper: RecordingSleep
) -> None:
    server.set_faults(rate_limit=2, retry_after=2.5)
    log = Recorder()
    v2.subscribe(log)
    assert await v2.list_endpoints() == []
    assert sleeper.delays == [2.5, 2.5]
    assert [(e.status, e.attempt) for e in log.exchanges] == [(429, 1), (429, 2), (200, 3)]
    assert log.exchanges[0].response_headers["retry-after"] == "2.5"


async def test_retries_stop_at_their_bound(
    v2: PpioClient, server: LoopbackSandbox, sleeper: RecordingSleep
) -> None:
    server.set_faults(rate_limit=100, retry_after=1)
    log = Recorder()
    v2.subscribe(log)
    with pytest.raises(ApiError) as caught:
        await v2.list_endpoints()
    assert caught.value.kind == "rate_limited"
    assert caught.value.attempts == 4
    assert "rate limiting" in caught.value.message
    assert len(log.exchanges) == 4
    assert len(sleeper.delays) == 3
    assert server.sandbox.faults.rate_limit == 96  # exactly four requests reached the server


async def test_retries_stop_at_the_deadline(server: LoopbackSandbox) -> None:
    clock = FakeClock()
    sleep = RecordingSleep(clock)
    policy = RetryPolicy(attempts=10, deadline=5.0, sleep=sleep, clock=clock)
    server.set_faults(rate_limit=100, retry_after=2)
    async with PpioClient(server.target(), retry=policy) as client:
        with pytest.raises(ApiError) as caught:
            await client.list_endpoints()
    assert sleep.delays == [2, 2]  # a third wait would end past the 5 s deadline
    assert caught.value.attempts == 3


async def test_a_retry_after_longer_than_worth_waiting_is_not_waited_for(
    v2: PpioClient, server: LoopbackSandbox, sleeper: RecordingSleep
) -> None:
    server.set_faults(rate_limit=1, retry_after=3600)
    with pytest.raises(ApiError) as caught:
        await v2.list_endpoints()
    assert caught.value.retry_after == 3600
    assert "it asked to wait 3600s" in caught.value.message
    assert sleeper.delays == []


async def test_reads_retry_through_502_503_504(
    v2: PpioClient, server: LoopbackSandbox, sleeper: RecordingSleep
) -> None:
    for status in (502, 503, 504):
        server.set_faults(errors=1, error_status=status)
        assert await v2.list_endpoints() == []
    assert len(sleeper.delays) == 3
    assert all(0 <= d <= 0.5 for d in sleeper.delays)  # first backoff step, jittered


async def test_a_500_is_not_retried(
    v2: PpioClient, server: LoopbackSandbox, sleeper: RecordingSleep
) -> None:
    server.set_faults(errors=1, error_status=500)
    with pytest.raises(ApiError) as caught:
        await v2.list_endpoints()
    assert caught.value.kind == "server"
    assert "the server failed (HTTP 500)" in caught.value.message
    assert sleeper.delays == []


async def test_a_400_is_not_retried(
    v2: PpioClient, server: LoopbackSandbox, sleeper: RecordingSleep
) -> None:
    with pytest.raises(ApiError):
        await v2.create({**SAMPLE, "product_id": "nope"})
    assert len(server.creates()) == 1
    assert sleeper.delays == []


async def test_a_refused_connection_is_retried_then_reported(policy: RetryPolicy) -> None:
    target = Target("gone", closed_port_url(), "v2", "sk-test-key-abcdefgh")
    async with PpioClient(target, retry=policy) as client:
        log = Recorder()
        client.subscribe(log)
        with pytest.raises(ApiError) as caught:
            await client.list_endpoints()
    assert caught.value.kind == "network"
    assert "connection refused" in caught.value.message
    assert [e.attempt for e in log.exchanges] == [1, 2, 3, 4]


async def test_a_delete_whose_answer_was_lost_counts_as_done(
    v2: PpioClient, server: LoopbackSandbox, sleeper: RecordingSleep
) -> None:
    created = await v2.create(SAMPLE)
    server.set_faults(latency=0.6)
    quick = PpioClient(server.target(), timeout=0.2, retry=v2.retry)
    async with quick:
        log = Recorder()
        quick.subscribe(log)

        def answer_fast_after_first(exchange) -> None:
            server.set_faults(latency=0)

        quick.subscribe(answer_fast_after_first)
        await quick.delete(created.id)
    assert server.sandbox.endpoints == {}
    assert [e.status for e in log.exchanges] == [None, 404]
