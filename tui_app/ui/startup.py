"""Start-up after the first frame, and the thread plumbing every slow job uses.

The first frame shows the rows of the General tab that fit. Once it is on screen
(``on_ready``) the other tabs are built one per refresh, and a thread imports the preset
store, reads the preset named on the command line and any draft, and resolves the target.
The HTTP client is built later, on first need (:mod:`.connection`).
"""

from __future__ import annotations

import asyncio
import contextlib
import gc
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from textual.widgets import TabPane

from .form_state import SECTIONS, FormState
from .widgets.section import SectionPane

if TYPE_CHECKING:
    from textual.worker import Worker


def warm_up() -> None:
    """Load what the first look at a modal or a table needs (runs in a thread)."""
    from .screens import confirm, preset_picker, row_editor  # noqa: F401


class StartupFlow:
    """Mixed into EndpointApp; the flows it calls live in PresetsFlow and ConnectionFlow."""

    state: FormState
    cursor_blink: bool
    notify: Callable[..., Any]
    query_one: Callable[..., Any]
    call_after_refresh: Callable[..., Any]
    call_from_thread: Callable[..., Any]
    run_worker: Callable[..., Any]
    is_running: bool
    presets_in_thread: Callable[[], dict[str, Any]]
    presets_ready: Callable[[dict[str, Any]], None]
    connect_in_thread: Callable[[], Any]
    connected: Callable[[Any], None]
    mount_log: Callable[[], Any]

    def init_startup(self) -> None:
        # set once the tabs are built and the background work is back (tests wait on it)
        self.started = asyncio.Event()
        self._steps_left = {"background", "tabs"}

    def on_ready(self) -> None:
        """The first frame is on screen: build the hidden tabs, then start the slow work."""
        # what start-up made stays: out of the collector's sweeps, which resume now
        gc.freeze()
        gc.enable()
        self.start_background()
        self.fill_hidden_tabs()

    def fill_hidden_tabs(self) -> None:
        """One tab per refresh, so keys typed meanwhile are never kept waiting long."""
        if self.leaving:
            return  # quit during start-up: the tabs are going away
        for section in SECTIONS:
            tab = self.query_one(f"#tab-{section.id}", TabPane)
            if not tab.children:
                if section.id == "review":
                    from .widgets.review import Review

                    tab.mount(Review(id="review"))
                else:
                    tab.mount(SectionPane(section, self.state, cursor_blink=self.cursor_blink))
                self.call_after_refresh(self.fill_hidden_tabs)
                return
        self._steps_left.discard("tabs")
        self._check_started()

    @property
    def leaving(self) -> bool:
        """Quitting (or gone): widgets mounted now would never be built."""
        return not self.is_running or bool(getattr(self, "_exit", False))

    def _check_started(self) -> None:
        """Start-up is over once the tabs are built and the background work is back."""
        if self._steps_left or self.started.is_set():
            return
        # what exists now lives as long as the app: keep it out of the collector's full
        # sweeps, which would otherwise stall the loop for tens of milliseconds
        gc.freeze()
        self.started.set()

    # -- background work ----------------------------------------------------------------
    def start_background(self) -> None:
        """After the first paint: import the API layer and the stores, read what start-up needs."""
        self.in_thread(self._load_start, then=self._started, group="start", what="Start-up")

    def _load_start(self) -> dict[str, Any]:
        started = self.presets_in_thread()
        started["connection"] = self.connect_in_thread()
        warm_up()
        return started

    async def _started(self, started: dict[str, Any]) -> None:
        await self.mount_log()
        self.presets_ready(started)
        self.connected(started["connection"])
        self._steps_left.discard("background")
        self._check_started()

    def in_thread(
        self,
        fn: Callable[..., Any],
        *args: Any,
        then: Callable[[Any], Any] | None = None,
        group: str = "io",
        what: str = "",
        **kwargs: Any,
    ) -> Worker[None]:
        """Run ``fn`` in a thread; ``then(result)`` runs back on the event loop. A failure
        becomes a notification naming ``what`` failed and why, never a traceback."""

        def job() -> None:
            try:
                result = fn(*args, **kwargs)
            except Exception as exc:  # reported to the user, whatever it is
                self._call_back(self._failed, what, exc)
                return
            if then is not None:
                self._call_back(then, result)

        return self.run_worker(job, thread=True, group=group, exit_on_error=False)

    def _call_back(self, callback: Callable[..., Any], *args: Any) -> None:
        async def deliver() -> None:
            if self.leaving:  # shutting down: nothing left to show it on
                return
            result = callback(*args)
            if asyncio.iscoroutine(result):
                await result

        with contextlib.suppress(RuntimeError):  # the loop closed while the thread ran
            self.call_from_thread(deliver)

    def _failed(self, what: str, exc: Exception) -> None:
        message = str(exc) or type(exc).__name__
        redact = getattr(self, "redact", None)
        if redact is not None:
            message = redact(message)
        self.notify(f"{what} failed: {message}" if what else message, severity="error", timeout=10)
