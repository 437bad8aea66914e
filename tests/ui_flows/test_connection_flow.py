"""ConnectionFlow without an app: the target and the look-ups from the in-process sandbox."""

from __future__ import annotations

import json
import stat
from pathlib import Path
from typing import Any

from tests.sandbox_server import TEST_KEY, sandbox_server
from tests.ui_flows.recorder import Recorder
from tui_app.api.sandbox import Sandbox
from tui_app.ui.flows.connection import ConnectionFlow, LimitsLoaded, LookupsLoaded, TargetChanged
from tui_app.ui.services import Connection, Exchanges


async def test_the_target_then_the_look_ups_once_wanted(tmp_path: Path) -> None:
    connection = Connection(tmp_path, {}, Exchanges(tmp_path / "history.jsonl"))
    rec = Recorder()
    flow = ConnectionFlow(connection, lambda: "v1", rec.post, rec.run)
    flow.want_lookups()  # no target yet: nothing to fetch from
    assert not rec.work
    flow.retarget()
    await rec.drain()
    assert [m.problem for m in rec.of(TargetChanged)] == [""]
    assert connection.target is not None and connection.target.sandbox
    assert connection.target.api_version == "v1"
    loaded = {m.path: m.options for m in rec.of(LookupsLoaded)}
    assert set(loaded) == {"product_id", "region_id", "registry_auth_id", "volumes.*.id"}
    assert loaded["product_id"] and all("$" in text for text, _ in loaded["product_id"])
    assert connection.known_ids["product_id"] == loaded["product_id"]
    await connection.client.aclose()


async def test_an_unknown_profile_is_reported_and_nothing_is_aimed_at(tmp_path: Path) -> None:
    connection = Connection(tmp_path, {}, Exchanges(tmp_path / "history.jsonl"))
    rec = Recorder()
    flow = ConnectionFlow(connection, lambda: "v2", rec.post, rec.run)
    flow.retarget("nope")
    await rec.drain()
    assert "unknown profile 'nope'" in rec.of(TargetChanged)[0].problem
    assert connection.target is None and connection.client is None


def loopback_flow(home: Path, base_url: str) -> tuple[Connection, ConnectionFlow, Recorder]:
    environ = {"PPIO_API_KEY": TEST_KEY}
    connection = Connection(home, environ, Exchanges(home / "history.jsonl"), base_url=base_url)
    rec = Recorder()
    flow = ConnectionFlow(connection, lambda: "v2", rec.post, rec.run)
    flow.want_lookups()
    flow.retarget()
    return connection, flow, rec


def gets(server: Any) -> list[str]:
    return [path for method, path, _ in server.sandbox.received if method == "GET"]


def kept_file(home: Path) -> Path:
    files = list((home / "cache").glob("lookups-*.json"))
    assert len(files) == 1
    return files[0]


async def start(home: Path, server: Any) -> tuple[Connection, Recorder]:
    connection, _, rec = loopback_flow(home, server.base_url)
    await rec.drain()
    if connection.client is not None:
        await connection.client.aclose()
    return connection, rec


async def test_the_look_ups_send_one_product_list_request(tmp_path: Path) -> None:
    with sandbox_server() as server:
        _, rec = await start(tmp_path, server)
    products = [p for p in gets(server) if p.endswith("/products")]
    assert products == ["/gpus/v2/products"]  # the regions come from the same answer
    loaded = {m.path: m.options for m in rec.of(LookupsLoaded)}
    assert loaded["product_id"] and loaded["region_id"] and loaded["registry_auth_id"]


async def test_fetched_look_ups_are_kept_and_the_next_start_needs_no_request(
    tmp_path: Path,
) -> None:
    with sandbox_server() as server:
        _, first = await start(tmp_path, server)
        kept = kept_file(tmp_path)
        assert stat.S_IMODE(kept.stat().st_mode) == 0o600
        text = kept.read_text()
        assert "password" not in text.lower()  # a registry auth's password is never kept
        sent = len(server.sandbox.received)

        connection, second = await start(tmp_path, server)
        assert len(server.sandbox.received) == sent  # nothing sent
        assert connection.client is None  # nor the HTTP client built
    options = {m.path: m.options for m in first.of(LookupsLoaded)}
    assert {m.path: m.options for m in second.of(LookupsLoaded)} == options
    assert connection.product_text("1") is not None  # the product id is described


