"""The endpoints screen at 80x24 and 120x40 (pytest-textual-snapshot).

Deterministic by construction: fixed ids and creation times, workers that boot at once,
times shown in UTC. Update after an intended change with ``--snapshot-update``.
"""

from __future__ import annotations

import time
from typing import Any

import pytest

from tests.ui.conftest import scene, settle
from tests.ui_endpoints.conftest import endpoint
from tui_app.api.sandbox.views import Timing

SIZES = [pytest.param((80, 24), id="80x24"), pytest.param((120, 40), id="120x40")]
T0 = 1_767_225_600.0  # 2026-01-01 00:00 UTC


@pytest.fixture(autouse=True)
def utc(monkeypatch: pytest.MonkeyPatch) -> Any:
    monkeypatch.setenv("TZ", "UTC")
    time.tzset()
    yield
    monkeypatch.undo()
    time.tzset()


async def three_endpoints(pilot: Any) -> None:
    client = await pilot.app.services.connection.client_now()
    box = client.sandbox
    box.timing = Timing(boot=0.0, worker_boot=0.0)
    box.wall = lambda: T0
    replicas = {**endpoint("x")["worker_config"], "min_replicas": 1}
    box.created("a1b2c3d4e5f60718", endpoint("llama-chat", worker_config=replicas))
    box.created("0f1e2d3c4b5a6978", endpoint("whisper-batch"))
    box.created("9a8b7c6d5e4f3021", endpoint("broken-image", image="acme/never-healthy:1"))
    await pilot.press("f12")
    await settle(pilot)


@pytest.mark.parametrize("size", SIZES)
def test_endpoints_screen(snap_compare: Any, make_app: Any, size: tuple[int, int]) -> None:
    app = make_app()
    assert snap_compare(app, terminal_size=size, run_before=scene(three_endpoints))
