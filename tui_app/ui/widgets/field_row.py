"""One form field built from its declaration: label, unit, the editor, help, and the message line.

The row knows nothing about the rules: it reports edits up (``FieldRow.Edited``), reports
being left (``FieldRow.Left``), and shows whatever issues its owner hands down.

The form has dozens of rows, so each is two widgets: the editor, and the row itself, which
draws the label beside the editor and the help and message lines under it (the editor's
margins leave that room). Fewer widgets is what keeps the first frame fast.
"""

from __future__ import annotations

import textwrap
from typing import TYPE_CHECKING, Any

from textual import events, on
from textual.app import ComposeResult
from textual.content import Content
from textual.message import Message
from textual.widget import Widget
from textual.widgets import Input

from ...spec import FIELDS, GROUPS, FieldSpec
from ...spec.issues import Issue
from ...text_safety import block
from ..controls.choice_field import ChoiceField
from ..controls.closed_choices import ClosedChoices
from ..marks import ISSUE_MARK, WARNING_MARK
from .lookup_slot import LookupSlot

if TYPE_CHECKING:
    from textual.widgets import Select

# fields whose ids come from a look-up API: an Input (ids typed by hand) plus a Select of known ids
LOOKUP_FIELDS: frozenset[str] = frozenset({"product_id", "region_id", "registry_auth_id"})
LABEL_WIDTH = 20
SCROLLBAR = 2


def required_here(field: FieldSpec, version: str) -> bool:
    """Required in ``version``: the field, and the table that holds it (``policy`` is
    optional in v2, so its fields are not to be filled there)."""
    head = field.path.rsplit(".", 1)[0] if "." in field.path else ""
    group = GROUPS.get(head)
    return field.required_in(version) and (group is None or version in group.required)


def help_text(path: str) -> str:
    """The help under a field; a look-up's says how to open its list."""
    text = FIELDS[path].help
    return f"{text} Enter or ↓ opens the list of known ids." if path in LOOKUP_FIELDS else text


def field_label(field: FieldSpec, version: str) -> str:
    unit = f" ({field.unit})" if field.unit else ""
    mark = " *" if required_here(field, version) else ""
    return f"{field.label}{unit}{mark}"


def parse_text(field: FieldSpec, text: str) -> Any:
    """What a typed text means for the table: empty is absent, digits are a number."""
    if text == "":
        return None
    if field.kind == "int":
        stripped = text.strip()
        if stripped.lstrip("-").isdigit():
            return int(stripped)
    return text


def issue_text(issues: list[Issue]) -> tuple[str, str]:
    """The message line and its severity: errors first; symbols keep them apart in NO_COLOR."""
    if not issues:
        return "", ""
    first = next((i for i in issues if i.severity == "error"), issues[0])
    symbol = ISSUE_MARK if first.severity == "error" else WARNING_MARK
    more = f" (+{len(issues) - 1} more)" if len(issues) > 1 else ""
    return f"{symbol} {block(first.message)}{more}", first.severity


def wrapped(text: str, width: int) -> list[str]:
    return textwrap.wrap(text, max(8, width)) if text else []


