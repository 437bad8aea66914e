"""[keymap] in config.toml: an override works, shows in help and the footer; a bad entry is one
message, never a crash. Keys only: no test here clicks."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from textual.widgets import Static

from tests.terminal.conftest import launched
from tests.ui.conftest import editor, ready, settle
from tui_app.ui.screens.help import HelpScreen


def help_line(app: Any, description: str) -> str:
    lines = [str(s.render()) for s in app.screen.query(".key").results(Static)]
    return next(line for line in lines if description in line)


def footer_keys(app: Any) -> dict[str, str]:
    # FooterKey is not exported by textual.widgets: select it by its CSS type name
    keys = app.screen.query("Footer FooterKey")
    return {k.description: k.key_display for k in keys}


async def test_override_submits_and_shows_in_help_and_footer(home: Path) -> None:
    (home / "config.toml").write_text('[keymap]\nsubmit = "f6"\n')
    app = launched()
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        await ready(pilot)
        assert app.notes == []
        assert footer_keys(app)["Submit"] == "f6"
        await pilot.press("f1")
        await settle(pilot)
        assert isinstance(app.screen, HelpScreen)
        assert help_line(app, "Submit (create the endpoint)").startswith("f6 ")
        # f6 was switch-profile's default key; the override takes it
        assert help_line(app, "Switch profile").startswith("(no key)")
        await pilot.press("escape")
        await settle(pilot)
        await pilot.press("f6")  # submit on an empty form: refused, the first error focused
        await settle(pilot)
        assert any("Not sent" in n for n in app.notes)
        assert editor(app).status.counts.startswith("✗")
        await pilot.press("f5")  # the default key no longer submits
        await settle(pilot)
        assert sum("Not sent" in n for n in app.notes) == 1


async def test_unknown_id_and_bad_key_are_one_message_not_a_crash(home: Path) -> None:
    (home / "config.toml").write_text(
        '[keymap]\nsubmitt = "f6"\nvalidate = "f3,hyperdrive+x"\nhelp = "f10"\n'
    )
    app = launched()
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        await ready(pilot)
        settings = [n for n in app.notes if "[keymap]" in n]
        assert len(settings) == 1
        assert "[keymap] unknown action 'submitt'" in settings[0]
        assert "[keymap] validate: unknown key 'hyperdrive+x'" in settings[0]
        # what was usable is applied
        assert footer_keys(app)["Help"] == "f10"
        await pilot.press("f10")
        await settle(pilot)
        assert isinstance(app.screen, HelpScreen)
