"""The request/response log's place below the form: hidden, shown (ctrl+l) or enlarged (f9).

It shows the session's exchanges as they come. The log itself is mounted after the first
paint: it pulls in the API types.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from textual.containers import Vertical
from textual.message import Message

from ..services import Exchanges


class LogDock(Vertical):
    class Logged(Message, bubble=False):
        """One exchange from the client, delivered on the event loop."""

        def __init__(self, exchange: Any) -> None:
            super().__init__()
            self.exchange = exchange

    def __init__(self, exchanges: Exchanges, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.exchanges = exchanges
        self._unsubscribe: Callable[[], None] | None = None
        self._key_variable: str | None = None

    def on_mount(self) -> None:
        self._unsubscribe = self.exchanges.subscribe(
            lambda exchange: self.post_message(self.Logged(exchange))
        )

    def on_unmount(self) -> None:
        if self._unsubscribe is not None:
            self._unsubscribe()

    @property
    def log(self) -> Any:
        found = self.query("#log")
        return found.first() if found else None

    async def mount_log(self) -> None:
        from .request_log import RequestLog

        if not self.children:
            log = RequestLog(history_path=self.exchanges.history_path, id="log")
            log.key_variable = self._key_variable
            await self.mount(log)

    def use_key_variable(self, name: str | None) -> None:
        """Where curls copied from the log read the key from: the target's variable."""
        self._key_variable = name
        if self.log is not None:
            self.log.key_variable = name

    def on_log_dock_logged(self, event: Logged) -> None:
        log = self.log
        if log is not None:
            log.add(event.exchange)

    def open_history(self) -> None:
        """Earlier exchanges, from history.jsonl."""
        from ..screens.history import HistoryScreen

        history = HistoryScreen(self.exchanges.history_path, key_variable=self._key_variable)
        self.app.push_screen(history)

    def toggle(self) -> None:
        self.set_class(not self.has_class("-shown"), "-shown")
        if not self.has_class("-shown"):
            self.remove_class("-large")

    def enlarge(self) -> None:
        self.add_class("-shown")
        self.set_class(not self.has_class("-large"), "-large")

    async def focus_log(self) -> None:
        """Show the log and put the focus in it, from wherever the focus was."""
        self.add_class("-shown")
        await self.mount_log()
        self.log.focus()
