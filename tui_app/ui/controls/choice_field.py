"""A choice among a few values, all on one line: ``● sync  ○ async``.

The form's enums have two or three values, so every choice is visible and one key picks
one: left/right step, a choice's first letter jumps to it, delete clears. It is a single
widget, where a drop-down is five and an overlay, which keeps the first frame fast.
"""

from __future__ import annotations

from typing import ClassVar

from textual import events
from textual.binding import Binding, BindingType
from textual.content import Content
from textual.message import Message
from textual.reactive import reactive
from textual.widget import Widget

ON, OFF = "●", "○"
GAP = "  "


class ChoiceField(Widget, can_focus=True):
    """``ChoiceField(("sync", "async"), value="sync")``; ``value`` is None when not set."""

    DEFAULT_CSS = """
    ChoiceField {
        height: 1;
        width: 1fr;
        color: $text-muted;
        &:focus {
            color: $text;
        }
    }
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("right", "step(1)", "Next choice", show=False),
        Binding("left", "step(-1)", "Previous choice", show=False),
        Binding("space", "step(1)", "Next choice", show=False),
        Binding("delete,backspace", "clear", "Clear", show=False),
    ]

    value: reactive[str | None] = reactive(None)

    class Changed(Message):
        """The user picked a value (None: cleared)."""

        def __init__(self, choice_field: ChoiceField, value: str | None) -> None:
            super().__init__()
            self.choice_field = choice_field
            self.value = value

        @property
        def control(self) -> ChoiceField:
            return self.choice_field

    def __init__(
        self, choices: tuple[str, ...], *, value: str | None = None, id: str | None = None
    ) -> None:
        super().__init__(id=id)
        self.choices = choices
        self.set_reactive(ChoiceField.value, value if value in choices else None)

    def render(self) -> Content:
        parts: list[str | tuple[str, str]] = []
        for index, choice in enumerate(self.choices):
            if index:
                parts.append(GAP)
            chosen = choice == self.value
            style = "bold $accent" if chosen else ""
            if chosen and self.has_focus:
                style = "bold reverse $accent"
            parts.append((f"{ON if chosen else OFF} {choice}", style))
        if self.value is None:
            parts.append((f"{GAP}(not set)", "italic $text-muted"))
        return Content.assemble(*parts)

    def pick(self, value: str | None) -> None:
        """Set the value as the user would, announcing the change."""
        if value != self.value:
            self.value = value
            self.post_message(self.Changed(self, value))

    def action_step(self, step: int) -> None:
        if self.value is None:
            index = 0 if step > 0 else len(self.choices) - 1
        else:
            index = (self.choices.index(self.value) + step) % len(self.choices)
        self.pick(self.choices[index])

    def action_clear(self) -> None:
        self.pick(None)

    def on_key(self, event: events.Key) -> None:
        if event.character is None or not event.character.isalnum():
            return
        letter = event.character.lower()
        found = [c for c in self.choices if c.lower().startswith(letter)]
        if found:
            event.stop()
            # the same letter again moves on among choices that share it
            index = (found.index(self.value) + 1) % len(found) if self.value in found else 0
            self.pick(found[index])

    def on_click(self, event: events.Click) -> None:
        x = 0
        for choice in self.choices:
            width = len(f"{ON} {choice}")
            if x <= event.x < x + width:
                self.pick(choice)
                return
            x += width + len(GAP)

    def watch_value(self) -> None:
        self.refresh()

    def on_focus(self) -> None:
        self.refresh()

    def on_blur(self) -> None:
        self.refresh()
