"""80x24 snapshots: the main screen in every shipped theme, and each section with a valid endpoint.

Deterministic as in tests/ui/test_snapshots.py (fixed user@host, steady cursor, sandbox look-ups,
start-up finished, no toasts). Update after an intended change with
``pytest tests/terminal/test_snapshots.py --snapshot-update``.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Any

import pytest

from tests.ui.conftest import editor, load_valid, scene
from tui_app.home import shipped_themes_dir
from tui_app.ui.form_state import SECTIONS

SMALL = (80, 24)
THEMES = sorted(p.stem for p in shipped_themes_dir().glob("*.toml"))


def show(section_id: str) -> Callable[[Any], Awaitable[None]]:
    async def step(pilot: Any) -> None:
        # from the tab bar, as a person does it: esc leaves the field, a digit picks the tab
        await pilot.press("escape", str([s.id for s in SECTIONS].index(section_id) + 1))
        await pilot.pause()
        assert editor(pilot.app).tabs.active == f"tab-{section_id}"

    return step


def test_every_shipped_theme_is_snapshotted() -> None:
    assert len(THEMES) >= 5


@pytest.mark.parametrize("theme", THEMES)
def test_main_screen_in_theme(snap_compare, make_app, theme: str) -> None:
    app = make_app(theme=theme)
    assert app.theme == theme
    assert snap_compare(app, terminal_size=SMALL, run_before=scene(load_valid))


@pytest.mark.parametrize("section", [s.id for s in SECTIONS])
def test_section_at_80x24(snap_compare, make_app, section: str) -> None:
    run = scene(load_valid, show(section))
    assert snap_compare(make_app(), terminal_size=SMALL, run_before=run)
