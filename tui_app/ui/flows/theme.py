"""The theme chosen inside the app: previewed live while a palette highlights it, kept in
config.toml (``[ui] theme``) once the choice settles, so the next launch starts with it.

The app debounces the save with a one-shot timer (:data:`SAVE_DELAY`); this flow decides
what a highlight shows, what closing a palette puts back, and whether a theme is worth
writing. The write runs in a thread.
"""

from __future__ import annotations

import contextlib
from collections.abc import Collection
from pathlib import Path

from ...config import save_setting
from .base import Flow, Post, Run

SAVE_DELAY = 0.5
PICKER_ID = "theme-picker"
PALETTE_PREFIX = "theme: "


class ThemeFlow(Flow):
    def __init__(self, home: Path, post: Post, run: Run) -> None:
        super().__init__(post, run)
        self.home = home
        # None until the app is mounted: the theme set at start-up is not a choice to save
        self.saved: str | None = None
        # the theme to go back to while a palette is open and previewing
        self.before_preview: str | None = None

    def settled(self, theme: str) -> None:
        """From here on a theme change is the user's choice."""
        self.saved = theme

    @property
    def previewing(self) -> bool:
        return self.before_preview is not None

    def opened(self, theme: str) -> None:
        self.before_preview = theme

    def highlighted(self, text: str, *, in_picker: bool, known: Collection[str]) -> str | None:
        """The theme to show while ``text`` is highlighted (None: not previewing)."""
        before = self.before_preview
        if before is None:
            return None
        if not in_picker:
            if not text.startswith(PALETTE_PREFIX):
                return before  # a command that is not a theme shows the theme it would run under
            text = text.removeprefix(PALETTE_PREFIX)
        return text if text in known else before

    def closed(self, *, chosen: bool, known: Collection[str]) -> str | None:
        """The theme to put back when a palette closes without a choice, if any."""
        before, self.before_preview = self.before_preview, None
        if not chosen and before is not None and before in known:
            return before
        return None

    def worth_saving(self, theme: str) -> bool:
        return self.saved is not None and not self.previewing and theme != self.saved

    def save(self, theme: str) -> None:
        if not self.worth_saving(theme):
            return
        self.saved = theme
        self.spawn(self.io("Saving the theme", save_setting, self.home, "ui", "theme", theme))

    def save_now(self, theme: str) -> None:
        """On the way out: written in place, there is no screen left to report on."""
        if self.worth_saving(theme):
            with contextlib.suppress(OSError, ValueError):
                save_setting(self.home, "ui", "theme", theme)
