"""A one-line question: a preset name, a file path. Dismisses with the text, or None on esc."""

from __future__ import annotations

from collections.abc import Callable
from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Input, Static

from ...text_safety import block


class PromptModal(ModalScreen[str | None]):
    DEFAULT_CSS = """
    PromptModal {
        align: center middle;
        & > Vertical {
            width: 64;
            max-width: 100%;
            height: auto;
            border: thick $primary 60%;
            background: $surface;
            padding: 1 2;
        }
        & #prompt-title {
            text-style: bold;
            margin-bottom: 1;
        }
        & #prompt-error {
            color: $text-error;
            display: none;
        }
        & #prompt-error.-shown {
            display: block;
        }
        & #prompt-keys {
            color: $text-muted;
            margin-top: 1;
        }
    }
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "cancel", "Cancel", id="prompt-cancel")
    ]

    def __init__(
        self,
        title: str,
        value: str = "",
        *,
        placeholder: str = "",
        check: Callable[[str], str | None] | None = None,
        password: bool = False,
    ) -> None:
        super().__init__()
        self.title_text = title
        self.value = value
        self.placeholder = placeholder
        # returns a message when the text cannot be used; the modal stays open
        self.check = check
        # a secret: masked on screen, and kept exactly as typed
        self.password = password

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Static(Content(block(self.title_text)), id="prompt-title")
            yield Input(
                self.value, placeholder=self.placeholder, password=self.password, id="prompt-input"
            )
            yield Static("", id="prompt-error")
            yield Static("enter accepts · esc cancels", id="prompt-keys")

    @on(Input.Submitted, "#prompt-input")
    def _submitted(self, event: Input.Submitted) -> None:
        event.stop()
        text = event.value if self.password else event.value.strip()
        problem = self.check(text) if self.check else None
        if problem:
            error = self.query_one("#prompt-error", Static)
            error.update(Content(f"✗ {block(problem)}"))
            error.add_class("-shown")
            return
        self.dismiss(text)

    def action_cancel(self) -> None:
        self.dismiss(None)
