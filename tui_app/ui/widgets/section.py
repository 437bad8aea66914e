"""One tab of the form: its scalar fields as rows, or its list as a keyboard-edited table."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.content import Content
from textual.message import Message
from textual.widget import Widget
from textual.widgets import Static

from ...spec import GROUPS
from ..form_state import FormState, Section
from .cost_line import CostLine
from .field_row import LABEL_WIDTH, FieldRow

# lines around a pane's rows: header, tab bar (2), the version row, status line and footer
CHROME_LINES = 6


class VersionRow(Static):
    """The API version the form is checked against and rendered for (f4 or the palette switch)."""

    DEFAULT_CSS = """
    VersionRow {
        height: 1;
        padding: 0 1;
        color: $text-muted;
    }
    """

    def __init__(self, version: str, switch_key: str = "f4") -> None:
        super().__init__(id="version-row")
        self.version = version
        self.switch_key = switch_key

    def render(self) -> Content:
        other = "v1" if self.version == "v2" else "v2"
        return Content.assemble(
            ("API version".ljust(LABEL_WIDTH), ""),
            (f"{self.version}", "bold $accent"),
            (f"  rules and Review follow it · {self.switch_key} switches to {other}", "italic"),
        )

    def show_version(self, version: str) -> None:
        if version != self.version:
            self.version = version
            self.refresh()


def table_widget(section: Section, version: str) -> Widget:
    """The list editor for a table section (volumes, env, ports)."""
    assert section.table is not None
    if section.table == "envs":
        from .env_table import EnvTable

        return EnvTable(version=version, id=f"table-{section.table}", classes="form-table")
    from .row_table import RowTable

    return RowTable(
        section.table, version=version, id=f"table-{section.table}", classes="form-table"
    )


class SectionPane(VerticalScroll):
    """The content of one tab; the rows are built from the form state they start with."""

    DEFAULT_CSS = """
    SectionPane {
        height: 1fr;
        & > .group-help {
            color: $text-muted;
            padding: 0 1;
            margin-bottom: 1;
        }
        & > FieldRow {
            margin-bottom: 0;
        }
    }
    """

    class Mounted(Message):
        """The pane's rows exist now (hidden panes are mounted after the first paint)."""

    def __init__(
        self,
        section: Section,
        state: FormState,
        *,
        cursor_blink: bool = True,
        switch_key: str = "f4",
    ) -> None:
        super().__init__(id=f"pane-{section.id}", can_focus=False)
        self.section = section
        self.state = state
        self.cursor_blink = cursor_blink
        # the key that switches the API version, for the version row
        self.switch_key = switch_key
        # rows below the fold, built once the first frame is out
        self._later: list[str] = []

    def on_mount(self) -> None:
        self.post_message(self.Mounted())
        if self._later:
            self.call_after_refresh(self._mount_later)

    def compose(self) -> ComposeResult:
        section, state = self.section, self.state
        group = GROUPS.get(section.paths[0].split(".")[0]) if section.paths else None
        if group is not None and "." in section.paths[0]:
            yield Static(Content(group.help), classes="group-help")
        if section.id == "general":
            yield VersionRow(state.version, self.switch_key)
        if section.id == "workers":
            yield CostLine()
        shown = self._fitting(section.paths)
        self._later = list(section.paths[len(shown) :])
        yield from (self._row(path) for path in shown)
        if section.table:
            group_spec = GROUPS.get(f"{section.table}.*")
            if group_spec is not None:
                yield Static(Content(group_spec.help), classes="group-help")
            yield table_widget(section, state.version)

    def _row(self, path: str) -> FieldRow:
        return FieldRow(
            path,
            version=self.state.version,
            value=self.state.get(path),
            cursor_blink=self.cursor_blink,
            id=f"field-{path.replace('.', '-')}",
        )

    def _fitting(self, paths: tuple[str, ...]) -> list[str]:
        """The rows that start on screen; any after them can come after the first frame."""
        room = self.app.size.height - CHROME_LINES
        out: list[str] = []
        top = 0
        for path in paths:
            if top >= room:
                break
            out.append(path)
            top += FieldRow.height_for(path, self.app.size.width)
        return out

    async def _mount_later(self) -> None:
        later, self._later = self._later, []
        if later and self.is_attached:
            rows = self.query(FieldRow)
            await self.mount_all([self._row(path) for path in later], after=rows.last())
            self.post_message(self.Mounted())
