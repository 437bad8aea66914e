"""A create whose outcome is not confirmed (conflict or unknown), with "check again".

Check again re-runs only the look-up by name (``PpioClient.check_create``): the create is
never sent from here. The text comes from the server and the user, so it is shown as
plain :class:`Content`, never parsed as markup.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Any, ClassVar

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Button, Static

from ...text_safety import block
from .confirm import ConfirmModal

TITLES = {
    "created": "Created",
    "recovered": "Created (the answer was lost, the endpoint found)",
    "conflict": "Not confirmed: another endpoint has this name",
    "unknown": "Unknown: the create may or may not have happened",
}


class CreateOutcomeModal(ModalScreen[Any]):
    """Dismisses with the latest result; ``check`` looks the endpoint up once more."""

    # the same dialog as the yes/no question's
    DEFAULT_CSS = ConfirmModal.DEFAULT_CSS.replace("ConfirmModal", "CreateOutcomeModal")

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("c", "check_again", "Check again", id="create-check-again"),
        Binding("escape", "close", "Close", id="create-outcome-close"),
        Binding("left", "app.focus_previous", "Previous button", show=False),
        Binding("right", "app.focus_next", "Next button", show=False),
    ]

    def __init__(self, result: Any, check: Callable[[Any], Awaitable[Any]]) -> None:
        super().__init__()
        self.result = result
        self._check = check
        self.checking = False

    def compose(self) -> ComposeResult:
        with Vertical(id="dialog"):
            yield Static(id="title")
            with VerticalScroll(id="body-scroll"):
                yield Static(id="body")
            with Horizontal(id="buttons"):
                yield Button(Content("Close"), id="close")
                yield Button(Content("Check again"), id="check-again", variant="primary")
            yield Static(
                Content("c looks the endpoint up again (never re-sends the create) · esc closes"),
                id="keys",
            )

    def on_mount(self) -> None:
        self.show(self.result)
        self.query_one("#check-again", Button).focus()

    def show(self, result: Any, note: str = "") -> None:
        self.result = result
        self.query_one("#title", Static).update(Content(TITLES[result.outcome]))
        body = block(result.describe())  # names, ids and server words are data
        self.query_one("#body", Static).update(Content(f"{note}{body[:1].upper()}{body[1:]}"))
        button = self.query_one("#check-again", Button)
        button.disabled = result.ok
        if result.ok:
            self.query_one("#close", Button).focus()

    @property
    def body_text(self) -> str:
        return str(self.query_one("#body", Static).content)

    @on(Button.Pressed, "#check-again")
    def action_check_again(self) -> None:
        if self.checking or self.result.ok:
            return
        self.checking = True
        self.query_one("#check-again", Button).disabled = True
        self.query_one("#title", Static).update(Content("Looking the endpoint up…"))
        self.look_up()

    @work(exclusive=True, group="create-check", exit_on_error=False)
    async def look_up(self) -> None:
        try:
            result = await self._check(self.result)
        except Exception as exc:  # shown, and the previous outcome kept
            self.show(self.result, f"Looking it up failed: {exc}\n\n")
        else:
            self.show(result)
        finally:
            self.checking = False
            if not self.result.ok:
                self.query_one("#check-again", Button).disabled = False

    @on(Button.Pressed, "#close")
    def action_close(self) -> None:
        self.dismiss(self.result)
