"""The endpoints screen against the in-process sandbox (the default target without a key)."""

from __future__ import annotations

import copy
from pathlib import Path
from typing import Any

from textual.widgets import DataTable

from tests.ui.conftest import VALID, home, make_app, ready, settle  # noqa: F401
from tui_app.api.sandbox.views import Timing


def endpoint(name: str, **changes: Any) -> dict[str, Any]:
    data = copy.deepcopy(VALID)
    data["name"] = name
    data.update(changes)
    return data


def fast_refresh(folder: Path, seconds: float) -> None:
    (folder / "config.toml").write_text(f"[profiles.ppio]\nrefresh_interval = {seconds}\n")


async def sandbox_with(pilot: Any, *tables: dict[str, Any]) -> Any:
    """The in-process sandbox, booting at once, holding an endpoint per table."""
    client = await pilot.app.services.connection.client_now()
    client.sandbox.timing = Timing(boot=0.0, worker_boot=0.0)
    for data in tables:
        result = await client.create(data)
        assert result.ok, result
    return client.sandbox


async def show_endpoints(pilot: Any) -> Any:
    await pilot.press("f12")
    await settle(pilot)
    screen = pilot.app.screen
    assert type(screen).__name__ == "EndpointsScreen"
    return screen


def cells(screen: Any) -> list[list[str]]:
    table = screen.query_one(DataTable)
    return [[str(c) for c in table.get_row_at(i)] for i in range(table.row_count)]


def names(screen: Any) -> list[str]:
    return [r[0] for r in cells(screen)]
