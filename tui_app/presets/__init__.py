"""Presets (TOML files of endpoint tables), shipped templates and the unsaved draft. No Textual."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from .store import PresetEntry, PresetStore, safe_name
from .toml_io import (
    PRESET_FORMAT_VERSION,
    Preset,
    PresetError,
    PresetNotFound,
    PresetUnreadable,
    load_preset_file,
    parse_document,
    preset_from_document,
    preset_to_toml,
    read_document,
    save_preset_file,
    structure_issues,
)

if TYPE_CHECKING:
    from .drafts import Draft, DraftStore


def __getattr__(name: str) -> Any:
    # the draft store loads on first use: a preset opened before the first frame needs
    # only the preset files
    if name in ("Draft", "DraftStore"):
        from . import drafts

        return getattr(drafts, name)
    raise AttributeError(name)


__all__ = [
    "PRESET_FORMAT_VERSION",
    "Draft",
    "DraftStore",
    "Preset",
    "PresetEntry",
    "PresetError",
    "PresetNotFound",
    "PresetStore",
    "PresetUnreadable",
    "load_preset_file",
    "parse_document",
    "preset_from_document",
    "preset_to_toml",
    "read_document",
    "safe_name",
    "save_preset_file",
    "structure_issues",
]
