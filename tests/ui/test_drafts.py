"""Autosaved drafts: every change lands on disk after a pause, and a launch after a crash
offers it back."""

from __future__ import annotations

import asyncio
import json
import time

from tests.ui.conftest import VALID, editor, ready, row, settle, type_into, write_preset
from tui_app.presets import Draft, DraftStore
from tui_app.ui.screens.restore_draft import RestoreDraft


def crashed(home, draft: Draft):
    """The draft file a session left behind when it died (its lock went with it)."""
    store = DraftStore(home)
    store.save(draft)
    store.release()
    return store.path


async def wait_for_draft(pilot, home, timeout: float = 5.0) -> dict:
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        await settle(pilot)
        path = pilot.app.services.library.drafts.path
        if path.exists():
            return json.loads(path.read_text())
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
    crashed(
        home, Draft({**VALID, "name": "from-the-crash"}, None, "v1", time.time() - 120, ["name"])
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
    left = crashed(home, Draft({**VALID, "name": "edited"}, "llama-test", "v2", time.time(), []))
    app = make_app(preset="llama-test")
    async with app.run_test(size=(100, 30)) as pilot:
        await ready(pilot)
        assert isinstance(app.screen, RestoreDraft)
        await pilot.press("r")
        await settle(pilot)
        assert editor(app).state.preset_name == "llama-test"
        assert editor(app).state.changed_paths() == ["name"]
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert 'name = "edited"' in (home / "presets" / "llama-test.toml").read_text()
        assert not left.exists()
        assert not app.services.library.drafts.path.exists()  # saved: nothing left to restore


async def test_discarding_deletes_the_draft(make_app, home) -> None:
    left = crashed(home, Draft({"name": "gone"}, None, "v2", time.time(), ["name"]))
    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await ready(pilot)
        await pilot.press("d")
        await settle(pilot)
        assert row(app, "name").editor.value == ""
        assert not left.exists()


async def test_a_draft_equal_to_what_opens_is_not_offered(make_app, home) -> None:
    write_preset(home, "llama-test")
    left = crashed(home, Draft(dict(VALID), "llama-test", "v2", time.time(), []))
    app = make_app(preset="llama-test")
    async with app.run_test(size=(100, 30)) as pilot:
        await ready(pilot)
        assert not isinstance(app.screen, RestoreDraft)
        assert not left.exists()


async def test_a_corrupt_draft_is_ignored(make_app, home) -> None:
    (home / "drafts").mkdir()
    (home / "drafts" / "123-456-abcdef12.json").write_text("{not json")
    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await ready(pilot)
        assert not isinstance(app.screen, RestoreDraft)


async def test_two_orphans_are_offered_newest_first_and_each_answer_touches_one(
    make_app, home
) -> None:
    older = crashed(home, Draft({**VALID, "name": "older"}, None, "v2", time.time() - 600))
    newer = crashed(home, Draft({**VALID, "name": "newer"}, None, "v2", time.time() - 60))
    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await ready(pilot)
        screen = app.screen
        assert isinstance(screen, RestoreDraft)
        assert "(1 of 2)" in str(screen.query_one("#restore-title").render())
        assert "'newer'" in str(screen.query_one("#restore-body").render())
        await pilot.press("d")  # discard the newer one only
        await settle(pilot)
        assert not newer.exists() and older.exists()

        screen = app.screen
        assert isinstance(screen, RestoreDraft)
        assert "(2 of 2)" in str(screen.query_one("#restore-title").render())
        assert "'older'" in str(screen.query_one("#restore-body").render())
        await pilot.press("r")
        await settle(pilot)
        assert not isinstance(app.screen, RestoreDraft)
        assert row(app, "name").editor.value == "older"
        assert not older.exists()
        saved = await wait_for_draft(pilot, home)  # now this instance's own draft
        assert saved["endpoint"]["name"] == "older"


async def test_a_running_instances_draft_is_not_offered_and_survives_a_clean_quit(
    make_app, home
) -> None:
    other = DraftStore(home)  # another app, still running
    other.save(Draft({**VALID, "name": "theirs"}, None, "v2", time.time()))
    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await ready(pilot)
        assert not isinstance(app.screen, RestoreDraft)
        await type_into(pilot, "name", "mine")
        mine = app.services.library.drafts.path
        assert (await wait_for_draft(pilot, home))["endpoint"]["name"] == "mine"
        await pilot.press("ctrl+q")
        await pilot.pause()
        await pilot.press("y")
        await pilot.pause()
    assert not mine.exists() and not mine.with_suffix(".lock").exists()
    assert other.load() is not None and other.load().endpoint["name"] == "theirs"
    other.close()
