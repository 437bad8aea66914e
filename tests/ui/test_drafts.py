"""Autosaved drafts: every change lands on disk after a pause, and a launch after a crash
offers it back."""

from __future__ import annotations

import asyncio
import json
import time

from tests.ui.conftest import VALID, editor, ready, row, settle, type_into, write_preset
from tui_app.presets import Draft, DraftStore
from tui_app.ui.screens.restore_draft import RestoreDraft


def draft_file(home):
    return home / "drafts" / "draft.json"


async def wait_for_draft(pilot, home, timeout: float = 5.0) -> dict:
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        await settle(pilot)
        if draft_file(home).exists():
            return json.loads(draft_file(home).read_text())
        await asyncio.sleep(0.05)
    raise AssertionError("no draft was written")


async def test_changes_are_autosaved_as_a_draft(make_app, home) -> None:
    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await ready(pilot)
        await type_into(pilot, "name", "half-typed", leave=False)
        saved = await wait_for_draft(pilot, home)
        assert saved["endpoint"]["name"] == "half-typed"
        assert saved["api_version"] == "v2"
        assert "name" in saved["dirty_fields"]


async def test_invalid_values_survive_in_the_draft(make_app, home) -> None:
    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await ready(pilot)
        await type_into(pilot, "worker_config.max_replicas", "-")
        saved = await wait_for_draft(pilot, home)
        assert saved["endpoint"]["worker_config"]["max_replicas"] == "-"


async def test_restore_after_a_crash(make_app, home) -> None:
    # a previous session died with these changes on screen
    DraftStore(home).save(
        Draft({**VALID, "name": "from-the-crash"}, None, "v1", time.time() - 120, ["name"])
    )
    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await ready(pilot)
        assert isinstance(app.screen, RestoreDraft)
        await pilot.press("r")
        await settle(pilot)
        assert row(app, "name").editor.value == "from-the-crash"
        assert row(app, "worker_config.max_replicas").editor.value == "2"
        assert editor(app).state.version == "v1"
        assert editor(app).header.preset_text.endswith("●")


async def test_restore_onto_the_preset_it_belongs_to(make_app, home) -> None:
    write_preset(home, "llama-test")
    DraftStore(home).save(Draft({**VALID, "name": "edited"}, "llama-test", "v2", time.time(), []))
    app = make_app(preset="llama-test")
    async with app.run_test(size=(100, 30)) as pilot:
        await ready(pilot)
        assert isinstance(app.screen, RestoreDraft)
        await pilot.press("r")
        await settle(pilot)
        assert editor(app).presets.name == "llama-test"
        assert editor(app).state.changed_paths() == ["name"]
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert 'name = "edited"' in (home / "presets" / "llama-test.toml").read_text()
        assert not draft_file(home).exists()


async def test_discarding_deletes_the_draft(make_app, home) -> None:
    DraftStore(home).save(Draft({"name": "gone"}, None, "v2", time.time(), ["name"]))
    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await ready(pilot)
        await pilot.press("d")
        await settle(pilot)
        assert row(app, "name").editor.value == ""
        assert not draft_file(home).exists()


async def test_a_draft_equal_to_what_opens_is_not_offered(make_app, home) -> None:
    write_preset(home, "llama-test")
    DraftStore(home).save(Draft(dict(VALID), "llama-test", "v2", time.time(), []))
    app = make_app(preset="llama-test")
    async with app.run_test(size=(100, 30)) as pilot:
        await ready(pilot)
        assert not isinstance(app.screen, RestoreDraft)
        assert not draft_file(home).exists()


async def test_a_corrupt_draft_is_ignored(make_app, home) -> None:
    draft_file(home).parent.mkdir(parents=True)
    draft_file(home).write_text("{not json")
    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await ready(pilot)
        assert not isinstance(app.screen, RestoreDraft)
