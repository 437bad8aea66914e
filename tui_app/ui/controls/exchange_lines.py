"""Exchanges as lines: the text of one line, and the list the log and the history both show.

Lines carry their meaning in text (``201``, ``error``), colour only repeats it, so the list
reads the same with NO_COLOR. The list follows new lines until the user moves up; End (or
G) goes back to the newest line and following resumes.
"""

from __future__ import annotations

import time
from collections.abc import Iterable
from typing import Any, ClassVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.message import Message
from textual.widget import Widget
from textual.widgets import DataTable

from ...api.types import Exchange
from ...text_safety import one_line

MAX_LINES = 500
CHUNK = 50  # lines drawn per refresh when loading many
# (title, width) of the fixed-width fields; the path goes last: it is the widest and the
# only one that may be cut at 80 columns. One cell per line rather than one per field:
# the table re-renders every visible cell on each new line, and cells dominate the cost.
FIELDS = (("Time", 8), ("Method", 6), ("Status", 6), ("Latency", 8), ("Try", 3))
GAP = "  "


def clock(stamp: float) -> str:
    """Local wall-clock time, as the user reads their own terminal."""
    return time.strftime("%H:%M:%S", time.localtime(stamp))


def status_class(exchange: Exchange) -> str:
    """``2xx``/``3xx``/``4xx``/``5xx`` or ``error`` (no response at all)."""
    if exchange.status is None:
        return "error"
    return f"{exchange.status // 100}xx"


STATUS_STYLES = {"2xx": "green", "3xx": "cyan", "4xx": "yellow", "5xx": "bold red", "error": "red"}


def status_label(exchange: Exchange) -> str:
    return "error" if exchange.status is None else str(exchange.status)


def error_reason(exchange: Exchange) -> str:
    if not exchange.error:
        return ""
    return exchange.error.splitlines()[0] if exchange.error.strip() else "no response"


def header_text() -> Text:
    return Text(GAP.join(title.ljust(width) for title, width in FIELDS) + GAP + "Path")


def exchange_text(exchange: Exchange) -> Text:
    """Time, method, status, latency, attempt, path (and why it failed): never markup."""
    attempt = f"#{exchange.attempt}" if exchange.attempt > 1 else ""
    latency = f"{exchange.latency_ms:.0f} ms"
    text = Text(no_wrap=True, overflow="ellipsis")
    text.append(clock(exchange.time).ljust(8) + GAP)
    text.append(one_line(exchange.method.upper()).ljust(6), style="bold")
    text.append(GAP)
    text.append(status_label(exchange).ljust(6), style=STATUS_STYLES[status_class(exchange)])
    text.append(GAP + latency.rjust(8) + GAP + attempt.ljust(3) + GAP)
    text.append(one_line(exchange.path or exchange.url))
    if exchange.error:
        text.append(f" — {one_line(error_reason(exchange))}", style=STATUS_STYLES["error"])
    return text


def exchange_line(exchange: Exchange) -> str:
    """The line as plain text, for filters."""
    return exchange_text(exchange).plain


