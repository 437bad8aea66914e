"""Edit one row of a list group (a volume, an env variable, a port) in a modal form.

Every message comes from :mod:`tui_app.spec`: the field's own rules through
``validate_field`` and the rules tying the row's fields together (a network volume needs
an id) through ``validate`` on a one-row endpoint. No rule is written here.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.screen import ModalScreen
from textual.widget import Widget
from textual.widgets import Button, Footer, Input, Static

from ... import spec
from ...spec.fields import FieldSpec
from ...spec.schema import keys_of
from ...text_safety import block, one_line
from ..controls.choice_field import ChoiceField

GROUP_NOUNS = {"volumes": "volume", "envs": "environment variable", "ports": "port"}


def item_fields(group: str) -> list[tuple[str, FieldSpec]]:
    """(row key, declaration) of each field of one row; a port row is ``{"port": n}``."""
    if group == "ports":
        return [("port", spec.FIELDS["ports.*"])]
    return [(key, spec.FIELDS[f"{group}.*.{key}"]) for key in keys_of(f"{group}.*")]


def row_loc(group: str, index: int, key: str) -> str:
    """The validation location of one cell: ``volumes.1.mount_point``, ``ports.0``."""
    return f"{group}.{index}" if group == "ports" else f"{group}.{index}.{key}"


def row_issues(group: str, row: dict[str, Any], version: str) -> dict[str, spec.Issue]:
    """Row key -> first issue, from the field rules and the rules within one row."""
    found: dict[str, spec.Issue] = {}
    fields = item_fields(group)
    for key, _ in fields:
        for issue in spec.validate_field(row_loc(group, 0, key), row.get(key), version):
            found.setdefault(key, issue)
    item: Any = row.get("port") if group == "ports" else row
    report = spec.validate({group: [item]}, version)
    for key, _ in fields:
        loc = row_loc(group, 0, key)
        for issue in report.at(loc):
            # errors win over warnings; the first error per field is enough
            if key not in found or (found[key].severity == "warning" and issue.severity == "error"):
                found[key] = issue
    return found


def label_text(field: FieldSpec, version: str) -> str:
    unit = f" ({field.unit})" if field.unit else ""
    mark = " *" if field.required_in(version) else ""
    return f"{field.label}{unit}{mark}"


def raw_from_text(field: FieldSpec, text: str) -> Any:
    """What the user typed, as the model wants it; text that is not a number stays text."""
    if field.kind == "int":
        stripped = text.strip()
        if not stripped:
            return None
        try:
            return int(stripped)
        except ValueError:
            return stripped
    if text == "" and not field.keep_empty:
        return None
    return text


def message_text(issue: spec.Issue | None) -> str:
    """The line under a field; the sign carries the severity where colour is off."""
    if issue is None:
        return ""
    sign = "⚠" if issue.severity == "warning" else "✗"
    return f"{sign} {block(issue.message)}"


def shown_text(value: Any) -> str:
    return "" if value is None else str(value)


class RowEditor(ModalScreen[dict[str, Any] | None]):
    """One row's fields, prefilled; dismisses with the new row, or None on Esc."""

    DEFAULT_CSS = """
    RowEditor {
        align: center middle;
    }
    RowEditor > #dialog {
        width: 76;
        max-width: 100%;
        height: auto;
        max-height: 100%;
        border: thick $primary 60%;
        background: $surface;
        padding: 0 1;
    }
    RowEditor #title {
        text-style: bold;
        padding: 0 1;
    }
    RowEditor #fields {
        height: auto;
        /* leaves room for the title, the buttons and the footer at 80x24 */
        max-height: 66vh;
    }
    RowEditor .field {
        height: auto;
    }
    RowEditor .field > Horizontal {
        height: auto;
    }
    RowEditor .label {
        width: 20;
        padding: 1 1 0 1;
    }
    RowEditor .field Input, RowEditor .field ChoiceField {
        width: 1fr;
    }
    RowEditor .field ChoiceField {
        margin-top: 1;
    }
    RowEditor .help {
        padding: 0 1 0 21;
        color: $text-muted;
        display: none;
    }
    /* help only for the field being edited: keeps a four-field row inside 80x24 */
    RowEditor .field:focus-within .help {
        display: block;
    }
    RowEditor .message {
        padding: 0 1 0 21;
        color: $text-error;
        display: none;
    }
    RowEditor .message.-shown {
        display: block;
    }
    RowEditor .message.-warning {
        color: $text-warning;
    }
    RowEditor #buttons {
        height: auto;
        align-horizontal: right;
    }
    RowEditor #buttons Button {
        margin-left: 2;
    }
    RowEditor #refused {
        color: $text-error;
        padding: 0 1;
        display: none;
    }
    RowEditor #refused.-shown {
        display: block;
    }
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+s", "save", "Save row", id="row-editor-save"),
        Binding("escape", "cancel", "Cancel", id="row-editor-cancel"),
        Binding("ctrl+r", "reveal", "Show/hide value", id="row-editor-reveal"),
    ]

    def __init__(
        self,
        group: str,
        row: dict[str, Any] | None,
        *,
        version: str = "v2",
        index: int = 0,
        suggestions: Mapping[str, list[tuple[str, str]]] | None = None,
    ) -> None:
        super().__init__()
        # known values for a text field (storages for a network volume id): (text, id)
        self.suggestions = dict(suggestions or {})
        self.group = group
        self.version = version
        self.index = index
        self.is_new = row is None
        self.fields = item_fields(group)
        self.initial = dict(row) if row is not None else self.defaults()
        # a prefilled row shows its problems at once; a new one waits for each field to be left
        self.touched: set[str] = set() if self.is_new else {key for key, _ in self.fields}

    def defaults(self) -> dict[str, Any]:
        out: dict[str, Any] = {}
        for key, field in self.fields:
            if field.kind == "enum" and field.required and field.choices:
                out[key] = field.choices[0]
        return out

    def compose(self) -> ComposeResult:
        noun = GROUP_NOUNS.get(self.group, "row")
        title = f"New {noun}" if self.is_new else f"Edit {noun} {self.index + 1}"
        with Vertical(id="dialog"):
            yield Static(Content(f"{title} ({self.version})"), id="title")
            with VerticalScroll(id="fields"):
                for key, field in self.fields:
                    yield from self.compose_field(key, field)
            yield Static(Content("Fix the fields marked above to save."), id="refused")
            with Horizontal(id="buttons"):
                yield Button("Cancel", id="cancel")
                yield Button("Save", id="save", variant="primary")
        yield Footer()

    def compose_field(self, key: str, field: FieldSpec) -> ComposeResult:
        with Vertical(classes="field", id=f"field-{key}"):
            with Horizontal():
                yield Static(Content(label_text(field, self.version)), classes="label")
                yield self.control_for(key, field)
            if self.suggestions.get(key):
                yield self.picker_for(key)
            yield Static(Content(field.help), classes="help")
            yield Static("", classes="message", id=f"msg-{key}")

    def control_for(self, key: str, field: FieldSpec) -> Input | ChoiceField:
        value = self.initial.get(key)
        if field.kind == "enum":
            # the same one-line choice as the form's enums
            return ChoiceField(field.choices, value=value, id=f"in-{key}")
        return Input(
            shown_text(value),
            placeholder=shown_text(field.example) if field.example is not None else "",
            type="integer" if field.kind == "int" else "text",
            # the spec decides what is valid; the Input's own checks would disagree
            validate_on=(),
            # a value that looks like a credential stays hidden until asked (ctrl+r)
            password=self.group == "envs" and key == "value" and self.secret_initially(),
            id=f"in-{key}",
        )

    def picker_for(self, key: str) -> Widget:
        from textual.widgets import Select  # paid for only when there is something to pick

        # the texts come from the server: plain text, never markup
        shown = [(Content(one_line(text)), value) for text, value in self.suggestions[key]]
        return Select(shown, prompt="(pick a known one)", id=f"pick-{key}", compact=True)

    def on_select_changed(self, event: Any) -> None:
        from textual.widgets import Select

        key = (event.select.id or "").removeprefix("pick-")
        if event.value is Select.NULL or not key or key == event.select.id:
            return
        self.query_one(f"#in-{key}", Input).value = str(event.value)

    def secret_initially(self) -> bool:
        return spec.looks_secret(self.initial.get("key"), self.initial.get("value"))

    def on_mount(self) -> None:
        self.refresh_messages()
        if not self.focus_first_error():
            self.query_one(f"#in-{self.fields[0][0]}").focus()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "reveal":
            return self.group == "envs"
        return True

    def action_reveal(self) -> None:
        if self.group == "envs":
            value = self.query_one("#in-value", Input)
            value.password = not value.password

    def current_row(self) -> dict[str, Any]:
        """The row as typed, empty optional fields left out."""
        row: dict[str, Any] = {}
        for key, field in self.fields:
            control = self.query_one(f"#in-{key}")
            if isinstance(control, ChoiceField):
                value = control.value
            else:
                assert isinstance(control, Input)
                value = raw_from_text(field, control.value)
            if value is not None:
                row[key] = value
        return row

    def refresh_messages(self, *, all_fields: bool = False) -> bool:
        """Update every message line; True when the row has no errors."""
        found = row_issues(self.group, self.current_row(), self.version)
        for key, _ in self.fields:
            issue = found.get(key)
            shown = issue is not None and (all_fields or key in self.touched)
            line = self.query_one(f"#msg-{key}", Static)
            line.update(Content(message_text(issue)))
            line.set_class(shown, "-shown")
            line.set_class(bool(issue and issue.severity == "warning"), "-warning")
            bad = shown and issue is not None and issue.severity == "error"
            self.query_one(f"#in-{key}").set_class(bad, "-invalid")
        return not any(i.severity == "error" for i in found.values())

    @on(Input.Changed)
    @on(ChoiceField.Changed)
    def field_changed(self, event: Input.Changed | ChoiceField.Changed) -> None:
        if isinstance(event, ChoiceField.Changed) and event.choice_field.id:
            self.touched.add(event.choice_field.id.removeprefix("in-"))
        self.refresh_messages()
        self.query_one("#refused").remove_class("-shown")

    @on(Input.Blurred)
    def field_left(self, event: Input.Blurred) -> None:
        if event.input.id:
            self.touched.add(event.input.id.removeprefix("in-"))
        self.refresh_messages()

    @on(Input.Submitted)
    def enter_in_field(self) -> None:
        self.action_save()

    @on(Button.Pressed, "#save")
    def action_save(self) -> None:
        if not self.refresh_messages(all_fields=True):
            self.touched.update(key for key, _ in self.fields)
            self.query_one("#refused").add_class("-shown")
            self.focus_first_error()
            return
        row = self.current_row()
        self.dismiss(row)

    def focus_first_error(self) -> bool:
        for key, _ in self.fields:
            control = self.query_one(f"#in-{key}")
            if control.has_class("-invalid"):
                control.focus()
                return True
        return False

    @on(Button.Pressed, "#cancel")
    def action_cancel(self) -> None:
        self.dismiss(None)
