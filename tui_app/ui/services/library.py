"""The preset store and the draft store, opened in a thread once the first frame is out."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from ...presets import DraftStore, PresetStore


class Library:
    def __init__(self, home: Path, preset_arg: str | None = None) -> None:
        self.home = home
        # the preset named on the command line, opened at start-up
        self.preset_arg = preset_arg
        self.store: PresetStore | None = None
        self.drafts: DraftStore | None = None

    def open(self) -> None:
        """Import the preset layer and open both stores (runs in a thread)."""
        if self.store is not None:
            return
        from ...presets import DraftStore, PresetStore

        self.drafts = DraftStore(self.home)
        self.store = PresetStore(self.home)

    @property
    def ready(self) -> bool:
        return self.store is not None
