"""ConnectionFlow without an app: the target and the look-ups from the in-process sandbox."""

from __future__ import annotations

from pathlib import Path

from tests.ui_flows.recorder import Recorder
from tui_app.ui.flows.connection import ConnectionFlow, LookupsLoaded, TargetChanged
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
