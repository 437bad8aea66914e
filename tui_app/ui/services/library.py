"""The preset store and the draft store, opened in a thread once the first frame is out."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from ...presets import DraftStore, Preset, PresetStore


class Library:
    def __init__(self, home: Path, preset_arg: str | None = None) -> None:
        self.home = home
        # the preset named on the command line, opened at start-up
        self.preset_arg = preset_arg
        self.store: PresetStore | None = None
        self.drafts: DraftStore | None = None
        # the preset named on the command line as read before the first frame, or why not
        self.named: Preset | None = None
        self.named_problem = ""

    def read_named(self) -> None:
        """Read the preset named on the command line: one small TOML file, read before the
        first frame so that frame already shows its values. The stores open later."""
        if not self.preset_arg:
            return
        from ...presets import PresetError, PresetStore

        try:
            self.named = PresetStore(self.home).load(self.preset_arg)
        except (PresetError, ValueError, OSError) as exc:
            self.named_problem = str(exc)

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
