"""A look-up's list is drawn closed until the field is entered, then works as a drop-down."""

from __future__ import annotations

from typing import Any

from textual.widgets import Select

from tests.ui.conftest import VALID, load, ready, row, settle, write_preset
from tests.ui_widgets.hosts import screen_text
from tui_app.ui.controls.closed_choices import ClosedChoices


def line_of(app: Any, label: str) -> str:
    return next(line for line in screen_text(app).splitlines() if line.lstrip().startswith(label))


async def shown_with_products(pilot: Any) -> None:
    """The look-ups loaded (by entering a look-up field once), focus back on the name."""
    app = pilot.app
    row(app, "region_id").editor.focus()
    await settle(pilot)
    row(app, "name").editor.focus()
    await settle(pilot)


async def test_a_loaded_product_shows_its_text_and_another_preset_changes_it(make_app) -> None:
    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await ready(pilot)
        await shown_with_products(pilot)
        await load(pilot, VALID)  # product 1
        await settle(pilot)
        product = row(app, "product_id")
        assert not product.query("#choices")  # never entered: no drop-down built
        assert "RTX 4090 24GB · $0.69/h" in line_of(app, "Product")
        assert line_of(app, "Product").rstrip().endswith("▼")
        await load(pilot, {**VALID, "product_id": "2"})
        await settle(pilot)
        assert "RTX 3090 24GB" in line_of(app, "Product")
        await load(pilot, {**VALID, "product_id": "no-such-id"})
        await settle(pilot)
        assert "(pick from the list)" in line_of(app, "Product")
        assert not product.query_one(ClosedChoices).has_class("-chosen")


async def test_a_click_on_the_closed_list_opens_it_with_the_products(make_app) -> None:
    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await ready(pilot)
        await shown_with_products(pilot)
        await load(pilot, VALID)
        await settle(pilot)
        await pilot.click(ClosedChoices)
        await settle(pilot)
        choices = row(app, "product_id").query_one("#choices", Select)
        assert choices.expanded and choices.has_focus_within
        text = screen_text(app)
        assert "RTX 3090 24GB" in text and "H100 80GB" in text  # the open list
        await pilot.press("down", "enter")
        await settle(pilot)
        assert row(app, "product_id").editor.value == "2"


async def test_down_at_once_after_entering_the_field_opens_the_list(make_app) -> None:
    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await ready(pilot)
        await shown_with_products(pilot)
        product = row(app, "product_id")
        product.editor.focus()
        await pilot.press("down")  # before the drop-down has had a chance to mount
        await settle(pilot)
        assert product.query_one("#choices", Select).expanded


async def test_a_kept_preset_opens_with_closed_lists_that_open_in_place(home) -> None:
    from tests.ui.conftest import RecordingApp

    write_preset(home, "llama-test")
    for _ in range(2):  # fetched at the first start, kept for the second
        app = RecordingApp(home=home, preset="llama-test", environ={}, cursor_blink=False)
        async with app.run_test(size=(100, 30)) as pilot:
            await ready(pilot)
            await settle(pilot)
            before = line_of(app, "Product")
            assert "RTX 4090 24GB" in before
            row(app, "product_id").editor.focus()
            await settle(pilot)
            assert row(app, "product_id").query("#choices")
            assert line_of(app, "Product") == before  # swapped in place: nothing moved
