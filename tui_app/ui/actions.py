"""The one registry of user actions: the key bindings of the app and of each screen, the help
screen, the palette and the README's key table are all generated from it.

An action's ``scope`` says where it runs: ``"app"`` (the shell: help, palette, theme,
quit) or the mode of a screen (``"editor"``); that screen binds the actions of its scope
with ``bindings(scope)``. A new key for a new screen is one more entry here.

Default keys avoid what terminals and multiplexers swallow (ctrl+enter, ctrl+j/m/i/h,
ctrl+a, ctrl+b) and what a focused text field already uses. ``[keymap]`` in config.toml
maps an action id to other keys (``submit = "f5,ctrl+r"``).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any, NamedTuple

from textual.binding import Binding
from textual.keys import Keys, format_key, key_to_character

from .form_state import SECTIONS


class Action(NamedTuple):
    id: str
    action: str
    description: str
    keys: str
    group: str = "Endpoint"
    show: bool = False
    priority: bool = False
    palette: bool = True
    # only on the main screen; a modal in front disables it
    main_only: bool = True
    # the footer's word for it (the description is for help and the palette)
    short: str = ""
    # where it runs: "app", or the mode of the screen that binds it
    scope: str = "editor"

    @property
    def name(self) -> str:
        return self.action.split("(", 1)[0]

    def binding(self, namespace: str = "") -> Binding:
        """The binding; with ``namespace`` ("app") it runs there from wherever it is bound."""
        return Binding(
            self.keys,
            f"{namespace}.{self.action}" if namespace else self.action,
            self.short or self.description,
            show=self.show,
            priority=self.priority,
            id=self.id,
            tooltip=self.description,
        )


def _sections() -> tuple[Action, ...]:
    # digits switch tabs when no text field has focus; ctrl+pageup/down work while typing too
    # (alt+digit cannot be used: terminals send it as ESC+digit, which Textual reads as
    # the characters a Mac keyboard gives for option+digit)
    plain = tuple(
        Action(
            f"section-{n}",
            f"section('{s.id}')",
            f"Go to {s.title}",
            str(n),
            group="Sections",
            palette=False,
        )
        for n, s in enumerate(SECTIONS, start=1)
    )
    return (
        *plain,
        Action(
            "next-section",
            "step_section(1)",
            "Next section (also while typing)",
            "ctrl+pagedown",
            group="Sections",
            priority=True,
        ),
        Action(
            "previous-section",
            "step_section(-1)",
            "Previous section (also while typing)",
            "ctrl+pageup",
            group="Sections",
            priority=True,
        ),
    )


def _endpoint_actions() -> tuple[Action, ...]:
    def act(id: str, action: str, text: str, keys: str, short: str = "") -> Action:
        return Action(
            id, action, text, keys, "Endpoints", show=bool(short), short=short, scope="endpoints"
        )

    return (
        act("back-to-editor", "back", "Back to the editor", "f12", "Editor"),
        act("refresh-endpoints", "refresh", "Refresh the list now", "r", "Refresh"),
        act("filter-endpoints", "filter", "Filter by name (esc clears)", "slash", "Filter"),
        act("sort-endpoints", "sort", "Sort by the next column", "s", "Sort"),
        act("reverse-endpoints", "reverse", "Reverse the sort", "S"),
        act("endpoint-detail", "detail", "Endpoint detail: status, workers, config", "enter"),
        act("endpoint-to-editor", "to_editor", "Open in the editor as a new preset", "e", "Edit"),
        act("endpoint-diff", "diff", "Diff against a preset…", "d", "Diff"),
        act("endpoint-update", "update", "Update from a preset…", "u", "Update"),
        act("endpoint-delete", "delete", "Delete (type its name to confirm)…", "delete", "Delete"),
        act("copy-endpoint-id", "copy_id", "Copy the endpoint's id", "c"),
        act("copy-endpoint-url", "copy_url", "Copy the endpoint's URL", "y"),
    )


ACTIONS: tuple[Action, ...] = (
    Action("submit", "submit", "Submit (create the endpoint)", "f5", show=True, short="Submit"),
    Action(
        "cancel-submit",
        "cancel_submit",
        "Cancel the submit in flight",
        "escape",
        show=True,
        short="Cancel submit",
    ),
    Action(
        "leave-field",
        "leave_field",
        "Leave the field for the tab bar (then digits switch tabs)",
        "escape",
        group="Sections",
    ),
    Action("validate", "validate", "Validate and show every message", "f3"),
    Action(
        "next-error", "next_error", "Next error, then warning", "f8", show=True, short="Next error"
    ),
    Action("previous-error", "previous_error", "Previous error or warning", "shift+f8"),
    Action("switch-version", "switch_version", "Switch API version (v1/v2)", "f4"),
    Action("switch-profile", "switch_profile", "Switch profile…", "f6"),
    Action("save", "save", "Save preset", "ctrl+s", group="Presets", show=True, short="Save"),
    Action("save-as", "save_as", "Save preset as…", "f2", group="Presets"),
    Action(
        "open-preset",
        "open_preset",
        "Open preset…",
        "ctrl+o",
        group="Presets",
        show=True,
        short="Open",
    ),
    Action("new-blank", "new_blank", "New blank endpoint", "shift+f3", "Presets"),
    Action("new-from-template", "new_from_template", "New from template…", "ctrl+n", "Presets"),
    Action("rename-preset", "rename_preset", "Rename preset…", "shift+f2", group="Presets"),
    Action("delete-preset", "delete_preset", "Delete preset…", "ctrl+delete", group="Presets"),
    Action("export-curl", "export_curl", "Copy the request as curl", "ctrl+t", group="Export"),
    Action("export-json", "export_json", "Save the JSON body to a file…", "ctrl+y", "Export"),
    Action(
        "toggle-log",
        "toggle_log",
        "Show or hide the log",
        "ctrl+l",
        group="View",
        show=True,
        short="Log",
    ),
    Action("focus-log", "focus_log", "Go to the log (shows it)", "ctrl+g", group="View"),
    Action("enlarge-log", "enlarge_log", "Enlarge or restore the log", "f9", group="View"),
    Action("history", "history", "Browse earlier exchanges", "f7", group="View"),
    Action(
        "change-theme",
        "change_theme",
        "Change theme…",
        "ctrl+backslash",
        group="View",
        scope="app",
    ),
    *_sections(),
    Action(
        "endpoints",
        "switch_mode('endpoints')",
        "Endpoints: the deployed ones, watched",
        "f12",
        group="App",
        show=True,
        short="Endpoints",
        scope="app",
    ),
    *_endpoint_actions(),
    Action(
        "help",
        "help",
        "Help: keys and actions",
        "f1,question_mark",
        "App",
        show=True,
        short="Help",
        scope="app",
    ),
    Action(
        "command-palette",
        "command_palette",
        "Command palette",
        "ctrl+p",
        group="App",
        show=True,
        priority=True,
        palette=False,
        main_only=False,
        short="Commands",
        scope="app",
    ),
    Action(
        "quit",
        "quit",
        "Quit",
        "ctrl+q",
        group="App",
        show=True,
        priority=True,
        main_only=False,
        scope="app",
    ),
)
BY_ID: dict[str, Action] = {a.id: a for a in ACTIONS}
# shown first in the main screen's footer: the way to every other key
FOOTER_FIRST: tuple[str, ...] = tuple(BY_ID[i].name for i in ("help", "command-palette"))
MAIN_ONLY: frozenset[str] = frozenset(a.name for a in ACTIONS if a.main_only)
# keys a terminal or multiplexer takes for itself, or that arrive as another key
SWALLOWED: dict[str, str] = {
    "ctrl+enter": "most terminals send it as plain enter",
    "ctrl+j": "terminals send it as enter (newline)",
    "ctrl+m": "terminals send it as enter",
    "ctrl+i": "terminals send it as tab",
    "ctrl+h": "terminals send it as backspace",
    "ctrl+a": "it is the screen/tmux prefix for many people",
    "ctrl+b": "it is the tmux prefix",
}
_MODIFIERS = {"ctrl", "shift", "alt", "meta", "super", "hyper"}
_NAMED = {k.value.rsplit("+", 1)[-1] for k in Keys} | {"space", "question_mark", "colon"}


def bindings(scope: str) -> list[Binding]:
    """The bindings of the actions that run in ``scope`` ("app" or a screen's mode)."""
    return [a.binding() for a in ACTIONS if a.scope == scope]


def key_is_known(key: str) -> bool:
    *mods, base = key.strip().split("+")
    if not base or not set(mods) <= _MODIFIERS:
        return False
    return len(base) == 1 or base in _NAMED or key_to_character(base) is not None


def check_keymap(raw: Mapping[str, Any]) -> tuple[dict[str, str], list[str]]:
    """The usable part of a ``[keymap]`` table and a plain line for each problem in it."""
    keymap: dict[str, str] = {}
    problems: list[str] = []
    for action_id, value in raw.items():
        if action_id not in BY_ID:
            problems.append(f"unknown action {action_id!r}")
            continue
        if not isinstance(value, str) or not value.strip():
            problems.append(f'{action_id}: keys must be text such as "f5,ctrl+r"')
            continue
        keys = [k.strip() for k in value.split(",") if k.strip()]
        bad = [k for k in keys if not key_is_known(k)]
        problems.extend(f"{action_id}: unknown key {k!r}" for k in bad)
        problems.extend(
            f"{action_id}: {k} may never arrive ({SWALLOWED[k]})" for k in keys if k in SWALLOWED
        )
        good = [k for k in keys if k not in bad]
        if good:
            keymap[action_id] = ",".join(good)
    return keymap, problems


def effective_keys(keymap: Mapping[str, str] | None = None) -> dict[str, list[str]]:
    """Action id -> the keys that trigger it once ``keymap`` is applied.

    A key given to another action in the keymap is taken away from its default owner,
    as Textual does when it applies the keymap.
    """
    keymap = keymap or {}
    out = {a.id: keymap.get(a.id, a.keys).split(",") for a in ACTIONS}
    claimed = {k for i, ks in keymap.items() for k in ks.split(",") if i in BY_ID}
    for action_id, keys in out.items():
        if action_id not in keymap:
            out[action_id] = [k for k in keys if k not in claimed]
    return {i: [k.strip() for k in ks if k.strip()] for i, ks in out.items()}


def by_group(actions: Iterable[Action] = ACTIONS) -> dict[str, list[Action]]:
    groups: dict[str, list[Action]] = {}
    for action in actions:
        groups.setdefault(action.group, []).append(action)
    return groups


def key_label(key: str) -> str:
    """How a key reads in help and the README: ``question_mark`` -> ``?``, ``escape`` -> ``esc``."""
    *mods, base = key.split("+")
    return "+".join([*mods, format_key(base)])


def markdown_table(keymap: Mapping[str, str] | None = None) -> str:
    """The key table for the README, kept in sync by a test."""
    keys = effective_keys(keymap)
    lines = ["| Keys | Action | Id |", "|---|---|---|"]
    for group, actions in by_group().items():
        lines.append(f"| **{group}** | | |")
        for a in actions:
            shown = ", ".join(f"`{key_label(k)}`" for k in keys[a.id]) or "—"
            lines.append(f"| {shown} | {a.description} | `{a.id}` |")
    return "\n".join(lines)
