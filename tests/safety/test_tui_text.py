"""The app shows hostile names, descriptions, values and server messages as text: no crash,
no markup read, and each control character painted as its escape."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from tests.hostile_text import ALL, C1_CSI, LONG, OSC52, PATTERN, SHOWN, unsafe_in
from tests.safety.escape_server import hostile_server
from tests.terminal.conftest import launched
from tests.ui.conftest import PRESET_TOML, editor, home, make_app, ready, settle, write_preset  # noqa: F401
from tests.ui_widgets.hosts import screen_text
from tui_app.ui.screens.exchange_detail import ExchangeDetail
from tui_app.ui.screens.history import HistoryScreen
from tui_app.ui.screens.preset_picker import PresetPicker

OSC_SHOWN = SHOWN[OSC52]
# C1 and bidi characters may stand raw in a TOML string; C0 ones only as escapes
DESCRIPTION = f"d \\u001b]52;c;SGVsbG8=\\u0007 {C1_CSI} \\u202e [@click=app.quit]q {LONG}"
HOSTILE_PRESET = PRESET_TOML.replace(
    'description = "a test preset"', f'description = "{DESCRIPTION}"'
)


def painted(app: Any) -> str:
    text = screen_text(app)
    assert unsafe_in(text) == [], unsafe_in(text)
    return text


def toasts(app: Any) -> str:
    """The text of the toasts at the right edge, their wrapped lines joined."""
    lines = painted(app).splitlines()
    return " ".join(line.rsplit("▌", 1)[1].strip() for line in lines if "▌" in line)


async def test_a_preset_name_with_markup_on_the_command_line_is_reported_plainly(
    make_app,  # noqa: F811
) -> None:
    app = make_app(preset="x[/]")
    async with app.run_test(size=(120, 40), notifications=True) as pilot:
        await ready(pilot)
        assert "Cannot open x[/]" in painted(app)
        assert app.is_running


async def test_hostile_presets_show_as_text_in_picker_palette_and_header(
    make_app,  # noqa: F811
    home: Path,  # noqa: F811
) -> None:
    write_preset(home, "evil[x=a:b]", HOSTILE_PRESET)
    write_preset(home, f"{OSC52}osc")
    app = make_app()
    async with app.run_test(size=(140, 40), notifications=True) as pilot:
        await ready(pilot)
        await pilot.press("ctrl+o")
        await settle(pilot)
        assert isinstance(app.screen, PresetPicker)
        shown = painted(app)
        assert "evil[x=a:b]" in shown
        assert f"{OSC_SHOWN}osc" in shown
        assert "d \\x1b]52;c;SGVsbG8=\\x07 \\x9b \\u202e [@click=app.quit]q" in shown
        await pilot.press(*"osc", "enter")
        await settle(pilot)
        shown = painted(app)
        assert f"preset: {OSC_SHOWN}osc" in shown
        assert f"Opened preset {OSC_SHOWN}osc" in shown

        await pilot.press("ctrl+p")
        await settle(pilot)
        await pilot.press(*"evil[x")
        await settle(pilot)
        assert "preset: open evil[x=a:b]" in painted(app)
        await pilot.press("enter")
        await settle(pilot)
        shown = painted(app)
        assert "preset: evil[x=a:b]" in shown
        assert "Opened preset evil[x=a:b]" in shown


async def test_a_hostile_server_answer_shows_in_field_toast_log_detail_and_history(
    make_app,  # noqa: F811
    home: Path,  # noqa: F811
) -> None:
    write_preset(home)
    with hostile_server() as base_url:
        app = make_app(
            base_url=base_url, environ={"PPIO_API_KEY": "sk-test-0000"}, preset="llama-test"
        )
        async with app.run_test(size=(140, 45), notifications=True) as pilot:
            await ready(pilot)
            await pilot.press("f5")
            await pilot.pause()
            await pilot.press("y")
            await settle(pilot)
            shown = painted(app)
            message = f"must match {PATTERN} [link=https://x]y[/link] {OSC_SHOWN}\\x9b"
            assert message in " ".join(editor(app).field_rows()["name"].message.split())
            assert PATTERN in shown  # the toast and the message under Name
            assert "[link=https://x]y[/link]" in shown

            app.clear_notifications()
            await pilot.press("ctrl+l")
            await settle(pilot)
            log = app.query_one("RequestLog")
            log.focus()
            await pilot.press("end", "enter")
            await settle(pilot)
            assert isinstance(app.screen, ExchangeDetail)
            assert f"{PATTERN} [link=https://x]y[/link] {OSC_SHOWN}\\x9b" in painted(app)
            await pilot.press("end")
            await settle(pilot)
            assert "\\u001b]52;c;SGVsbG8=\\u0007\\u009b" in painted(app)  # the JSON body
            await pilot.press("escape")
            await settle(pilot)

            await pilot.press("h")
            await settle(pilot)
            assert isinstance(app.screen, HistoryScreen)
            assert "/gpus/v2/endpoints" in painted(app)


async def test_a_theme_value_with_markup_is_reported_naming_its_file(home: Path) -> None:  # noqa: F811
    folder = home / "themes"
    folder.mkdir()
    (folder / "bad[b].toml").write_text(
        f'name = "bad {ALL[:40]}"\n[colors]\nprimary = "notacolor [/]"\n', encoding="utf-8"
    )
    app = launched()
    async with app.run_test(size=(120, 40), notifications=True) as pilot:
        await ready(pilot)
        shown = " ".join(toasts(app).split())
        assert "bad[b].toml: colors.primary = 'notacolor [/]' is not a colour" in shown
