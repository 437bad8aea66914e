"""history.jsonl: one redacted line per attempt, mode 0600, rotated at a size bound."""

from __future__ import annotations

import json
import os
import stat
from pathlib import Path

from tests.api.conftest import SAMPLE
from tests.sandbox_server import TEST_KEY, LoopbackSandbox
from tui_app import spec
from tui_app.api import PpioClient, RetryPolicy
from tui_app.api.history import History, read_history
from tui_app.api.types import Exchange


def lines(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text().splitlines()]


async def test_every_attempt_is_one_line_with_the_key_redacted(
    v2: PpioClient, server: LoopbackSandbox, home: Path
) -> None:
    server.set_faults(rate_limit=1, retry_after=0)
    created = await v2.create(SAMPLE)
    await v2.flush_history()
    records = lines(home / "history.jsonl")
    assert [(r["method"], r["status"], r["attempt"]) for r in records] == [
        ("POST", 429, 1),
        ("POST", 200, 2),
    ]
    last = records[-1]
    assert last["request_headers"]["authorization"] == f"Bearer ****{TEST_KEY[-4:]}"
    assert last["request_body"] == spec.render_v2(SAMPLE)
    assert last["response_body"] == {"id": created.id}
    assert last["url"] == f"{server.base_url}/gpus/v2/endpoints"
    assert last["latency_ms"] > 0
    assert last["operation"] == "create"
    assert records[0]["error"].startswith("too many requests")
    assert stat.S_IMODE(os.stat(home / "history.jsonl").st_mode) == 0o600


async def test_history_reads_back_as_exchanges(v2: PpioClient, home: Path) -> None:
    await v2.list_endpoints()
    await v2.products()
    await v2.flush_history()
    read = read_history(home / "history.jsonl")
    assert [e.path for e in read] == [
        "/gpus/v2/endpoints?limit=50",
        "/gpus/v2/products?type=gpu&category=serverless",
    ]
    assert all(isinstance(e, Exchange) for e in read)


def exchange(n: int, size: int = 300) -> Exchange:
    return Exchange(n, 0.0, "GET", f"https://h/{n}", {}, "x" * size, status=200)


def test_rotation_keeps_at_most_three_files_of_the_bound(tmp_path: Path) -> None:
    folder = tmp_path / "rotation"
    folder.mkdir()
    path = folder / "history.jsonl"
    history = History(path, max_bytes=2000, files=3)
    for n in range(40):
        history.append(exchange(n))
    files = sorted(p.name for p in folder.iterdir())
    assert files == ["history.jsonl", "history.jsonl.1", "history.jsonl.2"]
    assert all(p.stat().st_size <= 2000 for p in folder.iterdir())
    newest = read_history(path)[-1]
    assert newest.url == "https://h/39"
    oldest_kept = read_history(folder / "history.jsonl.2")[0]
    assert oldest_kept.id > 0  # the very first ones rotated out
    assert all(stat.S_IMODE(p.stat().st_mode) == 0o600 for p in folder.iterdir())


def test_an_existing_readable_file_is_made_private(tmp_path: Path) -> None:
    path = tmp_path / "history.jsonl"
    path.write_text("")
    path.chmod(0o644)
    History(path).append(exchange(1))
    assert stat.S_IMODE(path.stat().st_mode) == 0o600


def test_torn_and_foreign_lines_are_skipped(tmp_path: Path) -> None:
    path = tmp_path / "history.jsonl"
    History(path).append(exchange(1))
    with path.open("a") as handle:
        handle.write('{"id": 2, "time"\nnot json\n{"unrelated": true}\n')
    History(path).append(exchange(3))
    assert [e.id for e in read_history(path)] == [1, 3]


async def test_an_unwritable_history_turns_itself_off_and_the_call_succeeds(
    server: LoopbackSandbox, tmp_path: Path
) -> None:
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("")
    async with PpioClient(
        server.target(), history_path=blocker / "history.jsonl", retry=RetryPolicy.none()
    ) as client:
        assert await client.list_endpoints() == []
        await client.flush_history()
        assert client.history_problem is not None
        assert "history is off" in client.history_problem


def test_the_writer_thread_keeps_order_and_flushes_on_demand(tmp_path: Path) -> None:
    from tui_app.api.history import BackgroundHistory

    path = tmp_path / "bg.jsonl"
    writer = BackgroundHistory(History(path))
    for n in range(200):
        writer.append(exchange(n, size=10))
    writer.flush()
    assert [e.id for e in read_history(path)] == list(range(200))
    writer.append(exchange(200, size=10))
    writer.close()
    assert read_history(path)[-1].id == 200
