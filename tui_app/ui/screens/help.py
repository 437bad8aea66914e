"""F1 / ? help: every action with the keys that trigger it now (keymap applied), by group,
and the keys of the widget that had focus. Generated, so it cannot drift from the bindings."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical, VerticalScroll
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Static

from ...text_safety import TEXT_LIMIT, one_line
from ..actions import ACTIONS, by_group, effective_keys, key_label

KEY_WIDTH = 22


def help_lines(
    keymap: Mapping[str, str] | None = None, local: Sequence[tuple[str, str]] = ()
) -> list[tuple[str, str, str]]:
    """(kind, keys, text) lines: kind is "group" or "key"."""
    keys = effective_keys(keymap)
    lines: list[tuple[str, str, str]] = []
    if local:
        lines.append(("group", "", "Focused widget"))
        lines.extend(("key", k, d) for k, d in local)
    for group, actions in by_group(ACTIONS).items():
        lines.append(("group", "", group))
        for action in actions:
            shown = ", ".join(key_label(k) for k in keys[action.id]) or "(no key)"
            lines.append(("key", shown, action.description))
    return lines


def local_keys(bindings: Mapping[str, object], app_ids: set[str]) -> list[tuple[str, str]]:
    """Keys the focused widget shows in the footer (``Screen.active_bindings``), not the app's."""
    out: dict[str, list[str]] = {}
    for key, active in bindings.items():
        binding = getattr(active, "binding", None)
        if not isinstance(binding, Binding) or binding.id in app_ids or not binding.show:
            continue
        if binding.action.startswith(("app.", "screen.")) or binding.system:
            continue
        out.setdefault(binding.description, []).append(key_label(key))
    return [(", ".join(keys), description) for description, keys in out.items()]


class HelpScreen(ModalScreen[None]):
    DEFAULT_CSS = """
    HelpScreen {
        align: center middle;
        & > Vertical {
            width: 76;
            max-width: 100%;
            height: 90%;
            border: thick $primary 60%;
            background: $surface;
            padding: 0 1;
        }
        & #help-title {
            text-style: bold;
            padding: 0 0 1 0;
        }
        & .group {
            text-style: bold;
            color: $accent;
            margin-top: 1;
        }
        & #help-foot {
            color: $text-muted;
            padding-top: 1;
        }
    }
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,q,f1,question_mark", "close", "Close", id="help-close"),
    ]

    def __init__(
        self, keymap: Mapping[str, str] | None = None, local: Sequence[tuple[str, str]] = ()
    ) -> None:
        super().__init__()
        self.lines = help_lines(keymap, local)

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Static("Keys and actions", id="help-title")
            with VerticalScroll(id="help-body"):
                for kind, keys, text in self.lines:
                    if kind == "group":
                        yield Static(Content(text), classes="group")
                    else:
                        line = one_line(f"{keys:<{KEY_WIDTH}} {text}", TEXT_LIMIT)
                        yield Static(Content(line), classes="key")
            yield Static(
                Content(
                    "Every action is also in the command palette (ctrl+p). Change keys in "
                    'config.toml [keymap], e.g. submit = "f5,ctrl+r"; `textual keys` shows '
                    "key names. esc closes."
                ),
                id="help-foot",
            )

    def on_mount(self) -> None:
        self.query_one("#help-body").focus()

    def action_close(self) -> None:
        self.dismiss(None)
