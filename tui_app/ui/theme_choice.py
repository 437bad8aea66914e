"""The theme chosen inside the app: previewed live while a palette highlights it, kept in
config.toml (``[ui] theme``) once the choice settles, so the next launch starts with it.

Highlighting a theme in the theme picker (ctrl+backslash) or a ``theme: NAME`` command in the
palette shows it at once; closing the palette without choosing puts the previous theme back.
The write is debounced with a one-shot timer and runs in a thread: moving through the list
never writes, and nothing runs while the app is idle.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable
from pathlib import Path
from typing import Any

from textual.command import CommandPalette
from textual.theme import ThemeProvider
from textual.timer import Timer

from ..config import save_setting

SAVE_DELAY = 0.5
PICKER_ID = "theme-picker"
PALETTE_PREFIX = "theme: "


class ThemeChoice:
    """Mixed into EndpointApp."""

    home: Path
    theme: str
    available_themes: dict[str, Any]
    screen: Any
    set_timer: Callable[..., Timer]
    push_screen: Callable[..., Any]
    in_thread: Callable[..., Any]

    # None until the app is mounted: the theme set at start-up is not a choice to save
    saved_theme: str | None = None
    # the theme to go back to while a palette is open and previewing
    _theme_before_preview: str | None = None
    _theme_timer: Timer | None = None

    def theme_settled(self) -> None:
        """Called once mounted: from here on a theme change is the user's choice."""
        self.saved_theme = self.theme

    # -- picker and preview -------------------------------------------------------------
    def search_themes(self) -> None:
        """Textual's theme picker, with an id so highlights in it preview the theme."""
        self.push_screen(
            CommandPalette(
                providers=[ThemeProvider], placeholder="Search for themes…", id=PICKER_ID
            )
        )

    def on_command_palette_opened(self, _: CommandPalette.Opened) -> None:
        self._theme_before_preview = self.theme

    def on_command_palette_option_highlighted(
        self, event: CommandPalette.OptionHighlighted
    ) -> None:
        before = self._theme_before_preview
        if before is None:
            return
        hit = getattr(event.highlighted_event.option, "hit", None)
        name = self._theme_named(str(getattr(hit, "text", "") or ""))
        # a highlighted command that is not a theme shows the theme it would run under
        self.theme = name or before

    def on_command_palette_closed(self, event: CommandPalette.Closed) -> None:
        before, self._theme_before_preview = self._theme_before_preview, None
        if not event.option_selected and before is not None and before in self.available_themes:
            self.theme = before
        self._schedule_theme_save()

    def _theme_named(self, text: str) -> str | None:
        if getattr(self.screen, "id", None) != PICKER_ID:
            if not text.startswith(PALETTE_PREFIX):
                return None
            text = text.removeprefix(PALETTE_PREFIX)
        return text if text in self.available_themes else None

    # -- keeping the choice -------------------------------------------------------------
    def watch_theme(self, name: str) -> None:
        if self._theme_before_preview is None:
            self._schedule_theme_save()

    def _schedule_theme_save(self) -> None:
        if self.saved_theme is None:
            return
        if self._theme_timer is not None:
            self._theme_timer.stop()
        self._theme_timer = self.set_timer(SAVE_DELAY, self._save_theme, name="save-theme")

    def on_unmount(self) -> None:
        """Quitting within the debounce delay still keeps the choice (written in place:
        the app is closing, there is no screen left to keep live)."""
        timer, self._theme_timer = self._theme_timer, None
        if timer is None:
            return
        timer.stop()
        name = self.theme
        if self._theme_before_preview is None and name != self.saved_theme:
            with contextlib.suppress(OSError, ValueError):  # nowhere left to report it
                save_setting(self.home, "ui", "theme", name)

    def _save_theme(self) -> None:
        self._theme_timer = None
        name = self.theme
        if self._theme_before_preview is not None or name == self.saved_theme:
            return
        self.saved_theme = name
        self.in_thread(save_setting, self.home, "ui", "theme", name, what="Saving the theme")
