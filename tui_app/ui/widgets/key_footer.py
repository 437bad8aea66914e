"""The footer of the main screen: help and the palette first, so a narrow terminal keeps them.

A focused table adds its own keys in front of the screen's; at 80 columns the tail of the
line (where Textual puts the app's keys) falls off. The way to every other key stays in view.
"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.widgets import Footer
from textual.widgets._footer import FooterKey

from ..actions import FOOTER_FIRST


def _rank(widget: object) -> int:
    if isinstance(widget, FooterKey):
        name = widget.action.rsplit(".", 1)[-1]
        if name in FOOTER_FIRST:
            return FOOTER_FIRST.index(name)
    return len(FOOTER_FIRST)


class KeyFooter(Footer):
    def compose(self) -> ComposeResult:
        yield from sorted(super().compose(), key=_rank)
