"""ThemeFlow without an app: what a palette previews, what closing puts back, what is kept."""

from __future__ import annotations

import tomllib
from pathlib import Path

from tests.ui_flows.recorder import Recorder
from tui_app.ui.flows.theme import ThemeFlow

KNOWN = {"ppio-dark", "ember", "nord"}


def test_a_palette_previews_themes_and_escape_puts_the_first_back(tmp_path: Path) -> None:
    flow = ThemeFlow(tmp_path, Recorder().post, Recorder().run)
    flow.settled("ppio-dark")
    assert flow.highlighted("theme: ember", in_picker=False, known=KNOWN) is None  # not open
    flow.opened("ppio-dark")
    assert flow.highlighted("theme: ember", in_picker=False, known=KNOWN) == "ember"
    assert flow.highlighted("app: Quit", in_picker=False, known=KNOWN) == "ppio-dark"
    assert flow.highlighted("nord", in_picker=True, known=KNOWN) == "nord"
    assert not flow.worth_saving("nord")  # a preview is not a choice
    assert flow.closed(chosen=False, known=KNOWN) == "ppio-dark"
    assert flow.closed(chosen=True, known=KNOWN) is None


async def test_a_chosen_theme_is_kept_in_config_and_a_broken_config_is_reported(
    tmp_path: Path,
) -> None:
    (tmp_path / "config.toml").write_text('[keymap]\nsubmit = "f12"\n')
    rec = Recorder()
    flow = ThemeFlow(tmp_path, rec.post, rec.run)
    flow.save("ember")  # before the app settled: the start-up theme is not a choice
    assert not rec.work
    flow.settled("ppio-dark")
    flow.save("ember")
    await rec.drain()
    saved = tomllib.loads((tmp_path / "config.toml").read_text())
    assert saved == {"keymap": {"submit": "f12"}, "ui": {"theme": "ember"}}

    (tmp_path / "config.toml").write_text("theme = [\n")
    flow.save("nord")
    await rec.drain()
    assert rec.failures and rec.failures[0].startswith("Saving the theme failed:")