class FieldRow(Widget):
    """``FieldRow("worker_config.max_replicas")``: a labelled editor for one scalar field."""

    DEFAULT_CSS = f"""
    FieldRow {{
        height: auto;
        layout: vertical;
        padding: 0 1;
        &.-lookup {{
            layout: horizontal;
        }}
        & > Input, & > ChoiceField {{
            width: 1fr;
            margin-left: {LABEL_WIDTH};
        }}
        & Input.-number {{
            max-width: 24;
        }}
        & > #choices, & > ClosedChoices {{
            margin-left: 1;
            width: 1fr;
        }}
        & Select > SelectCurrent > #label {{
            text-wrap: nowrap;
            text-overflow: ellipsis;
        }}
        & Input.-invalid {{
            background-tint: $error 25%;
        }}
    }}
    """

    class Edited(Message):
        """The user changed the value (already parsed: int, str or None)."""

        def __init__(self, row: FieldRow, loc: str, value: Any) -> None:
            super().__init__()
            self.row = row
            self.loc = loc
            self.value = value

    class ChoicesWanted(Message):
        """A look-up field was entered before its known ids were fetched."""

    class Left(Message):
        """Focus left the field: from now on its messages show."""

        def __init__(self, row: FieldRow, loc: str) -> None:
            super().__init__()
            self.row = row
            self.loc = loc

    def __init__(
        self,
        path: str,
        *,
        version: str = "v2",
        value: Any = None,
        cursor_blink: bool = True,
        id: str | None = None,
    ) -> None:
        super().__init__(id=id)
        self.path = path
        self.field = FIELDS[path]
        self.version = version
        self._initial = value
        self._cursor_blink = cursor_blink
        self._message = ""
        self._severity = ""
        self._lookup = LookupSlot(self) if path in LOOKUP_FIELDS else None
        self._lines: tuple[list[str], list[str]] = ([], [])

    # -- building -----------------------------------------------------------------------
    @staticmethod
    def help_width(screen_width: int) -> int:
        """The width the help will most likely get, so the first layout is final."""
        return screen_width - 4 - LABEL_WIDTH - SCROLLBAR

    @classmethod
    def height_for(cls, path: str, screen_width: int) -> int:
        """Lines the row takes before any message: the editor's, then the help's."""
        return 1 + len(wrapped(help_text(path), cls.help_width(screen_width)))

    def compose(self) -> ComposeResult:
        self._lines = (wrapped(help_text(self.path), self.help_width(self.app.size.width)), [])
        if self.field.kind == "enum":
            editor: Widget = ChoiceField(self.field.choices, value=self._initial, id="editor")
        else:
            editor = self._input()
            if self.path in LOOKUP_FIELDS:
                # the list of known ids is mounted beside the input once it has loaded
                self.add_class("-lookup")
        editor.styles.margin = (0, 0, len(self._lines[0]), LABEL_WIDTH)
        yield editor

    # -- drawing ------------------------------------------------------------------------
    def _layout_notes(self) -> None:
        """Wrap help and message to the width there is, and make room under the editor."""
        if not self.content_size.width:
            return
        width = self.content_size.width - LABEL_WIDTH
        lines = (wrapped(help_text(self.path), width), wrapped(self._message, width))
        if lines == self._lines:
            return
        self._lines = lines
        bottom = len(lines[0]) + len(lines[1])
        top = self.children[0] if self.children else None
        if top is not None and top.styles.margin.bottom != bottom:
            top.styles.margin = (0, 0, bottom, LABEL_WIDTH)
        self.refresh()

    def render(self) -> Content:
        label_style = "bold $accent" if self.has_focus_within else "$text-muted"
        label = field_label(self.field, self.version)[: LABEL_WIDTH - 1].ljust(LABEL_WIDTH)
        parts: list[str | tuple[str, str]] = [(label, label_style)]
        pad = " " * LABEL_WIDTH
        help_lines, message_lines = self._lines
        for line in help_lines:
            parts += ["\n" + pad, (line, "italic $text-muted")]
        style = "bold $text-error" if self._severity == "error" else "$text-warning"
        for line in message_lines:
            parts += ["\n" + pad, (line, style)]
        return Content.assemble(*parts)

    def on_mount(self) -> None:
        if self._lookup is not None:
            self._lookup.mounted()

    def on_resize(self, event: events.Resize) -> None:
        self._layout_notes()

    def on_descendant_focus(self, event: events.DescendantFocus) -> None:
        self.refresh()
        if self._lookup is None:
            return
        if self._lookup.options:
            self._lookup.entered()
        else:
            self.post_message(self.ChoicesWanted())

    def on_descendant_blur(self, event: events.DescendantBlur) -> None:
        self.refresh()

    def _input(self) -> Input:
        value = "" if self._initial is None else str(self._initial)
        editor = Input(
            value,
            placeholder=self._placeholder(),
            type="integer" if self.field.kind == "int" else "text",
            validate_on=(),
            compact=True,
            select_on_focus=False,
            id="editor",
        )
        editor.cursor_blink = self._cursor_blink
        if self.field.kind == "int":
            editor.add_class("-number")
        return editor

    def _placeholder(self) -> str:
        example = self.field.example
        return f"e.g. {example}" if example not in (None, "") else ""

    # -- accessors ----------------------------------------------------------------------
    @property
    def editor(self) -> Input | ChoiceField:
        return self.query_one("#editor", (Input, ChoiceField))  # type: ignore[arg-type]

    @property
    def value(self) -> Any:
        editor = self.editor
        if isinstance(editor, ChoiceField):
            return editor.value
        return parse_text(self.field, editor.value)

    @property
    def message(self) -> str:
        return self._message

    # -- attributes down ----------------------------------------------------------------
    def show_value(self, value: Any) -> None:
        """Put a value loaded from elsewhere into the editor (no-op when it already shows it)."""
        editor = self.editor
        if isinstance(editor, ChoiceField):
            # a value set from outside is not the user's pick: no Changed message
            editor.value = value if value in self.field.choices else None
            return
        if self.value == value and type(self.value) is type(value):
            return
        with editor.prevent(Input.Changed):
            editor.value = "" if value is None else str(value)
        self._sync_choice(editor.value)

    def show_issues(self, issues: list[Issue]) -> None:
        text, severity = issue_text(issues)
        if (text, severity) == (self._message, self._severity):
            return
        self._message, self._severity = text, severity
        self._layout_notes()
        self.editor.set_class(severity == "error", "-invalid")

    def set_version(self, version: str) -> None:
        if version != self.version:
            self.version = version
            self.refresh()

    def set_options(self, options: list[tuple[str, str]]) -> None:
        """Known ids for a look-up field: (text shown, id). The same list again changes
        nothing (a row built while the look-ups came gets them twice, the list still mounting)."""
        if self._lookup is None or (options and options == self._lookup.options):
            return
        self._lookup.set_options(options)

    @property
    def has_options(self) -> bool:
        """Whether the look-up's options were handed down yet."""
        return self._lookup is not None and bool(self._lookup.options)

    def option_text(self, value: str) -> str | None:
        return None if self._lookup is None else self._lookup.option_text(value)

    def _sync_choice(self, text: str) -> None:
        if self._lookup is not None:
            self._lookup.sync(text)

    # -- messages up --------------------------------------------------------------------
    @on(Input.Changed, "#editor")
    def _typed(self, event: Input.Changed) -> None:
        event.stop()
        self._sync_choice(event.value)
        self.post_message(self.Edited(self, self.path, parse_text(self.field, event.value)))

    @on(ChoiceField.Changed, "#editor")
    def _chose(self, event: ChoiceField.Changed) -> None:
        event.stop()
        self.post_message(self.Edited(self, self.path, event.value))
        self.post_message(self.Left(self, self.path))

    def on_key(self, event: events.Key) -> None:
        # Enter or Down on a look-up's id opens its list of known ids
        if event.key not in ("enter", "down") or self._lookup is None:
            return
        if not self.query_one("#editor", Input).has_focus:
            return
        if self._lookup.open_list(expand=True):
            event.stop()
            event.prevent_default()

    def on_closed_choices_opened(self, event: ClosedChoices.Opened) -> None:
        event.stop()
        if self._lookup is not None:
            self._lookup.open_list(expand=True)

    def on_select_changed(self, event: Select.Changed) -> None:
        if event.select.id != "choices":
            return
        event.stop()
        if event.value is not event.select.NULL:
            self.query_one("#editor", Input).value = str(event.value)

    @on(Input.Blurred, "#editor")
    def _left(self, event: Input.Blurred) -> None:
        event.stop()
        self.post_message(self.Left(self, self.path))
