"""Open, rename or delete a preset, or start from a template: one list with a fuzzy filter.

The picker only chooses; the app does the file work (off the event loop) and reports.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar, Literal, Protocol

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.content import Content
from textual.fuzzy import Matcher
from textual.screen import ModalScreen
from textual.widgets import Input, OptionList, Static
from textual.widgets.option_list import Option

from ...text_safety import TEXT_LIMIT, one_line
from .confirm import ConfirmModal
from .prompt import PromptModal

Verb = Literal["open", "rename", "delete"]


class Entry(Protocol):
    name: str
    shipped: bool
    description: str


@dataclass
class PickerChoice:
    verb: Verb
    entry: Entry
    new_name: str | None = None


def ranked(entries: list[Entry], query: str) -> list[Entry]:
    """Entries matching ``query`` (fuzzy), best first; all of them in order for no query."""
    if not query.strip():
        return list(entries)
    matcher = Matcher(query.strip())
    scored = [(matcher.match(f"{e.name} {e.description}"), i, e) for i, e in enumerate(entries)]
    return [e for score, _, e in sorted(scored, key=lambda s: (-s[0], s[1])) if score > 0]


def entry_prompt(entry: Entry) -> Content:
    kind = "template" if entry.shipped else "preset"
    description = f"  {one_line(entry.description)}" if entry.description else ""
    return Content.assemble(
        (f"{kind:<9}", "dim"), (one_line(entry.name), "bold"), (description, "italic dim")
    )


class PresetPicker(ModalScreen[PickerChoice | None]):
    DEFAULT_CSS = """
    PresetPicker {
        align: center middle;
        & > Vertical {
            width: 90%;
            max-width: 110;
            height: 80%;
            border: thick $primary 60%;
            background: $surface;
            padding: 0 1;
        }
        & #picker-title {
            text-style: bold;
        }
        & #picker-list {
            height: 1fr;
        }
        & #picker-problems {
            color: $text-error;
            height: auto;
            max-height: 4;
        }
        & #picker-keys {
            color: $text-muted;
        }
    }
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "cancel", "Close", id="picker-close"),
        Binding("down", "move(1)", "Next", show=False, id="picker-down"),
        Binding("up", "move(-1)", "Previous", show=False, id="picker-up"),
        Binding("f2", "rename", "Rename", priority=True, id="picker-rename"),
        Binding("ctrl+d", "delete", "Delete", priority=True, id="picker-delete"),
    ]

    def __init__(
        self,
        entries: list[Entry],
        problems: list[str] | None = None,
        *,
        templates_only: bool = False,
        current: str | None = None,
    ) -> None:
        super().__init__()
        self.entries = [e for e in entries if e.shipped] if templates_only else list(entries)
        self.problems = problems or []
        self.templates_only = templates_only
        self.current = current
        self.shown: list[Entry] = []

    def compose(self) -> ComposeResult:
        title = "New from template" if self.templates_only else "Presets and templates"
        with Vertical():
            yield Static(title, id="picker-title")
            yield Input(placeholder="type to filter (fuzzy)", id="picker-filter")
            yield OptionList(id="picker-list")
            if self.problems:
                text = "\n".join(f"✗ {one_line(p, TEXT_LIMIT)}" for p in self.problems)
                yield Static(Content(text), id="picker-problems")
            keys = "enter open · ↑↓ move · esc close"
            if not self.templates_only:
                keys = (
                    "enter open (a template opens as a new preset) · f2 rename · "
                    "ctrl+d delete · esc"
                )
            yield Static(keys, id="picker-keys")

    def on_mount(self) -> None:
        self.refill("")
        if self.current:
            for index, entry in enumerate(self.shown):
                if entry.name == self.current and not entry.shipped:
                    self.query_one(OptionList).highlighted = index
        self.query_one("#picker-filter", Input).focus()

    def refill(self, query: str) -> None:
        self.shown = ranked(self.entries, query)
        options = self.query_one(OptionList)
        options.clear_options()
        options.add_options([Option(entry_prompt(e), id=str(i)) for i, e in enumerate(self.shown)])
        if self.shown:
            options.highlighted = 0

    @property
    def highlighted(self) -> Entry | None:
        index = self.query_one(OptionList).highlighted
        return self.shown[index] if index is not None and index < len(self.shown) else None

    @on(Input.Changed, "#picker-filter")
    def _filter(self, event: Input.Changed) -> None:
        self.refill(event.value)

    @on(Input.Submitted, "#picker-filter")
    def _open_highlighted(self, event: Input.Submitted) -> None:
        event.stop()
        self.choose("open")

    @on(OptionList.OptionSelected, "#picker-list")
    def _selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.choose("open")

    def action_move(self, step: int) -> None:
        options = self.query_one(OptionList)
        if not self.shown:
            return
        current = options.highlighted if options.highlighted is not None else -1
        options.highlighted = max(0, min(len(self.shown) - 1, current + step))

    def choose(self, verb: Verb) -> None:
        entry = self.highlighted
        if entry is not None:
            self.dismiss(PickerChoice(verb, entry))

    def _own_highlighted(self, doing: str) -> Entry | None:
        entry = self.highlighted
        if entry is None:
            return None
        if entry.shipped:
            self.notify(
                f"{entry.name} is a shipped template and cannot be {doing}; "
                "open it and save a copy under another name",
                severity="warning",
            )
            return None
        return entry

    def action_rename(self) -> None:
        entry = self._own_highlighted("renamed")
        if entry is None:
            return

        def named(text: str | None) -> None:
            if text and text != entry.name:
                self.dismiss(PickerChoice("rename", entry, text))

        self.app.push_screen(PromptModal(f"Rename {entry.name} to:", entry.name), named)

    def action_delete(self) -> None:
        entry = self._own_highlighted("deleted")
        if entry is None:
            return

        def answered(yes: bool | None) -> None:
            if yes:
                self.dismiss(PickerChoice("delete", entry))

        body = f"The file of preset {entry.name!r} will be removed. This cannot be undone."
        self.app.push_screen(
            ConfirmModal(f"Delete preset {entry.name}?", body, confirm_label="Delete"), answered
        )

    def action_cancel(self) -> None:
        self.dismiss(None)