class LogLines(DataTable[Any]):
    """The lines: Home/End (and g/G) jump to the first/last line rather than scroll sideways."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("enter", "select_cursor", "Detail", key_display="⏎", id="log-open"),
        Binding("home,g", "scroll_top", "First line", show=False),
        Binding("end,G", "scroll_bottom", "Last line", show=False),
    ]


class ExchangeList(Widget):
    """A bounded, keyboard-navigable list of exchanges; Enter posts :class:`Opened`."""

    DEFAULT_CSS = """
    ExchangeList {
        height: auto;
        max-height: 100%;
    }
    ExchangeList > DataTable {
        height: auto;
        max-height: 100%;
    }
    """

    class Opened(Message):
        """The user opened one exchange (Enter on its line)."""

        def __init__(self, log: ExchangeList, exchange: Exchange) -> None:
            super().__init__()
            self.log = log
            self.exchange = exchange

        @property
        def control(self) -> ExchangeList:
            return self.log

    def __init__(
        self,
        *,
        max_lines: int = MAX_LINES,
        newest_first: bool = False,
        id: str | None = None,
        classes: str | None = None,
    ) -> None:
        super().__init__(id=id, classes=classes)
        self.max_lines = max_lines
        self.newest_first = newest_first
        self.exchanges: dict[str, Exchange] = {}
        self._serial = 0
        # lines added before the grid exists are kept and drawn on mount
        self._ready = False
        self._queue: list[str] = []
        self._generation = 0
        self._keep: int | None = None

    @property
    def grid(self) -> DataTable[Any]:
        return self.query_one("#lines", DataTable)

    def compose(self) -> ComposeResult:
        yield LogLines(id="lines", cursor_type="row", zebra_stripes=True)

    def on_mount(self) -> None:
        if not self.query("#lines"):
            return  # mounted while the app quits: its children were never built
        self.grid.add_column(header_text(), key="line")
        self._ready = True
        self._redraw(keep=None)

    def focus(self, scroll_visible: bool = True) -> ExchangeList:
        self.grid.focus(scroll_visible)
        return self

    @property
    def drawing(self) -> bool:
        """True while a load is still being drawn, a chunk per refresh."""
        return bool(self._queue)

    @property
    def following(self) -> bool:
        """True while the cursor sits on the newest line (or there is none)."""
        if not self._ready:
            return True
        grid = self.grid
        if grid.row_count == 0:
            return True
        newest = 0 if self.newest_first else grid.row_count - 1
        return grid.cursor_row == newest

    def add(self, exchange: Exchange) -> None:
        if not self._ready:
            self._register(exchange, trim=True)
            return
        if self.drawing:
            self._register(exchange, trim=True)
            self._redraw(keep=None)
            return
        follow = self.following
        key = self._register(exchange)
        if self.newest_first:
            self._redraw(keep=None if follow else self.grid.cursor_row + 1)
            return
        self.grid.add_row(exchange_text(exchange), key=key)
        self._trim_rows(follow)
        if follow:
            self.action_follow()

    def load(self, exchanges: Iterable[Exchange]) -> None:
        """Replace the lines; ``exchanges`` come oldest first."""
        self.exchanges.clear()
        for exchange in list(exchanges)[-self.max_lines :]:
            self._register(exchange)
        if self._ready:
            self._redraw(keep=None)

    def clear(self) -> None:
        self.exchanges.clear()
        if self._ready:
            self._redraw(keep=None)

    def _register(self, exchange: Exchange, *, trim: bool = False) -> str:
        self._serial += 1
        key = str(self._serial)
        self.exchanges[key] = exchange
        if len(self.exchanges) > self.max_lines and (trim or self.newest_first):
            del self.exchanges[next(iter(self.exchanges))]
        return key

    def _redraw(self, keep: int | None) -> None:
        """Draw every line again; ``keep`` is the cursor row to restore (None: follow)."""
        self._generation += 1
        self.grid.clear()
        keys = list(self.exchanges)
        self._queue = list(reversed(keys)) if self.newest_first else keys
        self._keep = keep
        self._drain(self._generation)

    def _drain(self, generation: int) -> None:
        # DataTable measures every new row on idle: hundreds of lines drawn in one go
        # would freeze the screen, so a load goes in a chunk per refresh
        if generation != self._generation:
            return
        grid = self.grid
        batch, self._queue = self._queue[:CHUNK], self._queue[CHUNK:]
        for key in batch:
            exchange = self.exchanges.get(key)
            if exchange is not None:
                grid.add_row(exchange_text(exchange), key=key)
        if self._queue:
            self.call_after_refresh(self._drain, generation)
        elif self._keep is None:
            self.action_follow()
        elif grid.row_count:
            grid.move_cursor(row=min(self._keep, grid.row_count - 1), scroll=False)

    def _trim_rows(self, follow: bool) -> None:
        grid = self.grid
        while len(self.exchanges) > self.max_lines:
            oldest = next(iter(self.exchanges))
            del self.exchanges[oldest]
            grid.remove_row(oldest)
            if not follow and grid.cursor_row > 0:
                # the line under the cursor moved up by one; stay on it
                grid.move_cursor(row=grid.cursor_row - 1, scroll=False)

    def highlighted(self) -> Exchange | None:
        if not self._ready:
            return None
        grid = self.grid
        if grid.row_count == 0:
            return None
        key = grid.coordinate_to_cell_key(grid.cursor_coordinate).row_key.value
        return self.exchanges.get(key or "")

    def action_follow(self) -> None:
        grid = self.grid
        if grid.row_count:
            grid.move_cursor(row=0 if self.newest_first else grid.row_count - 1)

    @on(DataTable.RowSelected, "#lines")
    def selected(self, event: DataTable.RowSelected) -> None:
        event.stop()
        self.action_open()

    def action_open(self) -> None:
        exchange = self.highlighted()
        if exchange is None:
            return
        self.post_message(self.Opened(self, exchange))
