"""The top line: where a submit would go, from which box, and which preset is open.

Over SSH it matters which host you are on and which API you are about to spend money on,
so the target is always in view: a SANDBOX badge, or profile, base URL, API version and
the masked key. One widget that lays its parts out itself: it is on screen from the first frame.
"""

from __future__ import annotations

import getpass
import os
import socket
from typing import Any

from textual.content import Content
from textual.widgets import Static

from ...text_safety import one_line

USER_HOST_VARIABLE = "PPIO_ENDPOINT_USER_HOST"
BADGE_STYLES = {
    "sandbox": "bold $background on $warning",
    "live": "bold $background on $error",
    "problem": "bold $background on $error",
    "": "$text-muted",
}


DIRTY_MARK = " ●"
# the target's first word (SANDBOX, NO TARGET, the profile) stays readable
MIN_BADGE = 12


def user_at_host() -> str:
    fixed = os.environ.get(USER_HOST_VARIABLE)
    if fixed:
        return fixed
    try:
        user = getpass.getuser()
    except (OSError, KeyError):
        user = "?"
    return f"{user}@{socket.gethostname().split('.')[0]}"


def _clip(text: str, width: int) -> str:
    if width <= 0:
        return ""
    return text if len(text) <= width else text[: max(0, width - 1)] + "…"


def _clip_keeping_mark(text: str, width: int) -> str:
    """``text`` cut to ``width``, the unsaved mark kept at the end."""
    mark = DIRTY_MARK if text.rstrip().endswith(DIRTY_MARK.strip()) else ""
    body = text.rstrip()[: -len(mark)] if mark else text
    return _clip(body, width - len(mark) - 1) + mark + " " if mark else _clip(body, width)


class HeaderBar(Static):
    DEFAULT_CSS = """
    HeaderBar {
        height: 1;
        background: $panel;
        color: $foreground;
    }
    """

    def __init__(self, user_host: str | None = None, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.user_host = one_line(user_host or user_at_host())
        self.preset_text = "new endpoint"
        self.target_text = "target …"
        self.target_kind = ""

    def render(self) -> Content:
        width = self.size.width
        name = " ppio-endpoint "
        badge = f" {self.target_text} "
        who = f" {self.user_host} "
        # the preset name and its unsaved mark stay whole; the target gives way, then user@host
        preset = f" {self.preset_text} "
        if len(name) + len(preset) + len(badge) + len(who) > width:
            who = ""
        room = width - len(name) - len(who)
        if len(preset) > room - MIN_BADGE:
            preset = _clip_keeping_mark(preset, room - MIN_BADGE)
        badge = _clip(badge, room - len(preset))
        preset = preset.ljust(max(0, room - len(badge)))
        return Content.assemble(
            (name, "bold $primary"),
            (preset, ""),
            (badge, BADGE_STYLES[self.target_kind]),
            (who, "$text-muted"),
        )

    def show_preset(self, name: str | None, dirty: bool, *, template: str | None = None) -> None:
        if name:
            text = f"preset: {one_line(name)}"
        elif template:
            text = f"template: {one_line(template)}"
        else:
            text = "new endpoint"
        text += DIRTY_MARK if dirty else ""
        if text != self.preset_text:
            self.preset_text = text
            self.refresh()

    def show_target(
        self,
        *,
        sandbox: bool,
        version: str,
        profile: str = "",
        base_url: str = "",
        masked_key: str = "",
        problem: str = "",
    ) -> None:
        if problem:
            text, kind = f"NO TARGET: {one_line(problem)}", "problem"
        elif sandbox:
            text, kind = f"SANDBOX · {version} · nothing is deployed", "sandbox"
        else:
            where = " · ".join(one_line(part) for part in (profile, base_url, version))
            text, kind = f"{where} · key {one_line(masked_key)}", "live"
        if (text, kind) != (self.target_text, self.target_kind):
            self.target_text, self.target_kind = text, kind
            self.refresh()

    def show_target_of(self, target: Any, version: str, problem: str = "") -> None:
        """Where requests go (a resolved ``Target``), or why nothing can be sent."""
        if problem or target is None:
            self.show_target(sandbox=False, version=version, problem=problem or "not resolved")
            return
        self.show_target(
            sandbox=target.sandbox,
            version=version,
            profile=target.profile,
            base_url=target.base_url,
            masked_key=target.masked_key,
        )
