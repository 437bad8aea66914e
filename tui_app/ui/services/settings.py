"""Settings read at launch: the data home, the environment, the keymap and the look."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .. import actions


@dataclass
class Settings:
    home: Path
    environ: Mapping[str, str]
    # the usable part of config.toml's [keymap]: action id -> keys
    keymap: dict[str, str] = field(default_factory=dict)
    # what launch found wrong (config.toml, theme files), shown once in the app
    problems: list[str] = field(default_factory=list)
    # what is wrong in the [keymap] table, shown with them
    keymap_problems: list[str] = field(default_factory=list)
    cursor_blink: bool = True
    user_host: str | None = None
    # the API version asked for on the command line (None: the profile's)
    api_version: str | None = None
    autosave_delay: float = 0.5
    # seconds between looks at an endpoint after a submit; None: a submit is not followed
    follow_interval: float | None = 5.0

    @classmethod
    def checked(cls, *, keymap: Mapping[str, Any] | None = None, **values: Any) -> Settings:
        """Settings with the keymap checked against the actions registry."""
        usable, problems = actions.check_keymap(dict(keymap or {}))
        return cls(keymap=usable, keymap_problems=[f"[keymap] {p}" for p in problems], **values)

    def next_key(self, action_id: str) -> str:
        """The first key that triggers an action, as help shows it."""
        keys = actions.effective_keys(self.keymap).get(action_id) or ["(no key)"]
        return actions.key_label(keys[0])
