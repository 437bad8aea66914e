"""A data home nothing can be written to: the app starts, says so once, and keeps working."""

from __future__ import annotations

from pathlib import Path

from tests.ui.conftest import editor, ready, settle, type_into


async def test_the_app_starts_and_says_drafts_and_history_are_off(make_app, tmp_path: Path) -> None:
    parent = tmp_path / "not-a-folder"
    parent.write_text("")  # mkdir under a regular file fails, root included
    home = parent / "home"
    app = make_app(home=home)
    async with app.run_test(size=(100, 30)) as pilot:
        await ready(pilot)
        await type_into(pilot, "name", "typed-anyway")
        await pilot.pause(0.3)  # several autosave delays
        await settle(pilot)
        assert editor(app).state.data["name"] == "typed-anyway"
        notes = [n for n in app.notes if "drafts and request history will not be saved" in n]
        assert notes == [
            f"cannot write {home}: Not a directory (is PPIO_ENDPOINT_HOME a writable folder?): "
            "drafts and request history will not be saved"
        ]
        assert not any("Autosave failed" in n for n in app.notes)
