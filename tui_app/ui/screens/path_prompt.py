"""Ask for one file path (the .env file to import); Enter accepts, Esc cancels."""

from __future__ import annotations

from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Input, Static

from ...text_safety import block


class PathPrompt(ModalScreen[str | None]):
    """Dismisses with the typed path (stripped, never empty) or None."""

    DEFAULT_CSS = """
    PathPrompt {
        align: center middle;
    }
    PathPrompt > #dialog {
        width: 70;
        max-width: 100%;
        height: auto;
        padding: 1 2;
        border: thick $primary 60%;
        background: $surface;
    }
    PathPrompt #title {
        text-style: bold;
    }
    PathPrompt #keys {
        color: $text-muted;
    }
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "cancel", "Cancel", id="path-prompt-cancel"),
    ]

    def __init__(self, title: str, *, value: str = "", placeholder: str = "") -> None:
        super().__init__()
        self.title_text = title
        self.value = value
        self.placeholder = placeholder

    def compose(self) -> ComposeResult:
        with Vertical(id="dialog"):
            yield Static(Content(block(self.title_text)), id="title")
            yield Input(self.value, placeholder=self.placeholder, id="path")
            yield Static(Content("enter to accept · esc to cancel"), id="keys")

    def on_mount(self) -> None:
        self.query_one("#path", Input).focus()

    @on(Input.Submitted, "#path")
    def accept(self, event: Input.Submitted) -> None:
        text = event.value.strip()
        if text:
            self.dismiss(text)

    def action_cancel(self) -> None:
        self.dismiss(None)
