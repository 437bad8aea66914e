"""The client's bounds: time per attempt and per call, and the size of what it keeps."""

from __future__ import annotations

import asyncio
import json
import time
from pathlib import Path

import pytest

from tests.api.conftest import SAMPLE
from tests.hostile_server import answer, hostile_server
from tui_app.api import ApiError, PpioClient, RetryPolicy, Target
from tui_app.api.errors import error_for_status
from tui_app.api.history import History, read_history
from tui_app.api.types import Exchange

KEY = "sk-bounds-test-key-1234567890"
MAX_LINE = 256 * 1024


def target(url: str) -> Target:
    return Target("hostile", url, "v2", KEY)


async def test_the_retry_deadline_bounds_the_whole_call(home: Path) -> None:
    # a 30 s timeout per attempt, but the call as a whole has 1.5 s: it ends then
    retry = RetryPolicy(attempts=4, deadline=1.5)
    with hostile_server("stall") as url:
        async with PpioClient(target(url), timeout=30, retry=retry) as client:
            started = time.monotonic()
            with pytest.raises(ApiError) as caught:
                await asyncio.wait_for(client.list_endpoints(), 15)
    assert time.monotonic() - started < 5
    assert caught.value.kind == "timeout"
    assert caught.value.message == "no answer from 127.0.0.1:" + url.rsplit(":", 1)[1] + (
        " within 1.5s"
    )


async def test_a_trickling_answer_to_a_create_is_reported_as_maybe_created(home: Path) -> None:
    # the body never finishes: like a read timeout, the server may have acted on the create,
    # so it is looked up (each look trickles too) and never sent again
    with hostile_server("trickle") as url:
        quick = Target(
            "hostile", url, "v2", KEY, create_lookup_attempts=2, create_lookup_window=0.2
        )
        async with PpioClient(quick, timeout=1, retry=RetryPolicy.none()) as client:
            started = time.monotonic()
            result = await asyncio.wait_for(client.create(dict(SAMPLE)), 15)
    assert time.monotonic() - started < 10
    assert result.outcome == "unknown"
    assert result.lost == "no answer from 127.0.0.1:" + url.rsplit(":", 1)[1] + " within 1s"
    assert "The create may or may not have happened" in result.describe()


async def test_an_answer_with_a_lone_surrogate_still_reaches_history(home: Path) -> None:
    path = home / "history.jsonl"
    body = b'{"data": [], "has_more": false, "note": "\\ud800 half a pair"}'
    with hostile_server(answer(body)) as url:
        async with PpioClient(target(url), history_path=path) as client:
            assert await client.list_endpoints() == []
            await client.flush_history()
    records = [json.loads(line) for line in path.read_bytes().splitlines()]
    assert [r["status"] for r in records] == [200]
    assert records[0]["response_body"]["note"] == "? half a pair"


def test_history_lines_are_cut_to_the_line_bound_and_stay_json(home: Path) -> None:
    path = home / "history.jsonl"
    history = History(path)
    big = {"data": [{"id": str(n), "log": "\x07" * 1000} for n in range(2000)]}
    history.append(Exchange(1, 0.0, "POST", "http://x/e", {}, {"pad": "é" * 500_000}, 200, {}, big))
    history.append(Exchange(2, 0.0, "GET", "http://x/e", {}, None, 200, {}, {"ok": True}))
    lines = path.read_bytes().splitlines()
    assert len(lines) == 2
    assert all(len(line) <= MAX_LINE for line in lines)
    first = json.loads(lines[0])
    assert "…truncated " in first["request_body"]
    assert "…truncated " in first["response_body"]
    assert json.loads(lines[1])["response_body"] == {"ok": True}  # small lines are untouched
    assert [e.id for e in read_history(path)] == [1, 2]


def test_error_messages_from_server_text_are_clipped() -> None:
    error = error_for_status(500, {"message": "boom " * 10_000}, version="v2", key_sent=True)
    assert len(error.message) <= 2000 + len("the server failed (HTTP 500): ; try again later")
    assert error.message.endswith("boom…; try again later")
