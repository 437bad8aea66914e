"""The common ground of flows: how they run work and how they report.

A flow gets two callables: ``post`` delivers a message to whoever renders it (a screen's
``post_message``), and ``run`` starts a coroutine as a worker (a screen's ``run_worker``).
Blocking calls go to a thread through :meth:`Flow.io`; a failure there is reported as
:class:`Failed` and ends that piece of work, never as a traceback.
"""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import Callable, Coroutine
from typing import Any, Protocol, TypeVar

from textual.message import Message

T = TypeVar("T")
Post = Callable[[Message], object]


class Run(Protocol):
    def __call__(
        self, work: Coroutine[Any, Any, Any], *, group: str = ..., exclusive: bool = ...
    ) -> object: ...


class Note(Message):
    """Something to tell the user, in a toast (the app shows it, wherever it was posted)."""

    def __init__(
        self,
        text: str,
        *,
        title: str = "",
        severity: str = "information",
        timeout: float | None = None,
    ) -> None:
        super().__init__()
        self.text = text
        self.title = title
        self.severity = severity
        self.timeout = timeout


class Failed(Message):
    """A piece of work failed: ``what`` it was and why (the app shows it)."""

    def __init__(self, what: str, error: BaseException) -> None:
        super().__init__()
        self.what = what
        self.error = error

    @property
    def text(self) -> str:
        reason = str(self.error) or type(self.error).__name__
        return f"{self.what} failed: {reason}" if self.what else reason


class Reported(Exception):
    """The failure was posted as :class:`Failed`; the work stops here."""


class Flow:
    def __init__(self, post: Post, run: Run) -> None:
        self.post = post
        self.run = run

    def note(self, text: str, **options: Any) -> None:
        self.post(Note(text, **options))

    def spawn(
        self, work: Coroutine[Any, Any, Any], *, group: str = "io", exclusive: bool = False
    ) -> None:
        """Run ``work`` as a worker; a failure it already reported ends it quietly."""

        async def guarded() -> None:
            with contextlib.suppress(Reported):
                await work

        self.run(guarded(), group=group, exclusive=exclusive)

    async def io(self, what: str, fn: Callable[..., T], *args: Any, **kwargs: Any) -> T:
        """``fn(*args, **kwargs)`` in a thread; a failure is posted as :class:`Failed`."""
        try:
            return await asyncio.to_thread(fn, *args, **kwargs)
        except Exception as exc:  # reported to the user, whatever it is
            self.post(Failed(what, exc))
            raise Reported(what) from exc
