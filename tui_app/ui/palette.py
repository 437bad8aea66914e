"""The command palette: every registry action that runs here (the app's, and those of the
screen in front), and the themes by name. A screen adds its own names with a provider of
its own (``COMMANDS`` on the screen). Titles carry a prefix (``preset:``, ``theme:``...) so
fuzzy search stays predictable."""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from typing import Any

from textual.command import DiscoveryHit, Hit, Hits, Provider

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
        out.append((title, partial(app.run_action, action.action, target), shown))
    return out


def theme_commands(app: Any) -> list[Command]:
    return [
        (f"theme: {theme}", partial(setattr, app, "theme", theme), "")
        for theme in sorted(app.available_themes)
    ]


class ListedCommands(Provider):
    """A provider searching a list of commands made once, when the palette opens."""

    commands: list[Command]

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for title, callback, help_text in getattr(self, "commands", []):
            score = matcher.match(title)
            if score > 0:
                yield Hit(score, matcher.highlight(title), callback, help=help_text or None)


class AppCommands(ListedCommands):
    async def startup(self) -> None:
        self.commands = action_commands(self.app, self.screen) + theme_commands(self.app)

    async def discover(self) -> Hits:
        for title, callback, help_text in action_commands(self.app, self.screen):
            yield DiscoveryHit(title, callback, help=help_text)
