"""The command palette: every registry action, plus presets, templates, API versions,
profiles and themes by name. Titles carry a prefix (``preset:``, ``theme:``...) so fuzzy
search stays predictable.

Names and descriptions are data: titles are shown as plain text (Textual's own highlight
reads them as markup) and help texts are escaped, both made visible first."""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from functools import partial
from typing import Any

from textual.command import DiscoveryHit, Hit, Hits, Provider
from textual.content import Content
from textual.fuzzy import Matcher
from textual.markup import escape

from ..spec import API_VERSIONS
from ..text_safety import one_line
from .actions import ACTIONS, effective_keys, key_label

Command = tuple[str, Callable[[], Any], str]


def action_commands(app: Any) -> list[Command]:
    keys = effective_keys(getattr(app, "keymap", {}))
    out = []
    for action in ACTIONS:
        if not action.palette:
            continue
        shown = ", ".join(key_label(k) for k in keys[action.id])
        title = f"{action.group.lower()}: {action.description}"
        out.append((title, partial(app.run_action, action.action), one_line(shown)))
    return out


def _listings(app: Any) -> tuple[list[Any], list[Any]]:
    """Preset entries and profiles, read from disk (runs in a thread)."""
    entries: list[Any] = []
    profiles: list[Any] = []
    store = getattr(app, "preset_store", None)
    if store is not None:
        entries = store.entries()[0]
    try:
        from ..api import list_profiles

        profiles = list_profiles(app.home)
    except (ImportError, OSError, ValueError):
        profiles = []
    return entries, profiles


def named_commands(app: Any, entries: list[Any], profiles: list[Any]) -> list[Command]:
    out: list[Command] = []
    for entry in entries:
        name, help_text = one_line(entry.name), one_line(entry.description)
        title = f"template: new from {name}" if entry.shipped else f"preset: open {name}"
        out.append((title, partial(app.open_named, entry.name), help_text))
    for version in API_VERSIONS:
        if version != app.state.version:
            out.append(
                (f"api version: use {version}", partial(app.set_version, version), "re-validates")
            )
    for profile in profiles:
        out.append(
            (
                f"profile: use {one_line(profile.name)}",
                partial(app.retarget, profile.name),
                one_line(f"{profile.base_url} ({profile.api_version})"),
            )
        )
    for theme in sorted(app.available_themes):
        out.append((f"theme: {one_line(theme)}", partial(setattr, app, "theme", theme), ""))
    return out


def highlighted(matcher: Matcher, title: str) -> tuple[float, Content]:
    """The match score and the title as plain text with the matched letters styled."""
    score, offsets = matcher.fuzzy_search.match(matcher.query, title)
    content = Content(title)
    for offset in offsets if score else ():
        if not title[offset].isspace():
            content = content.stylize(matcher.match_style, offset, offset + 1)
    return score, content


class EndpointCommands(Provider):
    async def startup(self) -> None:
        app = self.app
        entries, profiles = await asyncio.to_thread(_listings, app)
        self.commands = action_commands(app) + named_commands(app, entries, profiles)

    async def discover(self) -> Hits:
        for title, callback, help_text in action_commands(self.app):
            yield DiscoveryHit(Content(title), callback, text=title, help=escape(help_text))

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for title, callback, help_text in getattr(self, "commands", []):
            score, shown = highlighted(matcher, title)
            if score > 0:
                yield Hit(score, shown, callback, text=title, help=escape(help_text) or None)
