"""The request/response exchanges of this session: where history is kept, and who listens."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

Listener = Callable[[Any], None]


class Exchanges:
    def __init__(self, history_path: Path) -> None:
        self.history_path = history_path
        self._listeners: list[Listener] = []

    def subscribe(self, listener: Listener) -> Callable[[], None]:
        """Call ``listener`` with each new exchange; returns the way to stop."""
        self._listeners.append(listener)

        def unsubscribe() -> None:
            if listener in self._listeners:
                self._listeners.remove(listener)

        return unsubscribe

    def publish(self, exchange: Any) -> None:
        for listener in list(self._listeners):
            listener(exchange)
