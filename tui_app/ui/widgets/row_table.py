"""A keyboard-edited table for one list group of the endpoint: volumes, envs or ports.

The owner sets ``rows``, ``version`` and ``issues`` (attributes down); every edit made here
posts :class:`RowTable.Changed` with the whole new list (messages up). Column titles come
from the field declarations in :mod:`tui_app.spec`.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, ClassVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.content import Content
from textual.message import Message
from textual.reactive import reactive
from textual.widget import Widget
from textual.widgets import DataTable, Static

from ...spec.schema import field_for
from ...text_safety import block, one_line
from ..marks import ISSUE_MARK, WARNING_MARK
from ..screens.confirm import ConfirmModal
from ..screens.row_editor import GROUP_NOUNS, RowEditor, item_fields, label_text

PLURALS = {"volumes": "volumes", "envs": "environment variables", "ports": "ports"}
MARK_COLUMN = "_mark"


def cell_text(value: Any) -> str:
    return "" if value is None else one_line(value)


class RowTable(Widget):
    """Add (a), edit (enter/e), delete (d, after a confirm) and reorder (shift+up/down) rows."""

    DEFAULT_CSS = """
    RowTable {
        height: auto;
        layout: vertical;
    }
    RowTable > DataTable {
        height: auto;
        max-height: 12;
    }
    RowTable > #hint {
        color: $text-muted;
        padding: 0 1;
    }
    RowTable > #messages {
        color: $text-error;
        padding: 0 1;
        height: auto;
    }
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("a", "add_row", "Add", id="row-add"),
        Binding("e", "edit_row", "Edit", key_display="⏎/e", id="row-edit"),
        Binding("d,delete", "delete_row", "Delete", id="row-delete"),
        Binding("shift+up,K", "move_row(-1)", "Up", key_display="⇧↑", id="row-up"),
        Binding("shift+down,J", "move_row(1)", "Down", key_display="⇧↓", id="row-down"),
    ]

    rows: reactive[list[Any]] = reactive(list, init=False)
    version: reactive[str] = reactive("v2", init=False)
    issues: reactive[dict[str, str]] = reactive(dict, init=False)
    # locations among ``issues`` that are warnings only: marked ⚠ in the warning colour
    warned: reactive[frozenset[str]] = reactive(frozenset, init=False)

    class Changed(Message):
        """The user changed the rows; ``rows`` is the complete new list."""

        def __init__(self, table: RowTable, group: str, rows: list[Any]) -> None:
            super().__init__()
            self.table = table
            self.group = group
            self.rows = rows

        @property
        def control(self) -> RowTable:
            return self.table

    def __init__(
        self,
        group: str,
        *,
        version: str = "v2",
        id: str | None = None,
        classes: str | None = None,
    ) -> None:
        super().__init__(id=id, classes=classes)
        self.group = group
        self.fields = item_fields(group)
        self._cursor_target: int | None = None
        # set in on_mount: Widget.is_mounted turns True only after on_mount returns
        self._ready = False
        self.set_reactive(RowTable.version, version)
        # known values for the row editor's text fields, asked for when it opens
        self.suggest: Callable[[], dict[str, list[tuple[str, str]]]] | None = None

    @property
    def noun(self) -> str:
        return GROUP_NOUNS.get(self.group, "row")

    @property
    def grid(self) -> DataTable[Any]:
        return self.query_one("#grid", DataTable)

    def compose(self) -> ComposeResult:
        yield DataTable(id="grid", cursor_type="row", zebra_stripes=True)
        yield Static(Content(f"No {PLURALS.get(self.group, 'rows')} — press a to add"), id="hint")
        yield Static("", id="messages")

    def on_mount(self) -> None:
        grid = self.grid
        grid.add_column(Text(" "), key=MARK_COLUMN)
        for key, field in self.fields:
            grid.add_column(Text(label_text(field, self.version).removesuffix(" *")), key=key)
        self._ready = True
        self.rebuild()

    def focus(self, scroll_visible: bool = True) -> RowTable:
        # the grid takes the keys; the wrapper only groups it with its hint and messages
        self.grid.focus(scroll_visible)
        return self

    # -- drawing ---------------------------------------------------------------------

    def watch_rows(self) -> None:
        self.rebuild()

    def watch_issues(self) -> None:
        self.rebuild()

    def watch_warned(self) -> None:
        self.rebuild()

    def watch_version(self) -> None:
        self.refresh_bindings()

    def item_as_row(self, item: Any) -> dict[str, Any]:
        """A list item as the editor's row dict: ports are plain values."""
        if self.group == "ports":
            return {"port": item}
        return dict(item) if isinstance(item, dict) else {}

    def display_value(self, index: int, key: str, value: Any) -> Text:
        """The cell for one value; subclasses mask secrets here. Never markup."""
        return Text(cell_text(value), no_wrap=True, overflow="ellipsis")

    def row_cells(self, index: int, item: Any) -> list[Text]:
        mark = self.row_mark(index)
        if self.group != "ports" and not isinstance(item, dict):
            # a hand-written preset may hold anything; show it rather than hide it
            return [mark, Text(cell_text(item)), *[Text("") for _ in self.fields[1:]]]
        row = self.item_as_row(item)
        return [mark, *[self.display_value(index, key, row.get(key)) for key, _ in self.fields]]

    def row_has_issue(self, index: int) -> bool:
        return bool(self._row_locs(index))

    def _row_locs(self, index: int) -> list[str]:
        prefix = f"{self.group}.{index}"
        return [loc for loc in self.issues if loc == prefix or loc.startswith(prefix + ".")]

    def row_mark(self, index: int) -> Text:
        locs = self._row_locs(index)
        if not locs:
            return Text("")
        if all(loc in self.warned for loc in locs):
            return Text(WARNING_MARK, style="bold yellow")
        return Text(ISSUE_MARK, style="bold red")

    def mark_of(self, loc: str) -> str:
        return WARNING_MARK if loc in self.warned else ISSUE_MARK

    def rebuild(self) -> None:
        if not self._ready:
            return
        grid = self.grid
        keep = grid.cursor_row if self._cursor_target is None else self._cursor_target
        self._cursor_target = None
        grid.clear()
        for index, item in enumerate(self.rows):
            grid.add_row(*self.row_cells(index, item), key=str(index))
        if self.rows:
            grid.move_cursor(row=max(0, min(keep, len(self.rows) - 1)))
        self.query_one("#hint").display = not self.rows
        self.show_messages()
        self.refresh_bindings()

    def messages_for(self, index: int | None) -> list[str]:
        """Issues of the whole list (``ports``), then those of the highlighted row."""
        lines = []
        for loc, message in self.issues.items():
            rest = loc.removeprefix(self.group)
            if rest and not rest.startswith("."):
                continue
            parts = rest.split(".")
            if not rest:
                lines.append(f"{self.mark_of(loc)} {message}")
            elif index is not None and parts[1] == str(index):
                field = field_for(loc)
                label = field.label if field else f"{self.noun.capitalize()} {index + 1}"
                lines.append(f"{self.mark_of(loc)} {label}: {message}")
        return lines

    def show_messages(self) -> None:
        index = self.grid.cursor_row if self.rows else None
        lines = self.messages_for(index)
        box = self.query_one("#messages", Static)
        box.update(Content(block("\n".join(lines))))
        box.display = bool(lines)

    @on(DataTable.RowHighlighted, "#grid")
    def row_highlighted(self) -> None:
        self.show_messages()

    @on(DataTable.RowSelected, "#grid")
    def selected(self, event: DataTable.RowSelected) -> None:
        event.stop()
        self.action_edit_row()

    # -- editing ---------------------------------------------------------------------

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action in ("edit_row", "delete_row", "move_row") and not self.rows:
            return None
        return True

    def commit(self, rows: list[Any], cursor: int | None) -> None:
        self._cursor_target = cursor
        self.rows = rows
        self.post_message(self.Changed(self, self.group, list(rows)))

    def row_as_item(self, row: dict[str, Any]) -> Any:
        return row.get("port") if self.group == "ports" else row

    def action_add_row(self) -> None:
        def added(row: dict[str, Any] | None) -> None:
            item = None if row is None else self.row_as_item(row)
            if item is None or item == {}:
                return
            self.commit([*self.rows, item], len(self.rows))

        editor = RowEditor(
            self.group, None, version=self.version, index=len(self.rows), suggestions=self._known()
        )
        self.app.push_screen(editor, added)

    def action_edit_row(self) -> None:
        if not self.rows:
            return
        index = self.grid.cursor_row

        def edited(row: dict[str, Any] | None) -> None:
            if row is None or index >= len(self.rows):
                return
            rows = list(self.rows)
            rows[index] = self.row_as_item(row)
            if rows != self.rows:  # saving an unchanged row is not a change
                self.commit(rows, index)

        row = self.item_as_row(self.rows[index])
        editor = RowEditor(
            self.group, row, version=self.version, index=index, suggestions=self._known()
        )
        self.app.push_screen(editor, edited)

    def _known(self) -> dict[str, list[tuple[str, str]]]:
        return self.suggest() if self.suggest is not None else {}

    def describe_row(self, index: int) -> str:
        row = self.item_as_row(self.rows[index])
        shown = ", ".join(
            f"{field.label} {cell_text(self.display_value(index, key, row.get(key)))}"
            for key, field in self.fields
            if row.get(key) not in (None, "")
        )
        return f"{self.noun.capitalize()} {index + 1}: {shown or '(empty)'}"

    def action_delete_row(self) -> None:
        if not self.rows:
            return
        index = self.grid.cursor_row

        def answered(yes: bool | None) -> None:
            if not yes or index >= len(self.rows):
                return
            rows = [item for i, item in enumerate(self.rows) if i != index]
            self.commit(rows, min(index, len(rows) - 1))

        modal = ConfirmModal(
            f"Delete this {self.noun}?", self.describe_row(index), confirm_label="Delete"
        )
        self.app.push_screen(modal, answered)

    def action_move_row(self, step: int) -> None:
        index = self.grid.cursor_row if self.rows else -1
        target = index + step
        if index < 0 or not 0 <= target < len(self.rows):
            return
        rows = list(self.rows)
        rows[index], rows[target] = rows[target], rows[index]
        self.commit(rows, target)
