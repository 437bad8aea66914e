"""Tiny host apps that mount one widget or push one modal, and record what comes back."""

from __future__ import annotations

from typing import Any

from textual import on
from textual.app import App, ComposeResult
from textual.screen import Screen
from textual.widgets import Footer

from tui_app import spec
from tui_app.api.types import Exchange
from tui_app.ui.widgets.request_log import RequestLog
from tui_app.ui.widgets.row_table import RowTable

NOT_DISMISSED = object()


class ModalHost(App[None]):
    """Pushes ``screen`` once mounted; ``result`` holds what it dismissed with."""

    def __init__(self, screen: Screen[Any]) -> None:
        super().__init__()
        self.modal = screen
        self.result: Any = NOT_DISMISSED

    def compose(self) -> ComposeResult:
        yield Footer()

    def on_mount(self) -> None:
        self.push_screen(self.modal, self.dismissed)

    def dismissed(self, value: Any) -> None:
        self.result = value


class TableHost(App[None]):
    """Owns one table the way the form does: keeps the rows, validates, hands issues down."""

    def __init__(self, table: RowTable, rows: list[Any], *, validate: bool = True) -> None:
        super().__init__()
        self.table = table
        self.initial = rows
        self.validate = validate
        self.changes: list[list[Any]] = []

    def compose(self) -> ComposeResult:
        yield self.table
        yield Footer()

    def on_mount(self) -> None:
        self.apply(self.initial)
        self.table.focus()

    def apply(self, rows: list[Any]) -> None:
        self.table.rows = rows
        if self.validate:
            report = spec.validate({self.table.group: rows}, self.table.version)
            prefix = self.table.group
            self.table.issues = {
                i.loc: i.message
                for i in report.errors
                if i.loc == prefix or i.loc.startswith(prefix + ".")
            }

    @on(RowTable.Changed)
    def changed(self, event: RowTable.Changed) -> None:
        self.changes.append(event.rows)
        self.apply(event.rows)


def screen_text(app: App[Any]) -> str:
    """The characters on the terminal for the top screen, one line per row.

    Reads the compositor because Textual has no public "screen as text"; the SVG
    screenshot holds the same cells, wrapped in markup.
    """
    return "\n".join(strip.text for strip in app.screen._compositor.render_strips())


T0 = 1_767_225_600.0  # a fixed moment; lines show it in the local time zone


def make_exchange(n: int = 1, **changes: Any) -> Exchange:
    """A plausible create exchange; ``n`` moves it ``n`` seconds past T0 and sets its id."""
    base: dict[str, Any] = {
        "id": n,
        "time": T0 + n,
        "method": "POST",
        "url": "https://api.ppinfra.com/gpus/v2/endpoint/create",
        "request_headers": {"Authorization": "Bearer ****wxyz", "Content-Type": "application/json"},
        "request_body": {"name": f"ep-{n}", "worker_config": {"max_replicas": 2}},
        "status": 201,
        "response_headers": {"content-type": "application/json"},
        "response_body": {"id": f"ep-id-{n}"},
        "latency_ms": 412.4,
        "attempt": 1,
        "operation": "create",
    }
    base.update(changes)
    return Exchange(**base)


class LogHost(App[None]):
    """Mounts one RequestLog; records Opened messages."""

    def __init__(self, log: RequestLog) -> None:
        super().__init__()
        self.log_widget = log
        self.opened: list[Exchange] = []

    def compose(self) -> ComposeResult:
        yield self.log_widget
        yield Footer()

    def on_mount(self) -> None:
        self.log_widget.focus()

    @on(RequestLog.Opened)
    def was_opened(self, event: RequestLog.Opened) -> None:
        self.opened.append(event.exchange)


def toasts(app: App[Any]) -> str:
    """The text of every notification on screen, wrapping undone."""
    return " ".join(" ".join(str(toast.render()).split()) for toast in app.screen.query("Toast"))
