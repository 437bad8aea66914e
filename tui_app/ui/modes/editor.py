"""EditorScreen: the endpoint form in tabs, live validation, the status line and the log.

It holds the form's state (:class:`FormState`) and the flows that act on it (presets and
drafts, submit, where requests go), and renders what they report. Start-up paints the
General tab first; the other tabs, the stores and the target come after the first frame.
"""

from __future__ import annotations

import contextlib
from typing import Any, ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import BindingType
from textual.widgets import TabbedContent

from .. import actions
from ..flows.base import Reported
from ..flows.connection import (
    ConnectionFlow,
    LimitsLoaded,
    LookupsLoaded,
    ProfilesListed,
    TargetChanged,
)
from ..flows.drafts import DraftsFlow
from ..flows.follow import FOLLOW_GROUP, FollowFlow, FollowStatus
from ..flows.presets import PresetsFlow
from ..flows.submit import (
    SUBMIT_GROUP,
    Linked,
    SubmitBlocked,
    SubmitEnded,
    SubmitFlow,
    SubmitStarted,
)
from ..form_state import FormState
from ..services import Connection, Exchanges, Library, Settings
from ..widgets.field_row import LOOKUP_FIELDS, FieldRow
from ..widgets.header_bar import HeaderBar
from ..widgets.key_footer import KeyFooter
from ..widgets.log_dock import LogDock
from ..widgets.section import SectionPane
from ..widgets.status_line import StatusLine
from .base import FirstFrame, ModeScreen
from .editor_catalogue import CatalogueView
from .editor_commands import EditorCommands
from .editor_form import FIRST_FIELD, FormView, validation_note
from .editor_startup import Startup


