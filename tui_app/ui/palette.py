"""The command palette: every registry action that runs here (the app's, and those of the
screen in front), and the themes by name. A screen adds its own names with a provider of
its own (``COMMANDS`` on the screen). Titles carry a prefix (``preset:``, ``theme:``...) so
fuzzy search stays predictable.

Names and descriptions are data: titles are shown as plain text (Textual's own highlight
reads them as markup) and help texts are escaped, both made visible first."""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from typing import Any

from textual.command import DiscoveryHit, Hit, Hits, Provider
from textual.content import Content
from textual.fuzzy import Matcher
from textual.markup import escape

from ..text_safety import one_line
from .actions import ACTIONS, effective_keys, key_label

Command = tuple[str, Callable[[], Any], str]


def action_commands(app: Any, screen: Any) -> list[Command]:
    """Actions of the app and of ``screen``'s scope, each run where it belongs."""
    keys = effective_keys(app.settings.keymap)
    scope = getattr(screen, "SCOPE", "")
    out = []
    for action in ACTIONS:
        if not action.palette or action.scope not in ("app", scope):
            continue
        target = app if action.scope == "app" else screen
        shown = ", ".join(key_label(k) for k in keys[action.id])
        title = f"{action.group.lower()}: {action.description}"
        out.append((title, partial(app.run_action, action.action, target), one_line(shown)))
    return out


def theme_commands(app: Any) -> list[Command]:
    return [
        (f"theme: {one_line(theme)}", partial(setattr, app, "theme", theme), "")
        for theme in sorted(app.available_themes)
    ]


def highlighted(matcher: Matcher, title: str) -> tuple[float, Content]:
    """The match score and the title as plain text with the matched letters styled."""
    score, offsets = matcher.fuzzy_search.match(matcher.query, title)
    content = Content(title)
    for offset in offsets if score else ():
        if not title[offset].isspace():
            content = content.stylize(matcher.match_style, offset, offset + 1)
    return score, content


class ListedCommands(Provider):
    """A provider searching a list of commands made once, when the palette opens."""

    commands: list[Command]

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for title, callback, help_text in getattr(self, "commands", []):
            score, shown = highlighted(matcher, title)
            if score > 0:
                yield Hit(score, shown, callback, text=title, help=escape(help_text) or None)


class AppCommands(ListedCommands):
    async def startup(self) -> None:
        self.commands = action_commands(self.app, self.screen) + theme_commands(self.app)

    async def discover(self) -> Hits:
        for title, callback, help_text in action_commands(self.app, self.screen):
            yield DiscoveryHit(Content(title), callback, text=title, help=escape(help_text))
