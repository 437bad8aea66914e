"""Launch: the settings the first frame needs come from config.toml; nothing is printed."""

from __future__ import annotations

import argparse

from tests.ui.conftest import ready, write_preset
from tui_app.ui.launch import app_from_args


def args(**values) -> argparse.Namespace:
    base = {"preset": None, "profile": None, "base_url": None, "api_version": None, "theme": None}
    return argparse.Namespace(**{**base, **values})


def test_config_theme_keymap_and_cursor_blink(home) -> None:
    (home / "config.toml").write_text(
        'theme = "ember"\n[keymap]\nsubmit = "f12"\n[ui]\ncursor_blink = true\n'
    )
    app = app_from_args(args())
    assert app.theme == "ember"
    assert app.keymap == {"submit": "f12"}
    assert app.cursor_blink is True


def test_the_cursor_is_steady_by_default(home) -> None:
    # a blinking cursor writes to the terminal twice a second even when nothing happens
    assert app_from_args(args()).cursor_blink is False


def test_theme_flag_wins_and_unknown_theme_is_reported(home) -> None:
    (home / "config.toml").write_text('theme = "ember"\n')
    assert app_from_args(args(theme="high-contrast")).theme == "high-contrast"
    app = app_from_args(args(theme="no-such-theme"))
    assert "unknown theme 'no-such-theme'" in app.theme_problem


async def test_preset_and_version_from_the_command_line(home, capsys) -> None:
    write_preset(home, "llama-test")
    app = app_from_args(args(preset="llama-test", api_version="v1"))
    async with app.run_test(size=(100, 30)) as pilot:
        await ready(pilot)
        assert app.preset_name == "llama-test"
        assert app.state.version == "v1"
        assert app.header.target_text.startswith("SANDBOX · v1")
    assert capsys.readouterr().out == ""


async def test_unknown_profile_is_shown_in_the_header_and_blocks_submit(home) -> None:
    app = app_from_args(args(profile="nope"))
    async with app.run_test(size=(100, 30)) as pilot:
        await ready(pilot)
        assert app.header.target_text.startswith("NO TARGET: unknown profile 'nope'")
        assert app.client is None


async def test_broken_config_is_reported_once_in_the_app(home) -> None:
    (home / "config.toml").write_text("theme = [\n")
    app = app_from_args(args())
    notes: list[str] = []
    original = app.notify
    app.notify = lambda message, **kw: (notes.append(str(message)), original(message, **kw))
    async with app.run_test(size=(100, 30)) as pilot:
        await ready(pilot)
    assert any("config.toml" in n for n in notes)
