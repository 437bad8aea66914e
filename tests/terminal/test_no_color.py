"""NO_COLOR: the app runs and what reaches the screen has no colour, only shades of grey, while
errors stay readable by their text and marks. TEXTUAL_COLOR_SYSTEM reaches the console."""

from __future__ import annotations

import re
import subprocess
import sys
from typing import Any

import pytest
from rich.terminal_theme import SVG_EXPORT_THEME

from tests.ui.conftest import editor, ready, settle

HEX = re.compile(r"#([0-9a-fA-F]{6})\b")
# the screenshot's window buttons, drawn by the exporter around the screen
CHROME = re.compile(r"<circle[^>]*>")
# text and cells with no colour of their own show in the terminal's default colours
TERMINAL_DEFAULTS = {
    SVG_EXPORT_THEME.foreground_color,
    SVG_EXPORT_THEME.background_color,
}


def colours(svg: str) -> set[tuple[int, int, int]]:
    screen = CHROME.sub("", svg)
    return {(int(h[0:2], 16), int(h[2:4], 16), int(h[4:6], 16)) for h in HEX.findall(screen)}


def coloured(svg: str) -> set[tuple[int, int, int]]:
    return {c for c in colours(svg) if len(set(c)) > 1 and tuple(c) not in TERMINAL_DEFAULTS}


async def screen_with_an_error(app: Any) -> str:
    async with app.run_test(size=(80, 24)) as pilot:
        await ready(pilot)
        await pilot.press("f3")  # validate an empty form: every error is shown
        await settle(pilot)
        app.clear_notifications()
        await pilot.pause()
        assert editor(app).status.counts.startswith("✗")
        return app.export_screenshot()


@pytest.mark.parametrize("theme", ["ppio-dark", "terminal"])
async def test_no_color_shows_no_colour(make_app, monkeypatch, theme: str) -> None:
    monkeypatch.setenv("NO_COLOR", "1")
    app = make_app(theme=theme)
    assert app.no_color
    svg = await screen_with_an_error(app)
    assert coloured(svg) == set()
    # the error is still there in words and marks
    assert "✗" in svg
    assert "required" in svg


async def test_without_no_color_the_same_screen_has_colour(make_app) -> None:
    svg = await screen_with_an_error(make_app(theme="ppio-dark"))
    assert coloured(svg)


@pytest.mark.parametrize("system", ["standard", "256", "truecolor"])
def test_textual_color_system_reaches_the_console(tmp_path, system: str) -> None:
    # read once at import, so each value needs a fresh interpreter
    code = (
        "from pathlib import Path; from tui_app.ui.app import EndpointApp; "
        f"print(EndpointApp(home=Path({str(tmp_path)!r})).console.color_system)"
    )
    env = {"TEXTUAL_COLOR_SYSTEM": system, "PPIO_ENDPOINT_HOME": str(tmp_path), "PATH": ""}
    out = subprocess.run(
        [sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True
    )
    assert out.stdout.strip() == system
