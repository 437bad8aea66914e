"""The last guard between painted text and the terminal.

Every place that shows data makes it visible first (:mod:`tui_app.text_safety`); Textual's
own widgets do not (an Input shows its value as it is, and Textual drops only a few control
codes). :class:`ControlCharFilter` runs on every painted line and drops whatever control, bidi or
unencodable character is left, so none of them is ever written to the terminal.
"""

from __future__ import annotations

from collections.abc import Sequence

from rich.segment import Segment
from textual.color import Color
from textual.filter import LineFilter
from textual.notifications import SeverityLevel

from ..text_safety import block, one_line, without_controls


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


class SafeDisplay:
    """Mixed into EndpointApp: notifications as plain visible text, and the filter above."""

    _control_filter = ControlCharFilter()

    def get_line_filters(self) -> Sequence[LineFilter]:
        return [*super().get_line_filters(), self._control_filter]  # type: ignore[misc]

    def notify(
        self,
        message: str,
        *,
        title: str = "",
        severity: SeverityLevel = "information",
        timeout: float | None = None,
        markup: bool = True,
    ) -> None:
        # every notification here carries data (names, paths, server messages), so none is
        # read as markup; ``markup`` stays in the signature for Textual's own callers
        super().notify(  # type: ignore[misc]
            block(message),
            title=one_line(title),
            severity=severity,
            timeout=timeout,
            markup=False,
        )
