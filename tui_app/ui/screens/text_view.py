"""A modal to read text in: an endpoint's detail, a diff. Esc, q or enter closes it."""

from __future__ import annotations

from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical, VerticalScroll
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Static

from ...text_safety import block


class TextView(ModalScreen[None]):
    """``text`` is data (server answers, names): shown as plain text, never markup."""

    DEFAULT_CSS = """
    TextView {
        align: center middle;
    }
    TextView > #dialog {
        width: 100;
        max-width: 100%;
        height: auto;
        max-height: 100%;
        padding: 1 2;
        border: thick $primary 60%;
        background: $surface;
    }
    TextView #title {
        text-style: bold;
        margin-bottom: 1;
    }
    TextView #text-scroll {
        height: auto;
        max-height: 40;
    }
    TextView #keys {
        color: $text-muted;
        margin-top: 1;
    }
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,q,enter", "close", "Close", id="text-view-close"),
    ]

    def __init__(self, title: str, text: str) -> None:
        super().__init__()
        self.title_text = title
        self.text = text

    def compose(self) -> ComposeResult:
        with Vertical(id="dialog"):
            yield Static(Content(block(self.title_text)), id="title")
            with VerticalScroll(id="text-scroll"):
                yield Static(Content(block(self.text, limit=200_000)), id="text")
            yield Static(Content("esc, q or enter close · arrows scroll"), id="keys")

    def on_mount(self) -> None:
        self.query_one("#text-scroll").focus()

    def action_close(self) -> None:
        self.dismiss(None)
