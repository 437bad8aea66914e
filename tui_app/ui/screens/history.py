"""Earlier exchanges from history.jsonl (and its rotated files), newest first, filterable.

The files are read in a thread: a long history on a slow disk must not freeze the screen.
Unreadable lines are skipped by the reader; a missing file is simply an empty history.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import ClassVar

from textual import events, on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Footer, Input, Static
from textual.worker import Worker, WorkerState

from ...api.history import read_history
from ...api.types import Exchange
from ...text_safety import block, one_line
from ..controls.exchange_lines import ExchangeList, exchange_line
from .exchange_detail import ExchangeDetail

LIMIT = 1000  # newest exchanges shown; reading more only slows the opening


def history_files(path: Path) -> list[Path]:
    """The current file and its rotations (``history.jsonl.1``, ``.2``...), newest first."""
    rotated = []
    for candidate in path.parent.glob(f"{path.name}.*"):
        suffix = candidate.name.removeprefix(f"{path.name}.")
        if suffix.isdigit():
            rotated.append((int(suffix), candidate))
    return [path, *(p for _, p in sorted(rotated))]


def load_history(path: Path, limit: int = LIMIT) -> list[Exchange]:
    """Up to ``limit`` exchanges from every history file, oldest first."""
    found: list[Exchange] = []
    for file in history_files(path):  # newest file first: older ones only fill the gap
        if len(found) >= limit:
            break
        found = read_history(file, limit - len(found)) + found
    found.sort(key=lambda exchange: exchange.time)
    return found[-limit:]


def haystack(exchange: Exchange) -> str:
    """What a filter looks in: the line as shown, the URL and the operation."""
    return f"{exchange_line(exchange)} {exchange.url} {exchange.operation}".lower()


def matches(text: str, query: str) -> bool:
    """Every word of the query appears in ``text`` (a :func:`haystack`)."""
    return all(word in text for word in re.split(r"\s+", query.lower().strip()) if word)


class HistoryScreen(ModalScreen[None]):
    """Browse history: arrows move, Enter opens the detail, typing (or /) filters, Esc closes."""

    DEFAULT_CSS = """
    HistoryScreen {
        align: center middle;
    }
    HistoryScreen > #dialog {
        width: 100%;
        max-width: 120;
        height: 1fr;
        margin: 1 0 1 0;
        border: thick $primary 60%;
        background: $surface;
    }
    HistoryScreen #title {
        padding: 0 1;
        text-style: bold;
    }
    HistoryScreen #filter {
        margin: 0 1;
    }
    HistoryScreen #status {
        padding: 0 1;
        color: $text-muted;
    }
    HistoryScreen ExchangeList {
        height: 1fr;
    }
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "close", "Close", id="history-close"),
        Binding("slash", "filter", "Filter", key_display="/", id="history-filter"),
    ]

    def __init__(self, history_path: Path, *, key_variable: str | None = None) -> None:
        super().__init__()
        self.history_path = history_path
        # where a curl copied from an exchange reads the key from
        self.key_variable = key_variable
        self.everything: list[tuple[Exchange, str]] = []

    @property
    def log_view(self) -> ExchangeList:
        return self.query_one(ExchangeList)

    def compose(self) -> ComposeResult:
        with Vertical(id="dialog"):
            yield Static(Content(f"History — {one_line(self.history_path)}"), id="title")
            yield Input(placeholder="type to filter by path, method or status", id="filter")
            yield Static(Content("Reading history…"), id="status")
            yield ExchangeList(newest_first=True, max_lines=LIMIT, id="history-log")
        yield Footer()

    def on_mount(self) -> None:
        self.log_view.focus()
        self.read()

    @work(thread=True, exclusive=True, group="history-read", exit_on_error=False)
    def read(self) -> None:
        # the filter texts are built here too: per keystroke it is then a substring test
        found = [(e, haystack(e)) for e in load_history(self.history_path)]
        self.app.call_from_thread(self.show, found)

    @on(Worker.StateChanged)
    def read_failed(self, event: Worker.StateChanged) -> None:
        if event.state is WorkerState.ERROR and event.worker.group == "history-read":
            reason = event.worker.error
            text = f"Could not read history: {block(reason)}"
            self.query_one("#status", Static).update(Content(text))

    def show(self, found: list[tuple[Exchange, str]]) -> None:
        self.everything = found
        self.apply_filter()

    def apply_filter(self) -> None:
        query = self.query_one("#filter", Input).value
        shown = [e for e, text in self.everything if not query or matches(text, query)]
        self.log_view.load(shown)
        self.query_one("#status", Static).update(Content(self.status_line(len(shown), query)))

    def status_line(self, shown: int, query: str) -> str:
        total = len(self.everything)
        if total == 0:
            return "No exchanges in history yet."
        if query:
            return f"{shown} of {total} exchanges match — Enter opens one"
        return f"{total} exchanges, newest first — Enter opens one"

    @on(ExchangeList.Opened)
    def opened(self, event: ExchangeList.Opened) -> None:
        self.app.push_screen(ExchangeDetail(event.exchange, key_variable=self.key_variable))

    @on(Input.Changed, "#filter")
    def filter_changed(self) -> None:
        self.apply_filter()

    @on(Input.Submitted, "#filter")
    def filter_done(self) -> None:
        self.log_view.focus()

    def on_key(self, event: events.Key) -> None:
        # typing filters at once; keys the list binds (g, G, Enter) have run before this
        box = self.query_one("#filter", Input)
        if box.has_focus or not event.is_printable or not event.character:
            return
        event.stop()
        box.focus()
        box.insert_text_at_cursor(event.character)

    def action_filter(self) -> None:
        self.query_one("#filter", Input).focus()

    def action_close(self) -> None:
        self.dismiss(None)
