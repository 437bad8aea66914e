"""A look-up field's row told of its known ids before it is on the screen, or as it goes."""

from __future__ import annotations

from textual.app import App, ComposeResult
from textual.widgets import Footer

from tests.ui_widgets.hosts import screen_text
from tui_app.ui.widgets.field_row import FieldRow

PRODUCTS = [("RTX 4090 24GB · $0.69/h", "1"), ("RTX 3090 24GB · $0.39/h", "2")]


class RowHost(App[None]):
    def compose(self) -> ComposeResult:
        yield Footer()


async def test_ids_handed_down_before_the_row_is_mounted_show_once_it_is() -> None:
    app = RowHost()
    async with app.run_test(size=(100, 10)) as pilot:
        field = FieldRow("product_id", value="2", cursor_blink=False)
        field.set_options(PRODUCTS)  # not on the screen yet: nothing to draw into
        await app.mount(field, before=app.query_one(Footer))
        await pilot.pause()
        assert "RTX 3090 24GB · $0.39/h" in screen_text(app)


async def test_ids_handed_down_while_the_app_quits_are_dropped_quietly() -> None:
    app = RowHost()
    async with app.run_test(size=(100, 10)) as pilot:
        field = FieldRow("product_id", value="1", cursor_blink=False)
        await app.mount(field, before=app.query_one(Footer))
        await pilot.pause()
        app.exit()
        field.set_options(PRODUCTS)  # a fetch that comes back as the user quits
    assert app.return_code == 0