class EditorScreen(ModeScreen):
    SCOPE = "editor"
    # where Textual puts the focus when the screen shows and nothing has it: Name, as the
    # screen itself does on mount (one focus change, not the tab bar's and then Name's)
    AUTO_FOCUS = f"#field-{FIRST_FIELD} #editor"
    BINDINGS: ClassVar[list[BindingType]] = actions.bindings("editor")
    COMMANDS: ClassVar[set[Any]] = {EditorCommands}

    def __init__(
        self, settings: Settings, connection: Connection, library: Library, exchanges: Exchanges
    ) -> None:
        super().__init__()
        self.settings = settings
        self.connection = connection
        self.library = library
        self.exchanges = exchanges
        self.state = FormState(version=settings.api_version or "v2")
        self.linked_label: str | None = None  # "name (id)" of the endpoint a submit updates
        switch_key = settings.next_key("switch-version")
        self.form = FormView(
            self, self.state, cursor_blink=settings.cursor_blink, switch_key=switch_key
        )
        post, run, ask = self.post_message, self.run_in_worker, self.ask
        self.drafts = DraftsFlow(
            library,
            self.state,
            ask,
            post,
            run,
            later=self.set_timer,
            autosave_delay=settings.autosave_delay,
        )
        self.presets = PresetsFlow(library, self.state, self.drafts, ask, post, run)
        self.presets.open_at_launch()
        self.connection_flow = ConnectionFlow(connection, lambda: self.state.version, post, run)
        self.catalogue = CatalogueView(
            self.state,
            connection,
            self.field_rows,
            self.connection_flow.want_lookups,
            later=self.call_after_refresh,
        )
        self.follow_flow = FollowFlow(connection, post, run, settings.follow_interval)
        self.submit_flow = SubmitFlow(
            connection,
            self.state,
            ask,
            post,
            run,
            resolve=self.connection_flow.resolve,
            followed=self.follow_flow.start,
            exports=settings.home / "exports",
        )
        self.startup = Startup(
            self.form,
            background=self._start_background,
            tabs_built=lambda: self.call_later(self.show_review),
            next_refresh=self.call_after_refresh,
            leaving=lambda: self.leaving,
        )

    # -- layout ---------------------------------------------------------------------------
    def compose(self) -> ComposeResult:
        yield HeaderBar(self.settings.user_host, id="header")
        yield from self.form.compose()
        yield LogDock(self.exchanges, id="log-dock")
        yield StatusLine(id="status")
        yield KeyFooter(compact=True, show_command_palette=False)

    def on_mount(self) -> None:
        self.refresh_form()
        self.form.focus_first_field()

    # -- start-up -------------------------------------------------------------------------
    @on(FirstFrame)
    def _first_frame(self) -> None:
        self.run_in_worker(self.startup.run_background(), group="start")
        self.startup.fill_hidden_tabs()

    async def _start_background(self) -> None:
        """The stores, the preset named at launch and any draft, the target, the log."""
        with contextlib.suppress(Reported):
            await self.presets.start()
        with contextlib.suppress(Reported):
            await self.connection_flow.resolve()
        if not self.leaving:
            await self.query_one(LogDock).mount_log()

    @property
    def started(self) -> Any:
        """Set once start-up is over (tests and the benchmark wait on it)."""
        return self.startup.started

    @property
    def leaving(self) -> bool:
        """Quitting (or gone): widgets mounted now would never be built."""
        return not self.app.is_running or bool(getattr(self.app, "_exit", False))

    # -- accessors ------------------------------------------------------------------------
    @property
    def header(self) -> HeaderBar:
        return self.query_one("#header", HeaderBar)

    @property
    def status(self) -> StatusLine:
        return self.query_one("#status", StatusLine)

    @property
    def tabs(self) -> TabbedContent:
        return self.form.tabs

    @property
    def review(self) -> Any:
        return self.form.review

    def field_rows(self) -> dict[str, FieldRow]:
        return self.form.field_rows()

    def table(self, group: str) -> Any:
        return self.form.table(group)

    def request_log(self) -> Any:
        return self.query_one(LogDock).log

    @property
    def submitting(self) -> bool:
        return self.submit_flow.in_flight

    # -- form changes (messages up) -------------------------------------------------------
    @on(FieldRow.Edited)
    def _field_edited(self, event: FieldRow.Edited) -> None:
        if self.state.set(event.loc, event.value):
            self.form_changed()

    @on(FieldRow.Left)
    def _field_left(self, event: FieldRow.Left) -> None:
        if self.state.touch(event.loc):
            self.form.show_issues()

    @on(FieldRow.ChoicesWanted)
    def _choices_wanted(self) -> None:
        self.connection_flow.want_lookups()

    def on_row_table_changed(self, event: Any) -> None:
        if self.state.set_rows(event.group, event.rows):
            self.form_changed()

    @on(SectionPane.Mounted)
    def _pane_mounted(self) -> None:
        self.form.forget()
        volumes = self.table("volumes")
        if volumes is not None:
            volumes.suggest = self.catalogue.storage_choices
        self.form.show_options(self.connection.known_ids)
        self.refresh_form()
        self.form.focus_first_field(if_pending=True)

    @on(TabbedContent.TabActivated, "#sections")
    def _tab_activated(self, event: TabbedContent.TabActivated) -> None:
        review = self.review
        if event.pane.id == "tab-review" and review is not None:
            review.paint(force=True)

    def form_changed(self) -> None:
        self.refresh_form(values=False)
        self.drafts.schedule()

    # -- attributes down ------------------------------------------------------------------
    def refresh_form(self, *, values: bool = True) -> None:
        """Bring every widget in line with the form state; each skips work when unchanged."""
        if values:
            self.form.show_values()
        self.catalogue.show()
        self.form.show_issues()
        self.show_counts()
        self.show_review()
        self.show_preset_name()
        self.form.show_cost(self.submit_flow.cost_text(self.state.data))
        wanted = self.connection_flow.lookups_wanted
        if not wanted and any(self.state.get(path) for path in LOOKUP_FIELDS):
            self.connection_flow.want_lookups()  # the ids in the form are worth describing

    def show_counts(self) -> None:
        self.form.show_tab_counts()
        state = self.state
        errors, warnings = len(state.errors), len(state.report.warnings)
        self.status.show_counts(
            errors, warnings, state.version, self.settings.next_key("next-error")
        )

    def show_review(self) -> None:
        review = self.review
        if review is not None:
            version = self.state.version
            review.show(
                self.state.body(), version=version, where=self.connection.create_url(version)
            )

    def show_preset_name(self) -> None:
        state = self.state
        self.header.show_preset(state.preset_name, state.dirty, template=state.template_name)

    # -- what the flows report ------------------------------------------------------------
    def on_preset_opened(self) -> None:
        self.submit_flow.unlink()
        self.refresh_form()

    def on_draft_restored(self) -> None:
        self.submit_flow.unlink()
        self.refresh_form()
        self.retarget()  # the draft may be for the other API version

    def on_preset_changed(self) -> None:
        self.show_preset_name()

    def on_target_changed(self, event: TargetChanged) -> None:
        target = self.connection.target
        self.header.show_target_of(target, self.state.version, event.problem)
        self.query_one(LogDock).use_key_variable(self.connection.key_variable)
        if event.problem or target is None:
            self.notify(
                event.problem or "not resolved", title="Target", severity="error", timeout=15
            )
            return
        self.show_review()

    def on_lookups_loaded(self, event: LookupsLoaded) -> None:
        row = self.field_rows().get(event.path)
        if row is not None:
            row.set_options(event.options)
        if event.path in ("product_id", "region_id"):  # the catalogue came with them
            self.refresh_form(values=False)

    def on_limits_loaded(self, _: LimitsLoaded) -> None:
        self.refresh_form(values=False)

    def on_profiles_listed(self, event: ProfilesListed) -> None:
        target = self.connection.target
        current = target.profile if target is not None else None
        commands = [
            (
                f"profile: {p.name}",
                lambda name=p.name: self.retarget(name),
                ("● current · " if p.name == current else "")
                + f"{p.base_url} ({p.api_version}) {p.description}".strip(),
            )
            for p in event.profiles
        ]
        self.app.search_commands(commands, placeholder="Switch profile…")

    def on_submit_blocked(self, event: SubmitBlocked) -> None:
        self.form.show_issues()
        self.form.focus_issue(event.issues[0])
        self.show_counts()
        if event.text:
            self.notify(event.text, severity="error", timeout=event.timeout)

    def on_submit_started(self, event: SubmitStarted) -> None:
        self.workers.cancel_group(self, FOLLOW_GROUP)  # the new submit is what matters now
        self.refresh_bindings()
        self.status.busy(f"Submitting to {event.where}… esc cancels")

    def on_submit_ended(self, event: SubmitEnded) -> None:
        self.status.done(event.activity, failed=event.failed)
        self.refresh_bindings()

    def on_follow_status(self, event: FollowStatus) -> None:
        if not self.submitting:
            self.status.done(event.text, failed=event.failed)

    def on_linked(self, event: Linked) -> None:
        self.linked_label = event.label
        self.status.done(f"linked to {event.label}: submit updates it")

    def open_deployed(self, info: Any) -> None:
        """Edit a deployed endpoint (an ``EndpointInfo``) as a new unsaved preset whose
        submit updates it (showing what changes) instead of creating; unsaved changes in
        the form are asked about first."""

        def load() -> None:
            self.state.replace(dict(info.data), version=info.version or None, saved=False)
            self.state.preset_name, self.state.template_name = None, None
            self.on_preset_opened()
            self.show_preset_name()
            self.submit_flow.link(info)  # last: opening a preset unlinks

        self.presets.confirm_discard(load)

    @property
    def linked_endpoint_id(self) -> str | None:
        linked = self.submit_flow.linked
        return linked.id if linked is not None else None

    # -- quitting ---------------------------------------------------------------------------
    def unsaved_work(self) -> list[str]:
        lines = []
        if self.state.dirty:
            lines.append("Unsaved changes will be lost (ctrl+s saves first).")
        if self.submitting:
            lines.append(
                "A submit is in flight; quitting cancels it, "
                "but the server may still create the endpoint."
            )
        return lines

    def before_quit(self) -> None:
        self.drafts.quit_clean()

    # -- where requests go ----------------------------------------------------------------
    def set_version(self, version: str) -> None:
        if not self.state.set_version(version):
            return
        self.refresh_form()
        self.drafts.schedule()
        self.retarget()
        self.notify(f"Now checking and rendering for the {version} API", timeout=3)

    def retarget(self, profile: str | None = None) -> None:
        """Resolve the target again: the API version changed, or a profile was chosen
        (which then wins over a --base-url given at launch)."""
        if self.submitting:
            self.notify("Not while a submit is in flight", severity="warning")
            return
        self.connection_flow.retarget(profile)

    # -- actions ----------------------------------------------------------------------------
    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if not super().check_action(action, parameters):
            return False
        if action == "cancel_submit":
            return self.submitting
        if action == "leave_field":
            return not self.submitting and self.form.focused_loc() is not None
        return True

    def action_section(self, section_id: str, focus_field: bool = False) -> None:
        self.form.section(section_id, focus_field=focus_field)

    def action_step_section(self, step: int) -> None:
        self.form.step(step)

    def action_leave_field(self) -> None:
        self.form.leave_field()

    def action_next_error(self) -> None:
        self.form.jump(forward=True, none=self._no_errors)

    def action_previous_error(self) -> None:
        self.form.jump(forward=False, none=self._no_errors)

    def _no_errors(self) -> None:
        self.notify("No errors or warnings", timeout=3)

    def action_validate(self) -> None:
        self.state.attempt_submit()
        self.form.show_issues()
        text, failed = validation_note(self.state, self.settings.next_key("next-error"))
        self.notify(text, severity="error" if failed else "information", timeout=5 if failed else 4)

    def action_switch_version(self) -> None:
        self.set_version("v1" if self.state.version == "v2" else "v2")

    def action_switch_profile(self) -> None:
        self.connection_flow.list_profiles()

    def action_submit(self) -> None:
        self.submit_flow.submit()
        self.form.show_issues()

    def action_cancel_submit(self) -> None:
        if self.submitting:
            self.workers.cancel_group(self, SUBMIT_GROUP)

    def action_save(self) -> None:
        self.presets.save()

    def action_save_as(self) -> None:
        self.presets.save_as()

    def action_open_preset(self) -> None:
        self.presets.pick(templates_only=False)

    def action_new_from_template(self) -> None:
        self.presets.pick(templates_only=True)

    def action_new_blank(self) -> None:
        self.presets.new_blank()

    def action_rename_preset(self) -> None:
        self.presets.rename_current()

    def action_delete_preset(self) -> None:
        self.presets.delete_current()

    def action_export_curl(self) -> None:
        text, variable = self.submit_flow.curl()
        self.app.copy_to_clipboard(text)
        self.notify(
            f"Copied the request as curl (OSC 52; the key stays ${{{variable}}}). "
            "In tmux: set -g set-clipboard on",
            timeout=6,
        )

    def action_export_json(self) -> None:
        self.submit_flow.export_json()

    def action_toggle_log(self) -> None:
        self.query_one(LogDock).toggle()

    async def action_focus_log(self) -> None:
        await self.query_one(LogDock).focus_log()

    def action_enlarge_log(self) -> None:
        self.query_one(LogDock).enlarge()

    def action_history(self) -> None:
        self.query_one(LogDock).open_history()
