"""RowTable: add, edit, delete (after a confirm) and reorder from the keys; issues on rows."""

from __future__ import annotations

from textual.app import App, ComposeResult
from textual.widgets import DataTable

from tests.ui_widgets.hosts import TableHost, screen_text
from tui_app import spec
from tui_app.ui.screens.confirm import ConfirmModal
from tui_app.ui.screens.row_editor import RowEditor
from tui_app.ui.widgets.row_table import RowTable

LOCAL = {"type": "local", "size": 30, "mount_point": "/data"}
NETWORK = {"type": "network", "id": "ns-1", "mount_point": "/models"}


def grid(app: TableHost) -> DataTable:
    return app.table.query_one(DataTable)


async def test_columns_come_from_the_field_labels() -> None:
    app = TableHost(RowTable("volumes"), [LOCAL])
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        text = screen_text(app)
        for key in spec.schema.keys_of("volumes.*"):
            assert spec.FIELDS[f"volumes.*.{key}"].label in text
        assert "Size (GB)" in text
        assert "/data" in text


async def test_empty_table_says_how_to_add() -> None:
    app = TableHost(RowTable("volumes"), [])
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert "No volumes — press a to add" in screen_text(app)
        app.apply([LOCAL])
        await pilot.pause()
        assert "press a to add" not in screen_text(app)


async def test_add_opens_an_empty_editor_and_posts_the_whole_list() -> None:
    app = TableHost(RowTable("volumes"), [LOCAL])
    async with app.run_test(size=(100, 40)) as pilot:
        await pilot.pause()
        await pilot.press("a")
        await pilot.pause()
        assert isinstance(app.screen, RowEditor)
        app.screen.query_one("#in-type").focus()
        await pilot.press("right", "tab", *"ns-9", "tab", "tab", *"/models")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert not isinstance(app.screen, RowEditor)
        new = {"type": "network", "id": "ns-9", "mount_point": "/models"}
        assert app.changes == [[LOCAL, new]]
        assert app.table.rows == [LOCAL, new]
        assert grid(app).cursor_row == 1
        assert "ns-9" in screen_text(app)


async def test_enter_edits_the_highlighted_row_prefilled() -> None:
    app = TableHost(RowTable("volumes"), [LOCAL, NETWORK])
    async with app.run_test(size=(100, 40)) as pilot:
        await pilot.pause()
        await pilot.press("down", "enter")
        await pilot.pause()
        editor = app.screen
        assert isinstance(editor, RowEditor)
        assert editor.query_one("#in-id").value == "ns-1"
        editor.query_one("#in-mount_point").focus()
        await pilot.press("ctrl+u", *"/weights", "enter")
        await pilot.pause()
        assert app.changes == [[LOCAL, {**NETWORK, "mount_point": "/weights"}]]
        assert "/weights" in screen_text(app)


async def test_e_edits_and_escape_changes_nothing() -> None:
    app = TableHost(RowTable("volumes"), [LOCAL])
    async with app.run_test(size=(100, 40)) as pilot:
        await pilot.pause()
        await pilot.press("e")
        await pilot.pause()
        assert isinstance(app.screen, RowEditor)
        await pilot.press("x", "escape")
        await pilot.pause()
        assert app.changes == []
        assert app.table.rows == [LOCAL]


async def test_delete_asks_first_and_cancel_is_the_default() -> None:
    app = TableHost(RowTable("volumes"), [LOCAL, NETWORK])
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("down", "d")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmModal)
        assert "/models" in screen_text(app)
        await pilot.press("enter")  # Cancel has the focus
        await pilot.pause()
        assert app.changes == []
        await pilot.press("delete")
        await pilot.pause()
        await pilot.press("y")
        await pilot.pause()
        assert app.changes == [[LOCAL]]
        assert "/models" not in screen_text(app)


