"""The list editors inside the app: add, edit, delete and reorder from the keys, and the
Review body follows every change."""

from __future__ import annotations

from typing import Any

from textual import events
from textual.widgets import Input

from tests.ui.conftest import VALID, editor, load_valid, ready, settle, tab_label
from tui_app.ui.screens.confirm import ConfirmModal
from tui_app.ui.screens.row_editor import RowEditor


async def open_table(pilot: Any, section: str, group: str) -> Any:
    app = pilot.app
    editor(app).action_section(section)
    await pilot.pause()
    table = editor(app).table(group)
    table.focus()
    await pilot.pause()
    return table


async def fill(pilot: Any, values: dict[str, str]) -> None:
    """Type into the row editor's inputs by id, then save with ctrl+s."""
    editor = pilot.app.screen
    assert isinstance(editor, RowEditor)
    for key, text in values.items():
        field = editor.query_one(f"#in-{key}", Input)
        field.focus()
        field.value = ""
        await pilot.press(*text)
    await pilot.press("ctrl+s")
    await pilot.pause()


async def review_body(pilot: Any) -> dict[str, Any]:
    app = pilot.app
    editor(app).action_section("review")
    await pilot.pause()
    return editor(app).review.body


async def test_add_edit_delete_a_volume_and_review_follows(make_app) -> None:
    app = make_app()
    async with app.run_test(size=(100, 40)) as pilot:
        await ready(pilot)
        await load_valid(pilot)
        await open_table(pilot, "volumes", "volumes")

        await pilot.press("a")
        await pilot.pause()
        row_editor = app.screen
        assert isinstance(row_editor, RowEditor)
        row_editor.query_one("#in-type").focus()
        await pilot.press("right")  # local -> network
        await fill(pilot, {"id": "ns-1", "mount_point": "/models"})
        assert not isinstance(app.screen, RowEditor)
        volume = {"type": "network", "id": "ns-1", "mount_point": "/models"}
        assert editor(app).state.get("volumes") == [volume]
        assert (await review_body(pilot))["volumes"] == [volume]

        await open_table(pilot, "volumes", "volumes")
        await pilot.press("e")
        await pilot.pause()
        await fill(pilot, {"mount_point": "/weights"})
        assert (await review_body(pilot))["volumes"][0]["mount_point"] == "/weights"

        await open_table(pilot, "volumes", "volumes")
        await pilot.press("d")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmModal)
        await pilot.press("y")
        await pilot.pause()
        assert editor(app).state.get("volumes") is None
        assert "volumes" not in await review_body(pilot)


async def test_row_issue_counts_in_the_badge_and_the_table(make_app) -> None:
    app = make_app()
    async with app.run_test(size=(100, 40)) as pilot:
        await ready(pilot)
        data = {**VALID, "volumes": [{"type": "network", "mount_point": "/data"}]}
        editor(app).state.replace(data)
        editor(app).refresh_form()
        await settle(pilot)
        assert tab_label(app, "volumes") == "Volumes (1)"
        assert "volumes.0.id" in editor(app).table("volumes").issues
        await open_table(pilot, "volumes", "volumes")
        await pilot.press("e")
        await pilot.pause()
        await fill(pilot, {"id": "ns-2"})
        assert tab_label(app, "volumes") == "Volumes"
        assert editor(app).table("volumes").issues == {}


async def test_env_rows_and_reorder(make_app) -> None:
    app = make_app()
    async with app.run_test(size=(100, 40)) as pilot:
        await ready(pilot)
        await load_valid(pilot)
        await open_table(pilot, "env", "envs")
        for key, value in (("A", "1"), ("B", "2")):
            await pilot.press("a")
            await pilot.pause()
            await fill(pilot, {"key": key, "value": value})
        assert [e["key"] for e in editor(app).state.get("envs")] == ["A", "B"]
        await pilot.press("shift+up")
        await pilot.pause()
        assert [e["key"] for e in editor(app).state.get("envs")] == ["B", "A"]
        assert [e["key"] for e in (await review_body(pilot))["envs"]] == ["B", "A"]


async def test_pasted_env_lines_become_rows(make_app) -> None:
    app = make_app()
    async with app.run_test(size=(100, 40)) as pilot:
        await ready(pilot)
        await load_valid(pilot)
        await open_table(pilot, "env", "envs")
        app.focused.post_message(events.Paste("X=1\nY=two"))
        await pilot.pause()
        await pilot.pause()
        assert editor(app).state.get("envs") == [
            {"key": "X", "value": "1"},
            {"key": "Y", "value": "two"},
        ]
        assert (await review_body(pilot))["envs"][1] == {"key": "Y", "value": "two"}


async def test_add_a_port_and_duplicate_is_flagged(make_app) -> None:
    app = make_app()
    async with app.run_test(size=(100, 40)) as pilot:
        await ready(pilot)
        await load_valid(pilot)
        await open_table(pilot, "ports", "ports")
        await pilot.press("a")
        await pilot.pause()
        await fill(pilot, {"port": "9000"})
        assert editor(app).state.get("ports") == [8000, 9000]
        assert (await review_body(pilot))["ports"] == [8000, 9000]
        await open_table(pilot, "ports", "ports")
        await pilot.press("a")
        await pilot.pause()
        await fill(pilot, {"port": "9000"})
        assert editor(app).state.get("ports") == [8000, 9000, 9000]
        assert tab_label(app, "ports") == "Ports (1)"
        assert "listed twice" in editor(app).table("ports").issues["ports.2"]
