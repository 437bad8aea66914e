"""EndpointApp: the form in tabs, live validation, the status line and the log panel.

Start-up paints first and loads later (:mod:`.startup`); preset and submit work lives in
:mod:`.presets_flow`, :mod:`.connection` and :mod:`.submit_flow`; every rule lives in
:mod:`tui_app.spec`.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any, ClassVar

from textual import on
from textual.app import App, ComposeResult
from textual.binding import BindingType
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widget import Widget
from textual.widgets import Footer, TabbedContent, TabPane
from textual.widgets.tabbed_content import ContentTabs

from ..spec.issues import Issue
from . import actions
from .connection import ConnectionFlow
from .form_state import SECTIONS, FormState, section_of
from .paint_guard import SafeDisplay
from .palette import EndpointCommands
from .presets_flow import PresetsFlow
from .startup import StartupFlow
from .submit_flow import SubmitFlow
from .theme_choice import ThemeChoice
from .themes import DEFAULT_THEME
from .widgets.field_row import LOOKUP_FIELDS, FieldRow
from .widgets.header_bar import HeaderBar
from .widgets.section import SectionPane, VersionRow
from .widgets.status_line import StatusLine

if TYPE_CHECKING:
    from .widgets.review import Review

TABLE_GROUPS = ("volumes", "envs", "ports")
FIRST_FIELD = "name"


class EndpointApp(
    SafeDisplay, StartupFlow, PresetsFlow, ConnectionFlow, SubmitFlow, ThemeChoice, App[int]
):
    CSS_PATH = str(Path(__file__).with_name("app.tcss"))
    TITLE = "ppio-endpoint"
    BINDINGS: ClassVar[list[BindingType]] = actions.bindings()
    COMMANDS = App.COMMANDS | {EndpointCommands}

    def __init__(
        self,
        *,
        home: Path,
        preset: str | None = None,
        profile: str | None = None,
        base_url: str | None = None,
        api_version: str | None = None,
        theme: str | None = None,
        keymap: Mapping[str, str] | None = None,
        problems: list[str] | None = None,
        themes: Mapping[str, Any] | None = None,
        user_host: str | None = None,
        cursor_blink: bool = True,
        environ: Mapping[str, str] | None = None,
        autosave_delay: float = 0.5,
        allow_http: bool = False,
    ) -> None:
        super().__init__()
        self.animation_level = "none"
        self.home = home
        self.environ: Mapping[str, str] = os.environ if environ is None else environ
        self.state = FormState(version=api_version or "v2")
        self.keymap = dict(keymap or {})
        self.cursor_blink = cursor_blink
        self._startup_problems = list(problems or [])
        self._user_host = user_host
        self.init_startup()
        self._widgets: tuple[dict[str, FieldRow], dict[str, Widget]] | None = None
        self._review: Review | None = None
        self._first_focus_pending = False
        for custom in (themes or {}).values():
            self.register_theme(custom)
        # set before the first frame, so the stylesheet is resolved once
        self.theme_problem = ""
        if theme:
            self.apply_theme(theme)
        self.init_presets(preset, autosave_delay)
        self.init_connection(
            profile=profile, base_url=base_url, api_version=api_version, allow_http=allow_http
        )
        self.init_submit()

    # -- layout -------------------------------------------------------------------------
    def compose(self) -> ComposeResult:
        yield HeaderBar(self._user_host, id="header")
        with TabbedContent(id="sections"):
            for section in SECTIONS:
                with TabPane(section.title, id=f"tab-{section.id}"):
                    # hidden tabs are filled once the first frame is on screen (on_ready)
                    if section.id == "general":
                        yield SectionPane(section, self.state, cursor_blink=self.cursor_blink)
        yield Vertical(id="log-dock")
        yield StatusLine(id="status")
        yield Footer(compact=True, show_command_palette=False)

    def on_mount(self) -> None:
        problems = list(self._startup_problems)
        if self.theme_problem:
            problems.append(self.theme_problem)
        keymap, keymap_problems = actions.check_keymap(self.keymap)
        self.keymap = keymap
        if keymap:
            self.set_keymap(keymap)
        problems += [f"[keymap] {p}" for p in keymap_problems]
        if problems:
            self.notify("\n".join(problems), title="Settings", severity="warning", timeout=12)
        self.refresh_form()
        self.focus_first_field()
        self.theme_settled()

    def focus_first_field(self) -> None:
        """Start in Name. On a very short terminal its row is built just after the first
        frame, and the focus goes there when it is."""
        row = self.field_rows().get(FIRST_FIELD)
        self._first_focus_pending = row is None
        if row is not None:
            row.editor.focus()

    def apply_theme(self, name: str) -> None:
        """The theme to start in (called before the app runs)."""
        if name not in self.available_themes:
            known = ", ".join(sorted(self.available_themes))
            self.theme_problem = f"unknown theme {name!r}; known: {known}"
            if DEFAULT_THEME not in self.available_themes:
                return
            name = DEFAULT_THEME
        theme, current = self.available_themes[name], self.current_theme
        if theme.dark != current.dark or theme.ansi or current.ansi:
            self.theme = name  # the ANSI colour handling changes too: Textual's full path
            return
        # Nothing is parsed or styled yet, so the stylesheet can simply start with this
        # theme's variables; setting ``theme`` would re-parse and restyle once running.
        self.set_reactive(App.theme, name)
        self.stylesheet.set_variables(self.get_css_variables())
        self.add_class(f"-theme-{name}", update=False)

    # -- accessors ----------------------------------------------------------------------
    @property
    def header(self) -> HeaderBar:
        return self.query_one("#header", HeaderBar)

    @property
    def status(self) -> StatusLine:
        return self.query_one("#status", StatusLine)

    @property
    def review(self) -> Review | None:
        # asked on every keystroke: found once, not by a query over the whole screen
        review = self._review
        if review is None or not review.is_attached:
            found = self.query("#review")
            review = self._review = found.first() if found else None  # type: ignore[assignment]
        return review

    @property
    def tabs(self) -> TabbedContent:
        return self.query_one("#sections", TabbedContent)

    def field_rows(self) -> dict[str, FieldRow]:
        # a row whose editor is not mounted yet composes from the state when it is
        return {path: row for path, row in self._form_widgets()[0].items() if row.children}

    def table(self, group: str) -> Any:
        return self._form_widgets()[1].get(group)

    def _form_widgets(self) -> tuple[dict[str, FieldRow], dict[str, Widget]]:
        """Rows and tables, found once per pane mount: every keystroke asks for them, and a
        query walks the whole screen."""
        if self._widgets is None:
            rows = {row.path: row for row in self.query(FieldRow)}
            tables = {
                w.id.removeprefix("table-"): w
                for w in self.query(".form-table")
                if w.id is not None
            }
            self._widgets = (rows, tables)
        return self._widgets

    def next_key(self, action_id: str) -> str:
        keys = actions.effective_keys(self.keymap).get(action_id) or ["(no key)"]
        return actions.key_label(keys[0])

    # -- form changes (messages up) -----------------------------------------------------
    @on(FieldRow.Edited)
    def _field_edited(self, event: FieldRow.Edited) -> None:
        if self.state.set(event.loc, event.value):
            self.form_changed()

    @on(FieldRow.Left)
    def _field_left(self, event: FieldRow.Left) -> None:
        if self.state.touch(event.loc):
            self.show_field_issues()

    @on(FieldRow.ChoicesWanted)
    def _choices_wanted(self) -> None:
        self.want_lookups()

    def on_row_table_changed(self, event: Any) -> None:
        if self.state.set_rows(event.group, event.rows):
            self.form_changed()

    @on(SectionPane.Mounted)
    def _pane_mounted(self) -> None:
        self._widgets = None
        rows = self.field_rows()
        for path, options in self.known_ids.items():
            if path in rows and not rows[path].has_options:
                rows[path].set_options(options)
        self.refresh_form()
        if self._first_focus_pending:
            self.focus_first_field()

    @on(TabbedContent.TabActivated, "#sections")
    def _tab_activated(self, event: TabbedContent.TabActivated) -> None:
        review = self.review
        if event.pane.id == "tab-review" and review is not None:
            review.paint(force=True)

    def form_changed(self) -> None:
        self.refresh_form(values=False)
        self.schedule_draft()

    # -- attributes down ----------------------------------------------------------------
    def refresh_form(self, *, values: bool = True) -> None:
        """Bring every widget in line with the form state; each skips work when unchanged."""
        state = self.state
        rows = self.field_rows()
        if values:
            for path, row in rows.items():
                row.set_version(state.version)
                row.show_value(state.get(path))
            for version_row in self.query(VersionRow):
                version_row.show_version(state.version)
        for group in TABLE_GROUPS:
            table = self.table(group)
            if table is None:
                continue
            if values and table.rows != state.rows(group):
                table.rows = state.rows(group)
            if table.version != state.version:
                table.version = state.version
        self.show_field_issues(rows)
        self.show_counts()
        self.show_review()
        self.show_preset_name()
        if not self.lookups_wanted and any(state.get(path) for path in LOOKUP_FIELDS):
            self.want_lookups()  # the ids in the form are worth describing

    def show_field_issues(self, rows: dict[str, FieldRow] | None = None) -> None:
        state = self.state
        for path, row in (rows or self.field_rows()).items():
            row.show_issues(state.visible_issues(path))
        for group in TABLE_GROUPS:
            table = self.table(group)
            if table is not None:
                issues = state.issues_in(group)
                if table.issues != issues:
                    table.issues = issues

    def show_counts(self) -> None:
        report = self.state.report
        counts = self.state.errors_by_section()
        errors = len(self.state.errors)
        tabs = self.tabs
        for section in SECTIONS:
            tab = tabs.get_tab(f"tab-{section.id}")
            n = counts[section.id]
            label = f"{section.title} ({n})" if n else section.title
            if str(tab.label) != label:
                tab.label = label
        warnings = len(report.warnings)
        self.status.show_counts(errors, warnings, self.state.version, self.next_key("next-error"))

    def show_review(self) -> None:
        review = self.review
        if review is not None:
            review.show(self.state.body(), version=self.state.version, where=self.create_url())

    # -- navigation ---------------------------------------------------------------------
    def action_section(self, section_id: str, focus_field: bool = False) -> None:
        """Show a tab. From the tab bar the focus stays there, so the next digit switches
        again; ``focus_field`` moves it into the pane (after ctrl+pageup/down)."""
        self.tabs.active = f"tab-{section_id}"
        pane = self.query_one(f"#tab-{section_id}", TabPane)
        if not focus_field:
            focused = self.focused
            if focused is not None and pane not in focused.ancestors:
                self.tabs.query_one(ContentTabs).focus()
            return
        focusable = [w for w in pane.query("*") if w.focusable]
        if focusable:
            focusable[0].focus()

    def action_leave_field(self) -> None:
        self.tabs.query_one(ContentTabs).focus()

    def action_step_section(self, step: int) -> None:
        ids = [s.id for s in SECTIONS]
        current = (self.tabs.active or "tab-general").removeprefix("tab-")
        self.action_section(ids[(ids.index(current) + step) % len(ids)], focus_field=True)

    def focus_issue(self, issue: Issue) -> None:
        section = section_of(issue.loc)
        self.tabs.active = f"tab-{section}"
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
        self.show_field_issues()

    def focused_loc(self) -> str | None:
        node = self.focused
        while node is not None:
            if isinstance(node, FieldRow):
                return node.path
            if node.id and node.id.startswith("table-"):
                return node.id.removeprefix("table-")
            node = node.parent  # type: ignore[assignment]
        return None

    def action_next_error(self) -> None:
        self._jump(forward=True)

    def action_previous_error(self) -> None:
        self._jump(forward=False)

    def _jump(self, *, forward: bool) -> None:
        errors = self.state.ordered_errors()
        if not errors:
            self.notify("No errors", timeout=3)
            return
        here = self.focused_loc()
        if forward:
            issue = self.state.next_error(here)
        else:
            locs = [e.loc for e in errors]
            index = locs.index(here) if here in locs else 0
            issue = errors[index - 1]
        if issue is not None:
            self.focus_issue(issue)

    def action_validate(self) -> None:
        self.state.attempt_submit()
        self.show_field_issues()
        report = self.state.report
        if report.ok:
            warn = f" ({len(report.warnings)} warnings)" if report.warnings else ""
            self.notify(f"Valid for the {self.state.version} API{warn}", timeout=4)
        else:
            self.notify(
                f"{len(report.errors)} error(s); {self.next_key('next-error')} jumps to the next",
                severity="error",
                timeout=5,
            )

    def action_switch_version(self) -> None:
        self.set_version("v1" if self.state.version == "v2" else "v2")

    def set_version(self, version: str) -> None:
        if not self.state.set_version(version):
            return
        self.refresh_form()
        self.schedule_draft()
        self.retarget()
        self.notify(f"Now checking and rendering for the {version} API", timeout=3)

    # -- view ---------------------------------------------------------------------------
    def action_toggle_log(self) -> None:
        dock = self.query_one("#log-dock")
        dock.set_class(not dock.has_class("-shown"), "-shown")
        if not dock.has_class("-shown"):
            dock.remove_class("-large")

    def action_enlarge_log(self) -> None:
        dock = self.query_one("#log-dock")
        dock.add_class("-shown")
        dock.set_class(not dock.has_class("-large"), "-large")

    def action_help(self) -> None:
        from .screens.help import HelpScreen, local_keys

        ids = {a.id for a in actions.ACTIONS}
        local = local_keys(self.screen.active_bindings, ids)
        self.push_screen(HelpScreen(self.keymap, local))

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action in actions.MAIN_ONLY and isinstance(self.screen, ModalScreen):
            return False
        if action == "cancel_submit":
            return self.submitting
        if action == "leave_field":
            return not self.submitting and self.focused_loc() is not None
        return True
