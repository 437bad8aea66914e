"""The unsaved form, kept in one JSON file so a crash or a closed terminal loses nothing.

The draft holds the raw form state, invalid values included (TOML could not keep them all:
it has no null), so it is JSON. A draft that cannot be read is treated as no draft.
"""

from __future__ import annotations

import contextlib
import json
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..home import atomic_write, drafts_dir
from ..spec.untrusted import parse_json

DRAFT_FORMAT_VERSION = 1
DRAFT_FILE = "draft.json"


@dataclass
class Draft:
    endpoint: dict[str, Any]
    preset_name: str | None
    api_version: str
    saved_at: float = field(default_factory=time.time)
    dirty_fields: list[str] = field(default_factory=list)


def _as_draft(obj: Any) -> Draft | None:
    if not isinstance(obj, dict) or obj.get("format") != DRAFT_FORMAT_VERSION:
        return None
    endpoint, name, version = obj.get("endpoint"), obj.get("preset_name"), obj.get("api_version")
    saved_at, dirty = obj.get("saved_at"), obj.get("dirty_fields", [])
    if not isinstance(endpoint, dict) or version not in ("v1", "v2"):
        return None
    if name is not None and not isinstance(name, str):
        return None
    if not isinstance(saved_at, int | float) or isinstance(saved_at, bool):
        return None
    if not isinstance(dirty, list) or not all(isinstance(d, str) for d in dirty):
        return None
    return Draft(endpoint, name, version, float(saved_at), dirty)


class DraftStore:
    """One draft in ``home/drafts/``. Disk I/O: call it off the UI's event loop."""

    def __init__(self, home: Path) -> None:
        self.path = drafts_dir(home) / DRAFT_FILE

    def save(self, draft: Draft) -> None:
        body = {
            "format": DRAFT_FORMAT_VERSION,
            "endpoint": draft.endpoint,
            "preset_name": draft.preset_name,
            "api_version": draft.api_version,
            "saved_at": draft.saved_at,
            "dirty_fields": list(draft.dirty_fields),
        }
        # default=str: a value the form holds but JSON cannot (rare) is kept as its text
        text = json.dumps(body, indent=2, ensure_ascii=False, default=str)
        atomic_write(self.path, text.encode("utf-8"), mode=0o600)

    def load(self) -> Draft | None:
        """The saved draft, or None when there is none or it cannot be read; never raises."""
        try:
            obj = parse_json(self.path.read_bytes().decode("utf-8"))
        except (OSError, UnicodeDecodeError, ValueError):  # too deep or too long too
            return None
        return _as_draft(obj)

    def clear(self) -> None:
        with contextlib.suppress(FileNotFoundError):
            self.path.unlink()
