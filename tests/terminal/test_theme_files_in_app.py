"""User themes from $PPIO_ENDPOINT_HOME/themes/ in the running app: one loads and is chosen
with --theme; a broken one is one clear message and the app still starts."""

from __future__ import annotations

from pathlib import Path

from tests.terminal.conftest import launched
from tests.ui.conftest import editor, ready
from tui_app.ui.themes import DEFAULT_THEME

MINE = """name = "night-owl"
dark = true

[colors]
primary = "#C792EA"
accent = "#FFCB6B"
background = "#011627"
surface = "#0B2942"
panel = "#1D3B53"
foreground = "#D6DEEB"
"""


def user_theme(home: Path, filename: str, text: str) -> Path:
    folder = home / "themes"
    folder.mkdir(exist_ok=True)
    path = folder / filename
    path.write_text(text)
    return path


async def test_user_theme_loads_and_is_chosen_with_the_theme_flag(home: Path) -> None:
    user_theme(home, "owl.toml", MINE)
    app = launched(theme="night-owl")
    async with app.run_test(size=(80, 24)) as pilot:
        await ready(pilot)
        assert app.theme == "night-owl"
        assert app.notes == []
        # its colours are on screen: the screen's background is the theme's
        assert app.screen.styles.background.hex.upper() == "#011627"
        assert "#011627" in app.export_screenshot().lower()


async def test_broken_theme_file_is_one_clear_message_and_start_up_goes_on(home: Path) -> None:
    user_theme(home, "owl.toml", MINE)
    user_theme(home, "broken.toml", 'name = "broken"\n[colors]\nprimary = "blurple"\n')
    app = launched()
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        await ready(pilot)
        mentions = [n for n in app.notes if "broken.toml" in n]
        assert len(mentions) == 1
        assert "colors.primary = 'blurple' is not a colour" in mentions[0]
        # shown on screen, once
        assert len(app.screen.query("Toast")) == 1
        assert app.theme == DEFAULT_THEME
        # the good user theme next to it still loaded
        assert "night-owl" in app.available_themes
        # and the form works
        assert app.focused is editor(app).field_rows()["name"].editor


async def test_unknown_theme_name_is_reported_and_the_default_is_used(home: Path) -> None:
    app = launched(theme="no-such-theme")
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        await ready(pilot)
        assert app.theme == DEFAULT_THEME
        mentions = [n for n in app.notes if "no-such-theme" in n]
        assert len(mentions) == 1
        assert "unknown theme 'no-such-theme'" in mentions[0]
