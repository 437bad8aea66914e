"""The request/response log: the session's exchanges, newest at the bottom; Enter shows one in
full and ``h`` browses earlier ones from history."""

from __future__ import annotations

from pathlib import Path
from typing import ClassVar

from textual.binding import Binding, BindingType

from ..controls.exchange_lines import MAX_LINES, ExchangeList


class RequestLog(ExchangeList):
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("h", "history", "History", id="log-history"),
    ]

    def __init__(
        self,
        *,
        max_lines: int = MAX_LINES,
        newest_first: bool = False,
        history_path: Path | None = None,
        id: str | None = None,
        classes: str | None = None,
    ) -> None:
        super().__init__(max_lines=max_lines, newest_first=newest_first, id=id, classes=classes)
        # where ``h`` reads earlier exchanges from (None: no history to browse)
        self.history_path = history_path
        # where a curl copied from an exchange reads the key from (the target's variable)
        self.key_variable: str | None = None

    def action_open(self) -> None:
        exchange = self.highlighted()
        super().action_open()
        if exchange is not None:
            from ..screens.exchange_detail import ExchangeDetail

            self.app.push_screen(ExchangeDetail(exchange, key_variable=self.key_variable))

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "history":
            return self.history_path is not None
        return True

    def action_history(self) -> None:
        if self.history_path is None:
            return
        from ..screens.history import HistoryScreen

        self.app.push_screen(HistoryScreen(self.history_path, key_variable=self.key_variable))
