"""The endpoints list: every endpoint with its status, filter, sort, refresh."""

from __future__ import annotations

from textual.widgets import DataTable

from tests.ui_endpoints.conftest import (
    cells,
    endpoint,
    names,
    ready,
    sandbox_with,
    settle,
    show_endpoints,
)


async def test_lists_each_endpoint_with_status_workers_and_a_failure_reason(make_app) -> None:
    app = make_app()
    async with app.run_test(size=(200, 40)) as pilot:
        await ready(pilot)
        await sandbox_with(
            pilot,
            endpoint("alpha"),
            endpoint("beta", worker_config={**endpoint("x")["worker_config"], "min_replicas": 1}),
            endpoint("broken", image="acme/never-healthy:1"),
        )
        screen = await show_endpoints(pilot)
        rows = {r[0]: r for r in cells(screen)}
        assert set(rows) == {"alpha", "beta", "broken"}
        assert rows["beta"][2].endswith("/1 (1–2)")
        assert rows["alpha"][2] == "0/0 (0–2)"
        assert rows["broken"][1].startswith("failed: ")
        assert "HEALTH_CHECK_FAILED" in rows["broken"][1]
        assert rows["alpha"][5] == "vllm/vllm-openai:v0.6.3"
        assert all(r[8] == "—" or r[8].startswith("now $") for r in rows.values())


async def test_filter_by_name_and_escape_clears(make_app) -> None:
    app = make_app()
    async with app.run_test(size=(200, 40)) as pilot:
        await ready(pilot)
        await sandbox_with(pilot, endpoint("alpha"), endpoint("beta"), endpoint("alpine"))
        screen = await show_endpoints(pilot)
        await pilot.press("slash", "a", "l")
        await pilot.pause()
        assert sorted(names(screen)) == ["alpha", "alpine"]
        await pilot.press("escape")
        await pilot.pause()
        assert sorted(names(screen)) == ["alpha", "alpine", "beta"]


async def test_sort_cycles_columns_and_reverses(make_app) -> None:
    app = make_app()
    async with app.run_test(size=(200, 40)) as pilot:
        await ready(pilot)
        await sandbox_with(
            pilot,
            endpoint("bravo", image="img/one:1"),
            endpoint("alpha", image="img/two:1"),
            endpoint("charlie", image="img/three:1"),
        )
        screen = await show_endpoints(pilot)
        assert names(screen) == ["alpha", "bravo", "charlie"]
        await pilot.press("S")
        await pilot.pause()
        assert names(screen) == ["charlie", "bravo", "alpha"]
        for _ in range(5):  # to the image column, still reversed
            await pilot.press("s")
        await pilot.pause()
        assert screen.sort_column == 5
        assert names(screen) == ["alpha", "charlie", "bravo"]  # two, three, one
        await pilot.press("S")
        await pilot.pause()
        assert names(screen) == ["bravo", "charlie", "alpha"]


async def test_refresh_picks_up_a_new_endpoint(make_app) -> None:
    app = make_app()
    async with app.run_test(size=(200, 40)) as pilot:
        await ready(pilot)
        await sandbox_with(pilot, endpoint("alpha"))
        screen = await show_endpoints(pilot)
        assert names(screen) == ["alpha"]
        await sandbox_with(pilot, endpoint("beta"))
        await pilot.press("r")
        await settle(pilot)
        assert names(screen) == ["alpha", "beta"]


async def test_a_failed_refresh_keeps_the_rows_and_says_why(make_app) -> None:
    app = make_app()
    async with app.run_test(size=(200, 40)) as pilot:
        await ready(pilot)
        sandbox = await sandbox_with(pilot, endpoint("alpha"))
        screen = await show_endpoints(pilot)
        sandbox.set_faults(error_rate=1.0, error_status=500)
        await pilot.press("r")
        await settle(pilot)
        assert names(screen) == ["alpha"]
        assert screen.status_text.startswith("refresh failed: ")
        assert "500" in screen.status_text


async def test_the_palette_opens_endpoints(make_app) -> None:
    app = make_app()
    async with app.run_test(size=(200, 40)) as pilot:
        await ready(pilot)
        await pilot.press("ctrl+p")
        await settle(pilot)
        await pilot.press(*"Endpoints")
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)
        assert type(app.screen).__name__ == "EndpointsScreen"
        await pilot.press("f12")
        await settle(pilot)
        assert type(app.screen).__name__ == "EditorScreen"


async def test_server_text_is_shown_as_text(make_app) -> None:
    app = make_app()
    async with app.run_test(size=(200, 40)) as pilot:
        await ready(pilot)
        sandbox = await sandbox_with(pilot, endpoint("alpha"))
        eid = next(iter(sandbox.endpoints))
        sandbox.endpoints[eid]["image"] = "[bold]img\x1b[2J:1\nnext"
        screen = await show_endpoints(pilot)
        image = cells(screen)[0][5]
        assert image.startswith("[bold]img") and "\x1b" not in image and "\n" not in image
        table = screen.query_one(DataTable)
        painted = "".join(s.text for s in table.render_line(1))  # line 0 is the header
        assert "[bold]img" in painted


async def test_a_long_list_comes_in_chunks_and_keeps_the_selected_endpoint(make_app) -> None:
    app = make_app()
    async with app.run_test(size=(200, 40)) as pilot:
        await ready(pilot)
        box = await sandbox_with(pilot)
        for index in range(250):
            box.created(f"id{index:04d}", endpoint(f"ep-{index:04d}"))
        screen = await show_endpoints(pilot)
        assert len(names(screen)) == 250  # every row, once the chunks are in
        assert names(screen)[:3] == ["ep-0000", "ep-0001", "ep-0002"]
        table = screen.query_one(DataTable)
        table.move_cursor(row=20)
        await pilot.pause()
        await pilot.press("S")  # reversed: a rebuild; the selected row comes in a late chunk
        await settle(pilot)
        assert names(screen)[0] == "ep-0249" and len(names(screen)) == 250
        assert screen.selected_id() == "id0020"
        assert table.cursor_row == 229
