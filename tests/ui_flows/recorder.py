"""What a flow is given, without an app: a list for what it posts, a queue for its work, and
answers for its questions."""

from __future__ import annotations

from collections.abc import Callable, Coroutine
from typing import Any, TypeVar

from tui_app.ui.flows.base import Failed, Note

M = TypeVar("M")


class Recorder:
    def __init__(self, *answers: Any) -> None:
        self.posted: list[Any] = []
        self.work: list[tuple[str, Coroutine[Any, Any, Any]]] = []
        self.asked: list[Any] = []
        self.answers = list(answers)

    def post(self, message: Any) -> None:
        self.posted.append(message)

    def run(
        self, work: Coroutine[Any, Any, Any], *, group: str = "io", exclusive: bool = False
    ) -> None:
        self.work.append((group, work))

    def ask(self, question: Any, answered: Callable[[Any], None]) -> None:
        self.asked.append(question)
        answered(self.answers.pop(0) if self.answers else None)

    async def drain(self) -> list[str]:
        """Run the work queued so far, and the work it queues; returns the groups run."""
        groups = []
        while self.work:
            group, work = self.work.pop(0)
            groups.append(group)
            await work
        return groups

    def of(self, kind: type[M]) -> list[M]:
        return [m for m in self.posted if isinstance(m, kind)]

    @property
    def notes(self) -> list[str]:
        return [m.text for m in self.of(Note)]

    @property
    def failures(self) -> list[str]:
        return [m.text for m in self.of(Failed)]
