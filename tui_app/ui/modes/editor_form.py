"""The editor's form on screen: the tabs, their rows and tables, brought in line with the
:class:`FormState`, and moving the focus between them.

The widgets are found once per pane mount, not by a query over the whole screen on every
keystroke. Each ``show_*`` skips the work when nothing changed.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from textual.app import ComposeResult
from textual.content import Content
from textual.screen import Screen
from textual.widget import Widget
from textual.widgets import TabbedContent, TabPane

from ...spec.issues import Issue
from ..form_state import SECTIONS, FormState, section_of
from ..marks import WARNING_MARK
from ..widgets.cost_line import CostLine
from ..widgets.field_row import FieldRow
from ..widgets.section import SectionPane, VersionRow

if TYPE_CHECKING:
    from ..widgets.review import Review

TABLE_GROUPS = ("volumes", "envs", "ports")
FIRST_FIELD = "name"


def validation_note(state: FormState, next_key: str) -> tuple[str, bool]:
    """What validating says, and whether it found errors."""
    report = state.report
    if report.ok:
        warn = f" ({counted(len(report.warnings), 'warning')})" if report.warnings else ""
        return f"Valid for the {state.version} API{warn}", False
    return f"{counted(len(report.errors), 'error')}; {next_key} jumps to the next", True


def counted(n: int, noun: str) -> str:
    """``1 warning``, ``2 warnings``."""
    return f"{n} {noun}" if n == 1 else f"{n} {noun}s"


class FormView:
    def __init__(
        self, screen: Screen[Any], state: FormState, *, cursor_blink: bool, switch_key: str
    ) -> None:
        self.screen = screen
        self.state = state
        self.cursor_blink = cursor_blink
        self.switch_key = switch_key
        self._widgets: tuple[dict[str, FieldRow], dict[str, Widget]] | None = None
        self._review: Review | None = None
        self._first_focus_pending = False

    def compose(self) -> ComposeResult:
        with TabbedContent(id="sections"):
            for section in SECTIONS:
                with TabPane(section.title, id=f"tab-{section.id}"):
                    # hidden tabs are filled once the first frame is on screen
                    if section.id == "general":
                        yield self.pane("general")

    def focus_first_field(self, *, if_pending: bool = False) -> None:
        """Start in Name. On a very short terminal its row is built just after the first
        frame, and the focus goes there when it is."""
        if if_pending and not self._first_focus_pending:
            return
        row = self.field_rows().get(FIRST_FIELD)
        self._first_focus_pending = row is None
        if row is not None:
            row.editor.focus()

    def pane(self, section_id: str) -> SectionPane:
        section = next(s for s in SECTIONS if s.id == section_id)
        return SectionPane(
            section, self.state, cursor_blink=self.cursor_blink, switch_key=self.switch_key
        )

    def fill_next_tab(self) -> Widget | None:
        """Mount the next empty tab; None once every tab is built."""
        for section in SECTIONS:
            tab = self.screen.query_one(f"#tab-{section.id}", TabPane)
            if not tab.children:
                if section.id == "review":
                    from ..widgets.review import Review

                    widget: Widget = Review(id="review")
                else:
                    widget = self.pane(section.id)
                tab.mount(widget)
                return widget
        return None

    # -- finding --------------------------------------------------------------------------
    @property
    def tabs(self) -> TabbedContent:
        return self.screen.query_one("#sections", TabbedContent)

    @property
    def review(self) -> Review | None:
        review = self._review
        if review is None or not review.is_attached:
            found = self.screen.query("#review")
            review = self._review = found.first() if found else None  # type: ignore[assignment]
        return review

    def forget(self) -> None:
        """A pane was mounted: find the rows and tables again."""
        self._widgets = None

    def field_rows(self) -> dict[str, FieldRow]:
        # a row whose editor is not mounted yet composes from the state when it is
        return {path: row for path, row in self._found()[0].items() if row.children}

    def table(self, group: str) -> Any:
        return self._found()[1].get(group)

    def _found(self) -> tuple[dict[str, FieldRow], dict[str, Widget]]:
        if self._widgets is None:
            rows = {row.path: row for row in self.screen.query(FieldRow)}
            tables = {
                w.id.removeprefix("table-"): w
                for w in self.screen.query(".form-table")
                if w.id is not None
            }
            self._widgets = (rows, tables)
        return self._widgets

    # -- showing --------------------------------------------------------------------------
    def show_values(self) -> None:
        state = self.state
        for path, row in self.field_rows().items():
            row.set_version(state.version)
            row.show_value(state.get(path))
        for version_row in self.screen.query(VersionRow):
            version_row.show_version(state.version)
        for group in TABLE_GROUPS:
            table = self.table(group)
            if table is not None and table.rows != state.rows(group):
                table.rows = state.rows(group)

    def show_issues(self) -> None:
        state = self.state
        for path, row in self.field_rows().items():
            row.show_issues(state.visible_issues(path))
        for group in TABLE_GROUPS:
            table = self.table(group)
            if table is None:
                continue
            if table.version != state.version:
                table.version = state.version
            warned = state.warned_in(group)
            if table.warned != warned:
                table.warned = warned
            issues = state.issues_in(group)
            if table.issues != issues:
                table.issues = issues

    def show_cost(self, text: str | None) -> None:
        for line in self.screen.query(CostLine):
            line.show_cost(text)

    def show_tab_counts(self) -> None:
        counts = self.state.errors_by_section()
        warned = self.state.warnings_by_section()
        tabs = self.tabs
        for section in SECTIONS:
            tab = tabs.get_tab(f"tab-{section.id}")
            n, w = counts[section.id], warned[section.id]
            label = Content.assemble(
                section.title,
                f" ({n})" if n else "",
                (f" {WARNING_MARK}{w}", "$warning") if w else "",
            )
            if tab.label != label:
                tab.label = label

    def show_options(self, options: dict[str, list[tuple[str, str]]]) -> None:
        """Look-up options for rows that have none yet (rows built after they came)."""
        rows = self.field_rows()
        for path, choices in options.items():
            if path in rows and not rows[path].has_options:
                rows[path].set_options(choices)

    # -- moving ---------------------------------------------------------------------------
    def section(self, section_id: str, *, focus_field: bool) -> None:
        """Show a tab. From the tab bar the focus stays there, so the next digit switches
        again; ``focus_field`` moves it into the pane (after ctrl+pageup/down)."""
        self.tabs.active = f"tab-{section_id}"
        pane = self.screen.query_one(f"#tab-{section_id}", TabPane)
        # a table tab's keys (a to add) work only from the table, and digits still switch there
        focus_field = focus_field or any(s.id == section_id and s.table for s in SECTIONS)
        if not focus_field:
            focused = self.screen.focused
            if focused is not None and pane not in focused.ancestors:
                self.leave_field()
            return
        focusable = [w for w in pane.query("*") if w.focusable]
        if focusable:
            focusable[0].focus()

    def step(self, step: int) -> None:
        ids = [s.id for s in SECTIONS]
        current = (self.tabs.active or "tab-general").removeprefix("tab-")
        self.section(ids[(ids.index(current) + step) % len(ids)], focus_field=True)

    def leave_field(self) -> None:
        self.tabs.query_one("ContentTabs").focus()

    def focus_issue(self, issue: Issue) -> None:
        self.tabs.active = f"tab-{section_of(issue.loc)}"
        row = self.field_rows().get(issue.loc)
        if row is not None:
            self.state.touch(issue.loc)
            row.editor.focus()
        else:
            table = self.table(issue.loc.split(".", 1)[0])
            if table is not None:
                table.focus()
                parts = issue.loc.split(".")
                if len(parts) > 1 and parts[1].isdigit() and int(parts[1]) < len(table.rows):
                    table.grid.move_cursor(row=int(parts[1]))
        self.show_issues()

    def focused_loc(self) -> str | None:
        node = self.screen.focused
        while node is not None:
            if isinstance(node, FieldRow):
                return node.path
            if node.id and node.id.startswith("table-"):
                return node.id.removeprefix("table-")
            node = node.parent
        return None

    def jump(self, *, forward: bool, none: Callable[[], None]) -> None:
        """Focus the next (or previous) error, then warning; ``none()`` when there is none."""
        stops = self.state.stops()
        if not stops:
            none()
            return
        here = self.focused_loc()
        locs = [issue.loc for issue in stops]
        if here in locs:
            index = locs.index(here) + (1 if forward else -1)
            issue = stops[index % len(stops)]
        elif forward:
            issue = self.state.next_error(here) or stops[0]
        else:
            issue = stops[-1]
        self.focus_issue(issue)
