"""A look-up's drop-down as it looks while closed: the chosen id's text, or a prompt, and ▼.

A form with a product, a region and a registry auth would otherwise mount three drop-downs
(six widgets and an option list each, about 1 MiB together) before anyone opens one. This
single widget stands in for one until its field is entered; a click asks for the real one.
"""

from __future__ import annotations

from textual import events
from textual.content import Content
from textual.message import Message
from textual.reactive import reactive
from textual.widget import Widget

ARROW = "▼"


class ClosedChoices(Widget):
    """``ClosedChoices("RTX 4090 24GB · $0.69/h", chosen=True)``: drawn like a compact Select."""

    # the look of Textual's compact Select (SelectCurrent), so swapping one for the other
    # moves nothing on screen
    DEFAULT_CSS = """
    ClosedChoices {
        width: 1fr;
        height: 1;
        padding: 0 1 0 0;
        color: $foreground 50%;
        background: $surface;
        pointer: pointer;
        &.-chosen {
            color: $foreground;
        }
        &:ansi {
            color: ansi_default;
            background: ansi_default;
        }
    }
    """

    text: reactive[str] = reactive("")

    class Opened(Message):
        """The user clicked it: the real drop-down is wanted, open."""

    def __init__(self, text: str, *, chosen: bool, id: str | None = None) -> None:
        super().__init__(id=id)
        self.set_reactive(ClosedChoices.text, text)
        self.set_class(chosen, "-chosen")

    def show(self, text: str, *, chosen: bool) -> None:
        self.text = text
        self.set_class(chosen, "-chosen")

    def render(self) -> Content:
        room = max(0, self.content_size.width - 1 - len(ARROW))
        # the text comes from a server: plain text, never markup
        label = Content(self.text).truncate(room, ellipsis=True, pad=True)
        return Content.assemble(label, " ", (ARROW, "$foreground 50%"))

    def on_click(self, event: events.Click) -> None:
        event.stop()
        self.post_message(self.Opened())
