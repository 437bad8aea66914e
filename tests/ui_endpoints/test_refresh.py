"""Refreshing: only while shown, and an idle refresh repaints nothing."""

from __future__ import annotations

import asyncio

from textual.widgets import DataTable

from tests.ui_endpoints.conftest import (
    endpoint,
    fast_refresh,
    names,
    ready,
    sandbox_with,
    settle,
    show_endpoints,
)


def requests(sandbox) -> int:
    return len(sandbox.received)


async def test_shown_it_refreshes_hidden_it_sends_nothing(make_app, home) -> None:
    fast_refresh(home, 0.2)
    app = make_app()
    async with app.run_test(size=(200, 40)) as pilot:
        await ready(pilot)
        sandbox = await sandbox_with(pilot, endpoint("alpha"))
        await show_endpoints(pilot)
        before = requests(sandbox)
        await asyncio.sleep(1.0)
        await pilot.pause()
        assert requests(sandbox) - before >= 2  # shown: it looks again and again
        await pilot.press("f12")  # back to the editor
        await settle(pilot)
        assert type(app.screen).__name__ == "EditorScreen"
        before = requests(sandbox)
        await asyncio.sleep(1.0)  # five intervals
        await pilot.pause()
        assert requests(sandbox) == before
        await pilot.press("f12")
        await settle(pilot)
        screen = app.screen
        await pilot.press("enter")  # a modal in front: hidden too
        await settle(pilot)
        assert type(app.screen).__name__ == "TextView"
        before = requests(sandbox)
        await asyncio.sleep(1.0)
        await pilot.pause()
        assert requests(sandbox) == before
        assert names(screen) == ["alpha"]


async def test_idle_refresh_updates_changed_cells_only(make_app, home) -> None:
    fast_refresh(home, 0.2)
    app = make_app()
    async with app.run_test(size=(200, 40)) as pilot:
        await ready(pilot)
        sandbox = await sandbox_with(pilot, endpoint("alpha"), endpoint("beta"))
        screen = await show_endpoints(pilot)
        table = screen.query_one(DataTable)
        cleared: list[int] = []
        original = table.clear

        def counting_clear(*args, **kwargs):
            cleared.append(1)
            return original(*args, **kwargs)

        table.clear = counting_clear
        keys = list(table.rows)
        before = requests(sandbox)
        await asyncio.sleep(1.0)
        await pilot.pause()
        assert requests(sandbox) > before  # it did refresh
        assert cleared == [] and list(table.rows) == keys
        # a change on the server: that cell changes, the rows stay
        eid = next(i for i, d in sandbox.endpoints.items() if d["name"] == "beta")
        sandbox.endpoints[eid]["image"] = "img/new:2"
        await asyncio.sleep(0.6)
        await pilot.pause()
        row = table.get_row(eid)
        assert str(row[5]) == "img/new:2"
        assert cleared == [] and list(table.rows) == keys
