"""ChoiceField: every choice on one line, picked from the keyboard or the mouse."""

from __future__ import annotations

from typing import Any

from textual import on
from textual.app import App, ComposeResult

from tui_app.ui.controls.choice_field import ChoiceField


class Host(App[None]):
    def __init__(self, value: str | None = None) -> None:
        super().__init__()
        self.value = value
        self.changes: list[str | None] = []

    def compose(self) -> ComposeResult:
        yield ChoiceField(("queue", "concurrency"), value=self.value, id="field")

    def on_mount(self) -> None:
        self.query_one(ChoiceField).focus()

    @on(ChoiceField.Changed)
    def changed(self, event: ChoiceField.Changed) -> None:
        self.changes.append(event.value)


def shown(app: Host) -> str:
    return str(app.query_one(ChoiceField).render())


async def test_unset_shows_every_choice_and_says_not_set() -> None:
    app = Host()
    async with app.run_test(size=(60, 3)):
        assert shown(app) == "○ queue  ○ concurrency  (not set)"


async def test_arrows_step_through_the_choices_and_wrap() -> None:
    app = Host()
    async with app.run_test(size=(60, 3)) as pilot:
        await pilot.press("right")
        assert shown(app) == "● queue  ○ concurrency"
        await pilot.press("right", "right")
        await pilot.press("left")
        await pilot.pause()
    assert app.changes == ["queue", "concurrency", "queue", "concurrency"]


async def test_a_letter_jumps_to_its_choice_and_delete_clears() -> None:
    app = Host(value="queue")
    async with app.run_test(size=(60, 3)) as pilot:
        await pilot.press("c")
        assert app.query_one(ChoiceField).value == "concurrency"
        await pilot.press("x")  # no choice starts with x: nothing changes
        await pilot.press("delete")
        await pilot.pause()
        assert shown(app).endswith("(not set)")
    assert app.changes == ["concurrency", None]


async def test_a_click_picks_the_choice_under_the_pointer() -> None:
    app = Host()
    async with app.run_test(size=(60, 3)) as pilot:
        await pilot.click(ChoiceField, offset=(12, 0))  # inside "○ concurrency"
        await pilot.pause()
        assert app.changes == ["concurrency"]


async def test_setting_the_value_from_outside_is_not_a_change() -> None:
    app = Host()
    async with app.run_test(size=(60, 3)) as pilot:
        field: Any = app.query_one(ChoiceField)
        field.value = "queue"
        await pilot.pause()
        assert shown(app) == "● queue  ○ concurrency"
        assert app.changes == []
