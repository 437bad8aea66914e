"""Offered at launch when an autosaved draft differs from what would otherwise open."""

from __future__ import annotations

import time
from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Button, Static

from ...text_safety import block


def age_text(saved_at: float, now: float | None = None) -> str:
    seconds = max(0, int((time.time() if now is None else now) - saved_at))
    if seconds < 90:
        return "less than two minutes ago"
    if seconds < 90 * 60:
        return f"{round(seconds / 60)} minutes ago"
    if seconds < 36 * 3600:
        return f"{round(seconds / 3600)} hours ago"
    return f"{round(seconds / 86400)} days ago"


def draft_description(
    preset_name: str | None,
    changed: list[str],
    saved_at: float,
    version: str,
    *,
    endpoint_name: object = None,
) -> str:
    where = f"preset {preset_name!r}" if preset_name else "a new, unsaved endpoint"
    if isinstance(endpoint_name, str) and endpoint_name:
        where += f" named {endpoint_name!r}"
    fields = ", ".join(changed[:6]) + (" …" if len(changed) > 6 else "")
    lines = [
        f"Unsaved changes to {where} were kept from a session that did not end cleanly",
        f"({age_text(saved_at)}, {version} API).",
    ]
    if fields:
        lines.append(f"Changed: {fields}")
    lines.append("Restore them? Discarding deletes the draft.")
    return "\n".join(lines)


class RestoreDraft(ModalScreen[bool | None]):
    """Dismisses True to restore the draft, False to discard it, None (esc) to decide later:
    the draft stays on disk and is offered again at the next launch."""

    DEFAULT_CSS = """
    RestoreDraft {
        align: center middle;
        & > Vertical {
            width: 70;
            max-width: 100%;
            height: auto;
            border: thick $accent 60%;
            background: $surface;
            padding: 1 2;
        }
        & #restore-title {
            text-style: bold;
            margin-bottom: 1;
        }
        & #restore-buttons {
            height: auto;
            margin-top: 1;
            align-horizontal: right;
        }
        & #restore-buttons Button {
            margin-left: 2;
        }
        & #restore-keys {
            color: $text-muted;
            margin-top: 1;
        }
    }
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("r,y", "restore", "Restore", id="restore-yes"),
        Binding("d,n", "discard", "Discard", id="restore-no"),
        Binding("escape", "later", "Not now", id="restore-later"),
        Binding("left", "app.focus_previous", "Previous button", show=False, id="restore-left"),
        Binding("right", "app.focus_next", "Next button", show=False, id="restore-right"),
    ]

    def __init__(self, description: str, position: tuple[int, int] = (1, 1)) -> None:
        super().__init__()
        self.description = description
        self.position = position  # this draft's place among those offered: (1, 2) is 1 of 2

    def compose(self) -> ComposeResult:
        number, total = self.position
        count = f" ({number} of {total})" if total > 1 else ""
        with Vertical():
            yield Static(f"Restore the unsaved draft?{count}", id="restore-title", markup=False)
            yield Static(Content(block(self.description)), id="restore-body")
            with Horizontal(id="restore-buttons"):
                yield Button("Discard", id="discard")
                yield Button("Restore", id="restore", variant="primary")
            yield Static(
                "r restore · d discard · esc not now (kept for the next launch)",
                id="restore-keys",
            )

    def on_mount(self) -> None:
        # losing work is the costly mistake here, so Enter restores
        self.query_one("#restore", Button).focus()

    @on(Button.Pressed, "#restore")
    def action_restore(self) -> None:
        self.dismiss(True)

    @on(Button.Pressed, "#discard")
    def action_discard(self) -> None:
        self.dismiss(False)

    def action_later(self) -> None:
        self.dismiss(None)
