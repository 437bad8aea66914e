"""The last guard between painted text and the terminal.

Every place that shows data makes it visible first (:mod:`tui_app.text_safety`); Textual's
own widgets do not (an Input shows its value as it is, and Textual drops only a few control
codes). :class:`ControlCharFilter`, the app's line filter, runs on every painted line and
drops whatever control, bidi or unencodable character is left, so none of them is ever
written to the terminal.
"""

from __future__ import annotations

from rich.segment import Segment
from textual.color import Color
from textual.filter import LineFilter

from ..text_safety import without_controls


class ControlCharFilter(LineFilter):
    """Drops control characters from the text of painted segments (they are zero cells wide,
    so nothing moves); the app's own control segments pass untouched."""

    def apply(self, segments: list[Segment], background: Color) -> list[Segment]:
        if all(control or text.isprintable() for text, _, control in segments):
            return segments
        return [
            segment if segment.control else Segment(without_controls(segment.text), segment.style)
            for segment in segments
        ]
