"""The editor's names in the command palette: presets, templates, API versions, profiles."""

from __future__ import annotations

import asyncio
from functools import partial
from typing import Any

from ...spec import API_VERSIONS
from ...text_safety import one_line
from ..palette import Command, ListedCommands


def _listings(editor: Any) -> tuple[list[Any], list[Any]]:
    """Preset entries and profiles, read from disk (runs in a thread)."""
    entries: list[Any] = []
    profiles: list[Any] = []
    store = editor.library.store
    if store is not None:
        entries = store.entries()[0]
    try:
        from ...api import list_profiles

        profiles = list_profiles(editor.connection.home)
    except (ImportError, OSError, ValueError):
        profiles = []
    return entries, profiles


def named_commands(editor: Any, entries: list[Any], profiles: list[Any]) -> list[Command]:
    out: list[Command] = [
        (
            "Set a variable for this session…",
            editor.submit_flow.ask_session_value,
            "a ${NAME} value, asked masked and kept in memory only",
        )
    ]
    for entry in entries:
        name, help_text = one_line(entry.name), one_line(entry.description)
        title = f"template: new from {name}" if entry.shipped else f"preset: open {name}"
        out.append((title, partial(editor.presets.open_named, entry.name), help_text))
    for version in API_VERSIONS:
        if version != editor.state.version:
            out.append(
                (
                    f"api version: use {version}",
                    partial(editor.set_version, version),
                    "re-validates",
                )
            )
    for profile in profiles:
        out.append(
            (
                f"profile: use {one_line(profile.name)}",
                partial(editor.retarget, profile.name),
                one_line(f"{profile.base_url} ({profile.api_version})"),
            )
        )
    return out


class EditorCommands(ListedCommands):
    async def startup(self) -> None:
        editor = self.screen
        entries, profiles = await asyncio.to_thread(_listings, editor)
        self.commands = named_commands(editor, entries, profiles)
