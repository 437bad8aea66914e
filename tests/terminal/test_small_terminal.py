"""At 80x24 the request log can be shown, enlarged and hidden from the keyboard, and while it is
open the tabs, the field being edited, the status line and the footer stay on screen."""

from __future__ import annotations

from typing import Any

from textual.geometry import Region
from textual.widgets import Footer

from tests.ui.conftest import editor, ready, settle

SIZE = (80, 24)


def on_screen(app: Any, widget: Any) -> bool:
    """Displayed, not squeezed to nothing, and wholly inside the terminal."""
    region = widget.region
    screen = Region(0, 0, *SIZE)
    return (
        widget.display
        and region.height >= 1
        and region.width > 0
        and screen.contains_region(region)
    )


def essentials(app: Any) -> dict[str, Any]:
    return {
        "tabs": editor(app).tabs.query_one("ContentTabs"),
        "status": editor(app).status,
        "footer": app.query_one(Footer),
        "header": editor(app).header,
    }


def assert_essentials_shown(app: Any) -> None:
    for name, widget in essentials(app).items():
        assert on_screen(app, widget), name
    regions = [w.region for w in essentials(app).values()]
    for i, a in enumerate(regions):
        for b in regions[i + 1 :]:
            assert not a.overlaps(b)


async def test_log_shows_enlarges_and_hides_without_cutting_anything_off(make_app) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        dock = app.query_one("#log-dock")
        editor_of_name = editor(app).field_rows()["name"].editor
        assert not dock.display
        assert_essentials_shown(app)

        await pilot.press("ctrl+l")
        await settle(pilot)
        assert on_screen(app, dock)
        assert_essentials_shown(app)
        # typing goes on in the field above the log, which stays visible
        assert app.focused is editor_of_name
        assert on_screen(app, editor_of_name)
        assert not editor_of_name.region.overlaps(dock.region)
        shown_height = dock.region.height

        await pilot.press("f9")
        await settle(pilot)
        assert dock.region.height > shown_height
        assert_essentials_shown(app)
        assert on_screen(app, editor_of_name)

        await pilot.press("f9")  # back to its small size
        await settle(pilot)
        assert dock.region.height == shown_height

        await pilot.press("ctrl+l")
        await settle(pilot)
        assert not dock.display
        assert_essentials_shown(app)
        assert on_screen(app, editor_of_name)


async def test_log_reopens_after_being_hidden(make_app) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        dock = app.query_one("#log-dock")
        for _ in range(2):
            await pilot.press("ctrl+l")
            await settle(pilot)
            assert on_screen(app, dock)
            await pilot.press("ctrl+l")
            await settle(pilot)
            assert not dock.display
