"""EndpointsScreen: the deployed endpoints of the current target, one row each, kept fresh.

Shown, it reads the list every ``refresh_interval`` seconds (the profile's); hidden behind
another mode or a modal, it sends nothing. A refresh that changes nothing paints nothing:
only changed cells are updated, and the rows are rebuilt only when the set or order of
rows changes.
"""

from __future__ import annotations

from typing import Any, ClassVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import BindingType
from textual.content import Content
from textual.timer import Timer
from textual.widgets import DataTable, Input, Static

from ...api.listing import COLUMNS, LIMITS, Row, detail_text, shown
from ...api.types import REFRESH_INTERVAL
from ...text_safety import one_line
from .. import actions
from ..flows.endpoints import EndpointsFailed, EndpointsFlow, EndpointsListed, ShowText
from ..services import Connection, Library
from ..widgets.key_footer import KeyFooter
from .base import ModeScreen


class EndpointsScreen(ModeScreen):
    SCOPE = "endpoints"
    BINDINGS: ClassVar[list[BindingType]] = [
        *ModeScreen.BINDINGS,
        *actions.bindings("endpoints"),
    ]
    DEFAULT_CSS = """
    EndpointsScreen #title { height: 1; padding: 0 1; text-style: bold; }
    EndpointsScreen #filter { display: none; }
    EndpointsScreen #filter.-shown { display: block; }
    EndpointsScreen DataTable { height: 1fr; }
    EndpointsScreen #status { height: 1; padding: 0 1; color: $text-muted; }
    """

    def __init__(self, connection: Connection, library: Library) -> None:
        super().__init__()
        self.connection = connection
        self.library = library
        self.flow = EndpointsFlow(connection, library, self.ask, self.post_message, self._run)
        self.infos: dict[str, Any] = {}
        self.rows: list[Row] = []
        self.sort_column = 0
        self.reverse = False
        self.name_filter = ""
        self.shown_ids: list[str] = []
        self.rebuilds = 0  # how many times the rows were rebuilt (not just cells updated)
        self._timer: Timer | None = None
        self.status_text = ""

    def _run(self, work: Any, *, group: str = "io", exclusive: bool = False) -> object:
        return self.run_worker(work, group=group, exclusive=exclusive, exit_on_error=False)

    # -- layout -----------------------------------------------------------------------------
    def compose(self) -> ComposeResult:
        yield Static(Content("Endpoints"), id="title")
        yield Input(placeholder="filter by name (esc clears)", id="filter")
        yield DataTable(cursor_type="row", zebra_stripes=True, id="endpoints")
        yield Static(Content("reading the list…"), id="status")
        yield KeyFooter(compact=True, show_command_palette=False)

    def on_mount(self) -> None:
        for index, title in enumerate(COLUMNS):
            self.table.add_column(title, key=str(index))

    @property
    def table(self) -> DataTable[Text]:
        return self.query_one("#endpoints", DataTable)

    @property
    def interval(self) -> float:
        target = self.connection.target
        return target.refresh_interval if target is not None else REFRESH_INTERVAL

    # -- shown or hidden: only a shown screen sends -----------------------------------------
    def on_screen_resume(self) -> None:
        self.flow.refresh()
        self._stop_timer()
        self._timer = self.set_interval(self.interval, self._tick, name="endpoints-refresh")
        self.table.focus()

    def on_screen_suspend(self) -> None:
        self._stop_timer()

    def _stop_timer(self) -> None:
        if self._timer is not None:
            self._timer.stop()
            self._timer = None

    def _tick(self) -> None:
        if self.is_current:
            self.flow.refresh()

    # -- what the flow reports --------------------------------------------------------------
    @on(EndpointsListed)
    def _listed(self, event: EndpointsListed) -> None:
        self.infos = {info.id: info for info in event.infos}
        self.rows = event.rows
        self.render_rows()
        self.show_status(f"{len(self.rows)} endpoint(s) · every {self.interval:g} s")

    @on(EndpointsFailed)
    def _failed(self, event: EndpointsFailed) -> None:
        self.show_status(f"refresh failed: {event.text}")

    @on(ShowText)
    def _show_text(self, event: ShowText) -> None:
        from ..screens.text_view import TextView

        self.app.push_screen(TextView(event.title, event.text))

    def show_status(self, text: str) -> None:
        text = one_line(text)
        if text != self.status_text:  # the same line again would repaint it
            self.status_text = text
            self.query_one("#status", Static).update(Content(text))

    # -- the table: changed cells only ------------------------------------------------------
    def render_rows(self) -> None:
        rows = shown(self.rows, self.name_filter, self.sort_column, self.reverse)
        ids = [r.id for r in rows]
        table = self.table
        if ids != self.shown_ids:
            self._rebuild(table, rows)
            return
        for item in rows:
            for index, cell in enumerate(item.cells):
                text = one_line(cell, LIMITS[index])
                if str(table.get_cell(item.id, str(index))) != text:
                    table.update_cell(item.id, str(index), Text(text))

    def _rebuild(self, table: DataTable[Text], rows: list[Row]) -> None:
        selected = self.selected_id()
        table.clear()
        for item in rows:
            # Text, not str: a str cell would be read as markup
            cells = (Text(one_line(c, n)) for c, n in zip(item.cells, LIMITS, strict=True))
            table.add_row(*cells, key=item.id)
        self.shown_ids = [r.id for r in rows]
        self.rebuilds += 1
        if selected in self.shown_ids:
            table.move_cursor(row=self.shown_ids.index(selected))

    def selected_id(self) -> str | None:
        table = self.table
        if not self.shown_ids or table.cursor_row >= len(self.shown_ids):
            return None
        return self.shown_ids[max(0, table.cursor_row)]

    def selected(self) -> Any:
        info = self.infos.get(self.selected_id() or "")
        if info is None:
            self.app.notify("No endpoint selected", severity="warning", timeout=3)
        return info

    # -- filter and sort --------------------------------------------------------------------
    def action_filter(self) -> None:
        box = self.query_one("#filter", Input)
        box.add_class("-shown")
        box.focus()

    @on(Input.Changed, "#filter")
    def _filter_changed(self, event: Input.Changed) -> None:
        self.name_filter = event.value
        self.render_rows()

    @on(Input.Submitted, "#filter")
    def _filter_done(self) -> None:
        self.table.focus()

    def key_escape(self) -> None:
        box = self.query_one("#filter", Input)
        if box.has_class("-shown"):
            box.value = ""
            box.remove_class("-shown")
            self.name_filter = ""
            self.render_rows()
            self.table.focus()

    def action_sort(self) -> None:
        self.sort_column = (self.sort_column + 1) % len(COLUMNS)
        self._sorted()

    def action_reverse(self) -> None:
        self.reverse = not self.reverse
        self._sorted()

    @on(DataTable.HeaderSelected)
    def _header(self, event: DataTable.HeaderSelected) -> None:
        if event.column_index == self.sort_column:
            self.reverse = not self.reverse
        else:
            self.sort_column, self.reverse = event.column_index, False
        self._sorted()

    def _sorted(self) -> None:
        order = "descending" if self.reverse else "ascending"
        self.show_status(f"sorted by {COLUMNS[self.sort_column].lower()}, {order}")
        self.render_rows()

    # -- row actions ------------------------------------------------------------------------
    def action_refresh(self) -> None:
        self.flow.refresh()

    def action_back(self) -> None:
        self.app.switch_mode("editor")

    @on(DataTable.RowSelected)
    def _row_selected(self) -> None:
        self.action_detail()

    def action_detail(self) -> None:
        from ..screens.text_view import TextView

        info = self.selected()
        if info is not None:
            self.app.push_screen(TextView(f"Endpoint {info.name}", detail_text(info)))

    def action_to_editor(self) -> None:
        info = self.selected()
        if info is None:
            return
        self.app.switch_mode("editor")
        editor = self.app.get_screen_stack("editor")[0]
        editor.open_deployed(info)

    def action_diff(self) -> None:
        info = self.selected()
        if info is not None:
            self.flow.show_diff(info)

    def action_update(self) -> None:
        info = self.selected()
        if info is not None:
            self.flow.update(info)

    def action_delete(self) -> None:
        info = self.selected()
        if info is not None:
            self.flow.delete(info)

    def action_copy_id(self) -> None:
        info = self.selected()
        if info is not None:
            self.app.copy_to_clipboard(info.id)
            self.app.notify(f"Copied the id {info.id}", timeout=3)

    def action_copy_url(self) -> None:
        info = self.selected()
        if info is None:
            return
        if not info.url:
            self.app.notify(f"{info.name} has no URL yet", severity="warning", timeout=3)
            return
        self.app.copy_to_clipboard(info.url)
        self.app.notify(f"Copied the URL {info.url}", timeout=3)
