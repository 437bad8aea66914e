"""The editor's start-up. The first frame shows the rows of the General tab that fit; once it
is on the terminal the other tabs are built one per refresh, and a worker opens the stores,
the preset named on the command line and any draft, resolves the target and loads what the
first modal needs. The HTTP client is built later, on first need.
"""

from __future__ import annotations

import asyncio
import gc
from collections.abc import Callable, Coroutine
from typing import Any

from .editor_form import FormView


def warm_up() -> None:
    """Load what the first look at a modal or a table needs (runs in a thread)."""
    from ..screens import confirm, preset_picker, row_editor  # noqa: F401


class Startup:
    def __init__(
        self,
        form: FormView,
        *,
        background: Callable[[], Coroutine[Any, Any, None]],
        tabs_built: Callable[[], None],
        next_refresh: Callable[[Callable[[], None]], object],
        leaving: Callable[[], bool],
    ) -> None:
        self.form = form
        self.background = background
        self.tabs_built = tabs_built
        self.next_refresh = next_refresh
        self.leaving = leaving
        # set once the tabs are built and the background work is back (tests wait on it)
        self.started = asyncio.Event()
        self._steps_left = {"background", "tabs"}

    def fill_hidden_tabs(self) -> None:
        """One tab per refresh, so keys typed meanwhile are never kept waiting long."""
        if self.leaving():
            return  # quit during start-up: the tabs are going away
        if self.form.fill_next_tab() is not None:
            self.next_refresh(self.fill_hidden_tabs)
            return
        self.tabs_built()
        self.done("tabs")

    async def run_background(self) -> None:
        await self.background()
        await asyncio.to_thread(warm_up)
        self.done("background")

    def done(self, step: str) -> None:
        """Start-up is over once the tabs are built and the background work is back."""
        self._steps_left.discard(step)
        if self._steps_left or self.started.is_set():
            return
        # what exists now lives as long as the app: keep it out of the collector's full
        # sweeps, which would otherwise stall the loop for tens of milliseconds
        gc.freeze()
        self.started.set()