async def test_reorder_with_shift_arrows_and_capital_letters() -> None:
    third = {"type": "local", "size": 5, "mount_point": "/tmp/x"}
    app = TableHost(RowTable("volumes"), [LOCAL, NETWORK, third])
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("shift+down")
        await pilot.pause()
        assert app.changes[-1] == [NETWORK, LOCAL, third]
        assert grid(app).cursor_row == 1
        await pilot.press("J")
        await pilot.pause()
        assert app.changes[-1] == [NETWORK, third, LOCAL]
        await pilot.press("shift+up", "K")
        await pilot.pause()
        assert app.changes[-1] == [LOCAL, NETWORK, third]
        assert grid(app).cursor_row == 0
        await pilot.press("shift+up")  # already first: nothing to do
        await pilot.pause()
        assert len(app.changes) == 4


async def test_row_issues_mark_the_row_and_show_under_the_table() -> None:
    bad = {"type": "network", "mount_point": "/models"}
    app = TableHost(RowTable("volumes"), [LOCAL, bad])
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        lines = screen_text(app).splitlines()
        row_line = next(line for line in lines if "/models" in line)
        assert row_line.lstrip().startswith("✗")
        assert not next(line for line in lines if "/data" in line).lstrip().startswith("✗")
        assert "Storage id: is required for a network volume" not in screen_text(app)
        await pilot.press("down")
        await pilot.pause()
        assert "✗ Storage id: is required for a network volume" in screen_text(app)
        # fixing the row through the editor clears both
        await pilot.press("enter")
        await pilot.pause()
        app.screen.query_one("#in-id").focus()
        await pilot.press(*"ns-2", "enter")
        await pilot.pause()
        text = screen_text(app)
        assert "is required for a network volume" not in text
        assert "✗" not in text


async def test_values_are_shown_as_typed_never_as_markup() -> None:
    rows = [{"key": "A", "value": "[bold red]x[/]"}, {"key": "B", "value": "$accent"}]
    app = TableHost(RowTable("envs"), rows)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        text = screen_text(app)
        assert "[bold red]x[/]" in text
        assert "$accent" in text


async def test_ports_are_plain_numbers_and_the_version_reaches_the_editor() -> None:
    app = TableHost(RowTable("ports", version="v1"), [])
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("a", *"2222", "enter")
        await pilot.pause()
        assert isinstance(app.screen, RowEditor)  # reserved under v1
        await pilot.press("ctrl+u", *"8080", "enter")
        await pilot.pause()
        assert app.changes == [[8080]]
        assert "8080" in screen_text(app)


async def test_list_level_issue_is_always_shown() -> None:
    app = TableHost(RowTable("ports", version="v1"), [8080, 9090])
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        expected = "the v1 API takes exactly one port (got 2)"
        assert spec.validate({"ports": [8080, 9090]}, "v1").at("ports")[0].message == expected
        assert f"✗ {expected}" in screen_text(app)
        await pilot.press("down", "d", "y")
        await pilot.pause()
        assert app.changes == [[8080]]
        assert expected not in screen_text(app)


async def test_edit_and_delete_do_nothing_on_an_empty_table() -> None:
    app = TableHost(RowTable("envs"), [])
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("e", "enter", "d", "shift+up")
        await pilot.pause()
        assert app.screen is app.screen_stack[0]
        assert app.changes == []


async def test_rows_and_issues_set_before_mounting_are_shown() -> None:
    class Early(App[None]):
        def compose(self) -> ComposeResult:
            table = RowTable("ports")
            table.rows = [8080]
            table.issues = {"ports.0": "is not good"}
            yield table

    app = Early()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        text = screen_text(app)
        assert "8080" in text and "✗ Port: is not good" in text
        assert "press a to add" not in text


async def test_saving_an_unchanged_row_posts_nothing() -> None:
    app = TableHost(RowTable("volumes"), [LOCAL])
    async with app.run_test(size=(100, 40)) as pilot:
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert not isinstance(app.screen, RowEditor)
        assert app.changes == []
