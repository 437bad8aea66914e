"""The known ids beside a look-up field's input: drawn closed until the field is entered.

A :class:`ClosedChoices` stands in for the drop-down until focus comes into the field (or
the closed one is clicked, or Enter or ↓ asks for the list); only then is Textual's Select
mounted in its place, looking the same. Most forms are opened, read and submitted without
anyone opening a look-up's list, and three Selects are about 1 MiB.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.content import Content
from textual.widget import Widget
from textual.widgets import Input

from ..controls.closed_choices import ClosedChoices

if TYPE_CHECKING:
    from textual.widgets import Select

NO_CHOICE = "(pick from the list)"
NONE_FOUND = "(none found)"


class LookupSlot:
    """Owned by a look-up field's row; the row hands down options and what was typed."""

    def __init__(self, row: Widget) -> None:
        self.row = row
        self.options: list[tuple[str, str]] = []  # (text shown, id)
        self._select: Select[str] | None = None
        # the drop-down may be told of new options or a typed id only once it has mounted:
        # a Select changed while still composing fails inside Textual
        self._ready = False
        self._pending = False
        self._open_when_ready = False

    # -- attributes down ----------------------------------------------------------------
    def set_options(self, options: list[tuple[str, str]]) -> None:
        self.options = options
        if not self.row.is_attached:
            return  # not in the screen yet (shown once mounted), or the app is quitting
        if self._select is not None:
            if self._ready:
                self._refill(self._select)
            else:
                self._pending = True  # shown once the list has mounted
        elif self.row.has_focus_within:
            self.open_list(expand=False)
        else:
            self._show_closed()

    def mounted(self) -> None:
        """The row is on the screen: options handed down before now are shown."""
        if self.options and self._select is None:
            self._show_closed()

    def sync(self, text: str) -> None:
        """The id typed in the input: the list, open or closed, shows its text."""
        if self._select is None:
            if self.row.query(ClosedChoices):
                self._show_closed()
            return
        if not self._ready:
            return
        select = self._select
        wanted = text if self.option_text(text) is not None else select.NULL
        if select.value != wanted:
            with select.prevent(type(select).Changed):
                select.value = wanted

    def option_text(self, value: str) -> str | None:
        return next((text for text, key in self.options if key == value), None)

    # -- the real drop-down -------------------------------------------------------------
    def entered(self) -> None:
        """Focus came into the field: the drop-down is mounted, so Tab reaches it."""
        if self.options and self._select is None:
            self.open_list(expand=False)

    def open_list(self, *, expand: bool) -> bool:
        """Mount the drop-down in the closed one's place; ``expand``: open it, focused.
        False when there is nothing to list yet."""
        if not self.options:
            return False
        if self._select is None:
            self._mount()
        if expand:
            if self._ready:
                self._expand()
            else:
                self._open_when_ready = True
        return True

    def _mount(self) -> None:
        from textual.widgets import Select  # paid for once someone enters the field

        current = self._current()
        wanted = current if self.option_text(current) is not None else Select.NULL
        shown, prompt = self._shown()
        select = Select[str](shown, prompt=prompt, value=wanted, compact=True, id="choices")
        self._select = select
        self._ready = self._pending = False
        with self.row.app.batch_update():
            self.row.query(ClosedChoices).remove()
            mounting = self.row.mount(select)

        async def mounted() -> None:
            await mounting
            self._ready = True
            if self._pending:
                self._pending = False
                self._refill(select)
            else:
                self.sync(self._current())
            if self._open_when_ready:
                self._open_when_ready = False
                self._expand()

        self.row.call_later(mounted)

    def _expand(self) -> None:
        if self._select is not None:
            self._select.focus()
            self._select.expanded = True

    # -- drawing ------------------------------------------------------------------------
    def _current(self) -> str:
        return self.row.query_one("#editor", Input).value

    def _prompt(self) -> str:
        return NO_CHOICE if self.options else NONE_FOUND

    def _shown(self) -> tuple[list[tuple[Content, str]], str]:
        # the texts come from the server: shown as plain text, never read as markup
        return [(Content(text), key) for text, key in self.options], self._prompt()

    def _refill(self, select: Select[str]) -> None:
        shown, prompt = self._shown()
        select.set_options(shown)
        select.prompt = prompt
        self.sync(self._current())

    def _show_closed(self) -> None:
        text = self.option_text(self._current())
        label, chosen = (self._prompt(), False) if text is None else (text, True)
        found = self.row.query(ClosedChoices)
        if found:
            found.first().show(label, chosen=chosen)
        else:
            self.row.mount(ClosedChoices(label, chosen=chosen, id="closed-choices"))
