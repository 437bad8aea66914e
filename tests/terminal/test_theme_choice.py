"""A theme chosen in the app is previewed live, kept in config.toml, and used at the next launch."""

from __future__ import annotations

import tomllib
from pathlib import Path
from typing import Any

import pytest
from textual.command import CommandPalette

from tests.terminal.conftest import launched
from tests.ui.conftest import ready, settle
from tui_app.ui.flows import theme as theme_choice


@pytest.fixture(autouse=True)
def quick_save(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(theme_choice, "SAVE_DELAY", 0.05)


def saved_theme(home: Path) -> Any:
    path = home / "config.toml"
    if not path.exists():
        return None
    return tomllib.loads(path.read_text()).get("ui", {}).get("theme")


async def let_the_save_run(pilot: Any) -> None:
    await pilot.pause(theme_choice.SAVE_DELAY * 3)
    await settle(pilot)


async def test_palette_theme_is_kept_in_config_and_used_at_next_launch(home: Path) -> None:
    (home / "config.toml").write_text('[keymap]\nsubmit = "f12"\n')
    app = launched()
    async with app.run_test(size=(100, 30)) as pilot:
        await ready(pilot)
        assert app.theme == "ppio-dark"
        await pilot.press("ctrl+p")
        await settle(pilot)
        await pilot.press(*"theme: ember")
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)
        assert not isinstance(app.screen, CommandPalette)
        assert app.theme == "ember"
        await let_the_save_run(pilot)
    assert saved_theme(home) == "ember"
    # the rest of config.toml is kept
    assert tomllib.loads((home / "config.toml").read_text())["keymap"] == {"submit": "f12"}
    assert launched().theme == "ember"


async def test_the_theme_set_at_start_up_is_not_written(home: Path) -> None:
    app = launched(theme="high-contrast")
    async with app.run_test(size=(100, 30)) as pilot:
        await ready(pilot)
        await let_the_save_run(pilot)
        assert app.theme == "high-contrast"
    assert not (home / "config.toml").exists()


async def test_picker_previews_each_highlight_and_escape_puts_the_theme_back(home: Path) -> None:
    app = launched()
    async with app.run_test(size=(100, 30)) as pilot:
        await ready(pilot)
        await pilot.press("ctrl+backslash")
        await settle(pilot)
        assert isinstance(app.screen, CommandPalette)
        await pilot.press(*"ember")
        await settle(pilot)
        await pilot.press("down")
        await settle(pilot)
        assert app.theme == "ember"  # shown while highlighted, before any choice
        await let_the_save_run(pilot)
        assert saved_theme(home) is None  # a preview is not a choice
        await pilot.press("escape")
        await settle(pilot)
        assert app.theme == "ppio-dark"
        await let_the_save_run(pilot)
    assert saved_theme(home) is None


async def test_picker_choice_is_kept(home: Path) -> None:
    app = launched()
    async with app.run_test(size=(100, 30)) as pilot:
        await ready(pilot)
        await pilot.press("ctrl+backslash")
        await settle(pilot)
        await pilot.press(*"ppio-light", "down", "enter")
        await settle(pilot)
        assert not isinstance(app.screen, CommandPalette)
        assert app.theme == "ppio-light"
        await let_the_save_run(pilot)
    assert saved_theme(home) == "ppio-light"


async def test_palette_theme_command_previews_and_other_commands_do_not(home: Path) -> None:
    app = launched()
    async with app.run_test(size=(100, 30)) as pilot:
        await ready(pilot)
        await pilot.press("ctrl+p")
        await settle(pilot)
        await pilot.press(*"theme: high-contrast", "down")
        await settle(pilot)
        assert app.theme == "high-contrast"
        for _ in "theme: high-contrast":
            await pilot.press("backspace")
        await pilot.press(*"endpoint: validate", "down")
        await settle(pilot)
        assert app.theme == "ppio-dark"
        await pilot.press("escape")
        await settle(pilot)
        assert app.theme == "ppio-dark"
        await let_the_save_run(pilot)
    assert saved_theme(home) is None


async def test_quitting_right_after_choosing_still_keeps_the_choice(
    home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(theme_choice, "SAVE_DELAY", 60)  # the timer never fires in this test
    app = launched()
    async with app.run_test(size=(100, 30)) as pilot:
        await ready(pilot)
        await pilot.press("ctrl+p")
        await settle(pilot)
        await pilot.press(*"theme: ember", "enter")
        await settle(pilot)
        assert app.theme == "ember"
        assert saved_theme(home) is None
        await pilot.press("ctrl+q")
        await settle(pilot)
    assert saved_theme(home) == "ember"
