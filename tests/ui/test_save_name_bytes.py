"""Save as… in the app counts a preset name in UTF-8 bytes: past 200 bytes the prompt says so
and nothing is written; at 200 bytes the file is written under exactly that name."""

from __future__ import annotations

import os
from pathlib import Path

from tests.ui.conftest import VALID, editor, load, ready, settle
from tests.ui.test_presets import answer_prompt
from tui_app.ui.screens.prompt import PromptModal

CJK = "模"  # 3 bytes in UTF-8


def files(home: Path) -> list[str]:
    folder = home / "presets"
    return sorted(os.listdir(folder)) if folder.exists() else []


async def test_save_as_counts_the_name_in_bytes(make_app, home: Path) -> None:
    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await ready(pilot)
        await load(pilot, VALID)
        await pilot.press("f2")
        await pilot.pause()
        await answer_prompt(pilot, CJK * 67)  # 67 characters, 201 bytes
        screen = app.screen
        assert isinstance(screen, PromptModal)
        shown = " ".join(str(screen.query_one("#prompt-error").render()).split())
        assert shown == "✗ a preset name must be at most 200 bytes long"
        assert files(home) == []

        at = CJK * 66 + "ab"  # 200 bytes
        await answer_prompt(pilot, at)
        await settle(pilot)
        assert not isinstance(app.screen, PromptModal)
        assert files(home) == [f"{at}.toml"]
        assert editor(app).header.preset_text == f"preset: {at}"
