"""The cost estimate of the workers (from list prices) at the top of the Workers tab.

Hidden while no price is known, so the tab looks the same until the products are loaded.
"""

from __future__ import annotations

from textual.content import Content
from textual.widgets import Static

from ...text_safety import one_line


class CostLine(Static):
    DEFAULT_CSS = """
    CostLine {
        height: 1;
        padding: 0 1;
        color: $text-muted;
        display: none;
    }
    CostLine.-known {
        display: block;
    }
    """

    def __init__(self) -> None:
        super().__init__(Content(""), id="cost-line")
        self.text = ""

    def show_cost(self, text: str | None) -> None:
        """``text`` is the estimate (``Cost.describe()``), or None when no price is known."""
        text = text or ""
        if text == self.text:
            return
        self.text = text
        self.update(Content(one_line(f"Cost: {text}")) if text else Content(""))
        self.set_class(bool(text), "-known")
