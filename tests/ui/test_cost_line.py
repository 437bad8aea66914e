"""The Workers tab shows the list-price estimate once the products (and prices) are loaded."""

from __future__ import annotations

from tests.ui.conftest import editor, load_valid, ready, settle, type_into
from tui_app.ui.screens.confirm import ConfirmModal
from tui_app.ui.widgets.cost_line import CostLine


async def test_the_cost_follows_max_replicas(make_app) -> None:
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(pilot)
        line = editor(app).query_one(CostLine)
        assert line.text == "" and not line.display
        await load_valid(pilot)  # a product id to describe: the products load
        await settle(pilot)
        before = line.text
        assert "/h at min – $" in before and "estimate from list prices" in before
        assert line.display
        await type_into(pilot, "worker_config.max_replicas", "4")
        await settle(pilot)
        assert line.text != before and "/h at max" in line.text
        high = float(line.text.split("– $")[1].split("/h")[0])
        assert high == 2 * float(before.split("– $")[1].split("/h")[0])
        await pilot.press("f5")
        await pilot.pause()
        modal = app.screen
        assert isinstance(modal, ConfirmModal)
        assert f"Cost:            {line.text.removeprefix('Cost: ')}" in str(modal.body)
