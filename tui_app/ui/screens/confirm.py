"""A yes/no question in front of a destructive or costly action; Cancel has the focus."""

from __future__ import annotations

from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Button, Static

from ...text_safety import block


class ConfirmModal(ModalScreen[bool]):
    """Dismisses with True on confirm, False on cancel.

    A plain ``str`` body is shown as text (never parsed as markup, so names typed by the
    user cannot inject styles); pass a :class:`Content` for styled text.
    """

    DEFAULT_CSS = """
    ConfirmModal {
        align: center middle;
    }
    ConfirmModal > #dialog {
        width: 64;
        max-width: 100%;
        height: auto;
        max-height: 100%;
        padding: 1 2;
        border: thick $warning 60%;
        background: $surface;
    }
    ConfirmModal #title {
        text-style: bold;
        width: 1fr;
        margin-bottom: 1;
    }
    ConfirmModal #body-scroll {
        height: auto;
        max-height: 14;
    }
    ConfirmModal #buttons {
        height: auto;
        margin-top: 1;
        align-horizontal: right;
    }
    ConfirmModal #buttons Button {
        margin-left: 2;
    }
    ConfirmModal #keys {
        color: $text-muted;
        margin-top: 1;
    }
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("y", "confirm", "Confirm", id="confirm-yes"),
        Binding("n,escape", "cancel", "Cancel", id="confirm-no"),
        Binding("left", "app.focus_previous", "Previous button", show=False),
        Binding("right", "app.focus_next", "Next button", show=False),
    ]

    def __init__(
        self,
        title: str,
        body: str | Content,
        *,
        confirm_label: str = "Confirm",
        cancel_label: str = "Cancel",
    ) -> None:
        super().__init__()
        self.title_text = title
        self.body = body
        self.confirm_label = confirm_label
        self.cancel_label = cancel_label

    def compose(self) -> ComposeResult:
        body = self.body if isinstance(self.body, Content) else Content(block(self.body))
        with Vertical(id="dialog"):
            yield Static(Content(block(self.title_text)), id="title")
            with VerticalScroll(id="body-scroll"):
                yield Static(body, id="body")
            with Horizontal(id="buttons"):
                yield Button(Content(self.cancel_label), id="cancel")
                yield Button(Content(self.confirm_label), id="confirm", variant="warning")
            yield Static(Content("y confirm · n or esc cancel · tab switches"), id="keys")

    def on_mount(self) -> None:
        # the safe answer is the default: Enter right away cancels
        self.query_one("#cancel", Button).focus()

    @on(Button.Pressed, "#confirm")
    def action_confirm(self) -> None:
        self.dismiss(True)

    @on(Button.Pressed, "#cancel")
    def action_cancel(self) -> None:
        self.dismiss(False)
