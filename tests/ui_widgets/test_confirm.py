"""ConfirmModal: Cancel is the default, y/n/esc answer, Tab moves between the buttons."""

from __future__ import annotations

import pytest
from textual.widgets import Button

from tests.ui_widgets.hosts import NOT_DISMISSED, ModalHost, screen_text
from tui_app.ui.screens.confirm import ConfirmModal


def make() -> ModalHost:
    return ModalHost(
        ConfirmModal("Delete preset?", "llama-prod will be removed.", confirm_label="Delete")
    )


async def test_cancel_has_focus_and_enter_cancels() -> None:
    app = make()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert isinstance(app.focused, Button) and app.focused.id == "cancel"
        await pilot.press("enter")
        await pilot.pause()
    assert app.result is False


@pytest.mark.parametrize(("key", "answer"), [("y", True), ("n", False), ("escape", False)])
async def test_keys_answer(key: str, answer: bool) -> None:
    app = make()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press(key)
        await pilot.pause()
    assert app.result is answer


async def test_tab_reaches_confirm_button() -> None:
    app = make()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("tab")
        assert app.focused is not None and app.focused.id == "confirm"
        await pilot.press("enter")
        await pilot.pause()
    assert app.result is True


async def test_nothing_happens_until_answered() -> None:
    app = make()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("x", "tab", "shift+tab")
        await pilot.pause()
        assert app.result is NOT_DISMISSED
        assert isinstance(app.screen, ConfirmModal)


async def test_fits_80x24_and_shows_body_as_plain_text() -> None:
    body = "Remove [b]bold[/b] $HOME entry?\n" + "\n".join(f"line {i}" for i in range(30))
    app = ModalHost(ConfirmModal("Really?", body))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        text = screen_text(app)
        assert "Remove [b]bold[/b] $HOME entry?" in text
        assert "Really?" in text
        for button_id in ("#cancel", "#confirm"):
            region = app.screen.query_one(button_id).region
            assert region.bottom <= 24 and region.right <= 80 and region.height > 0
        assert "Cancel" in text and "Confirm" in text
