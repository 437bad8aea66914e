"""The Review pane: the exact JSON body a submit would send, for the chosen API version.

It keeps the body current (``body``, ``text``) on every change but only paints while it is
on screen, so typing elsewhere costs nothing here. Values that look like credentials are
masked in the painted text; the body itself (what is sent) is left exact.
"""

from __future__ import annotations

import copy
import json
from typing import Any

from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.content import Content
from textual.widgets import Static

from ...spec import looks_secret
from ...text_safety import block
from ..json_text import json_content

MASK = "••••••••"


def body_text(body: dict[str, Any]) -> str:
    return json.dumps(body, indent=2, ensure_ascii=False)


def masked(body: dict[str, Any]) -> tuple[dict[str, Any], int]:
    """A copy with secret-looking env values hidden, and how many were hidden."""
    shown = copy.deepcopy(body)
    envs = shown.get("envs") if "endpoint" not in shown else shown["endpoint"].get("envs")
    hidden = 0
    for env in envs if isinstance(envs, list) else []:
        if isinstance(env, dict) and looks_secret(env.get("key"), env.get("value")):
            env["value"] = MASK
            hidden += 1
    return shown, hidden


class Review(VerticalScroll):
    DEFAULT_CSS = """
    Review {
        padding: 0 1;
        & > #where {
            color: $text-muted;
            margin-bottom: 1;
        }
        & > #json {
            /* long values wrap: a terminal has no sideways scrolling to reach them */
            width: 1fr;
        }
    }
    """

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.body: dict[str, Any] = {}
        self.version = "v2"
        self.where = ""
        self._painted: tuple[str, str] | None = None

    def compose(self) -> ComposeResult:
        yield Static("", id="where")
        yield Static("", id="json")

    @property
    def text(self) -> str:
        """The body as sent (pretty-printed JSON)."""
        return body_text(self.body)

    def show(self, body: dict[str, Any], *, version: str, where: str) -> None:
        self.body = body
        self.version = version
        self.where = where
        self.paint()

    def paint(self, *, force: bool = False) -> None:
        if not (force or self.is_on_screen):
            return
        shown, hidden = masked(self.body)
        text = body_text(shown)
        note = f" · {hidden} secret-looking value(s) masked here, sent as typed" if hidden else ""
        where = f"{self.where} · {self.version} body{note}"
        if self._painted == (where, text):
            return
        self._painted = (where, text)
        self.query_one("#where", Static).update(Content(block(where)))
        self.query_one("#json", Static).update(json_content(text))

    @property
    def is_on_screen(self) -> bool:
        return self.is_mounted and self.display and self.region.area > 0