async def test_old_look_ups_are_shown_then_fetched_again(tmp_path: Path) -> None:
    with sandbox_server() as server:
        await start(tmp_path, server)
        kept = kept_file(tmp_path)
        doc = json.loads(kept.read_text())
        doc["saved_at"] -= 2 * 3600
        kept.write_text(json.dumps(doc))
        sent = len(gets(server))

        _, rec = await start(tmp_path, server)
        assert len(gets(server)) > sent  # fetched again
    # the kept ones at once, then the fresh ones: products, regions, auths, storages
    assert len(rec.of(LookupsLoaded)) == 8
    assert json.loads(kept.read_text())["saved_at"] > doc["saved_at"] + 3600


async def test_a_corrupt_cache_is_ignored_silently_and_written_over(tmp_path: Path) -> None:
    with sandbox_server() as server:
        await start(tmp_path, server)
        kept = kept_file(tmp_path)
        good = json.loads(kept.read_text())
        for junk in ('{"format": 1, "products": [{"id": 5}]', "[]", "\x00" * 10):
            kept.write_text(junk)
            sent = len(gets(server))
            _, rec = await start(tmp_path, server)
            assert len(gets(server)) > sent  # fetched, as if nothing were kept
            assert not rec.notes and not rec.failures
            assert json.loads(kept.read_text())["products"] == good["products"]


async def v1_limits(home: Path, box: Sandbox) -> tuple[Connection, Recorder]:
    connection = Connection(home, {}, Exchanges(home / "history.jsonl"))
    connection._kept_sandbox = box
    rec = Recorder()
    flow = ConnectionFlow(connection, lambda: "v1", rec.post, rec.run)
    flow.want_lookups()
    flow.retarget()
    await rec.drain()
    await connection.client.aclose()
    return connection, rec


async def test_v1_limits_come_with_the_look_ups(tmp_path: Path) -> None:
    connection, rec = await v1_limits(tmp_path, Sandbox())
    assert len(rec.of(LimitsLoaded)) == 1
    assert connection.limits is not None and connection.limits["maxFreeTimeout"] == 3600


async def test_v1_limits_that_fail_are_skipped_silently(tmp_path: Path) -> None:
    box = Sandbox()
    box.set_faults(errors=1000, error_status=500)
    connection, rec = await v1_limits(tmp_path, box)
    assert connection.limits is None and not rec.of(LimitsLoaded)
    assert not any("limit" in note.lower() for note in rec.notes)


async def test_look_ups_kept_for_another_target_are_never_shown_for_this_one(
    tmp_path: Path,
) -> None:
    with sandbox_server() as first, sandbox_server() as second:
        await start(tmp_path, first)
        doc = json.loads(kept_file(tmp_path).read_text())
        doc["products"][0]["name"] = "FROM ANOTHER ACCOUNT"
        kept_file(tmp_path).unlink()
        await start(tmp_path, second)
        # the first target's copy under the second's file name, as two names that clash
        kept_file(tmp_path).write_text(json.dumps(doc))
        sent = len(gets(second))
        _, rec = await start(tmp_path, second)
        assert len(gets(second)) > sent  # fetched: the kept copy names another target
    shown = [text for m in rec.of(LookupsLoaded) if m.path == "product_id" for text, _ in m.options]
    assert shown and not any("ANOTHER ACCOUNT" in text for text in shown)


async def test_the_kept_file_never_holds_the_base_url(tmp_path: Path) -> None:
    with sandbox_server() as server:
        await start(tmp_path, server)
        text = kept_file(tmp_path).read_text()
    assert "127.0.0.1" not in text and server.base_url not in text
