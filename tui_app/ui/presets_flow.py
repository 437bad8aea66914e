"""Presets and drafts in the app: open, save, save as, rename, delete, autosave and restore.

Every file operation runs in a thread worker (``in_thread``); results and errors come back
to the event loop as notifications, never as output on the terminal.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from textual.timer import Timer

from .. import spec
from .drafts_flow import DraftsFlow

if TYPE_CHECKING:
    from ..presets import DraftStore, Preset, PresetStore
    from .form_state import FormState
    from .screens.preset_picker import PickerChoice

# screens are imported where they are opened: none of them is needed for the first frame


def _confirm(title: str, body: str, label: str) -> Any:
    from .screens.confirm import ConfirmModal

    return ConfirmModal(title, body, confirm_label=label)


def _prompt(title: str, value: str = "", **kwargs: Any) -> Any:
    from .screens.prompt import PromptModal

    return PromptModal(title, value, **kwargs)


def check_name(text: str) -> str | None:
    from ..presets import safe_name

    try:
        safe_name(text)
    except ValueError as exc:
        return str(exc)
    return None


class PresetsFlow(DraftsFlow):
    """Mixed into EndpointApp; relies on its ``state``, ``home``, ``in_thread`` and widgets."""

    home: Path
    state: FormState
    in_thread: Callable[..., Any]
    notify: Callable[..., Any]
    push_screen: Callable[..., Any]
    set_timer: Callable[..., Timer]
    refresh_form: Callable[..., None]
    header: Any
    exit: Callable[..., None]
    submitting: bool
    retarget: Callable[..., None]

    def init_presets(self, preset_arg: str | None, autosave_delay: float) -> None:
        self.preset_arg = preset_arg
        self.preset_name: str | None = None
        self.template_name: str | None = None
        self.preset_description = ""
        self.preset_store: PresetStore | None = None
        self.drafts: DraftStore | None = None
        self._autosave_delay = autosave_delay
        self._draft_timer: Timer | None = None
        self.home_problem: str | None = None  # set when nothing can be written to the home

    # -- start-up (thread) ----------------------------------------------------------------
    def presets_in_thread(self) -> dict[str, Any]:
        """Import the store, open the preset named on the command line, read any draft."""
        from ..home import home_problem
        from ..presets import DraftStore, PresetError, PresetStore

        self.preset_store = PresetStore(self.home)
        self.drafts = DraftStore(self.home)
        out: dict[str, Any] = {"preset": None, "preset_problem": None}
        out["home_problem"] = home_problem(self.home)
        if self.preset_arg:
            try:
                out["preset"] = self.preset_store.load(self.preset_arg)
            except (PresetError, ValueError, OSError) as exc:
                out["preset_problem"] = str(exc)
        out["drafts"] = self.drafts.orphans()
        return out

    def presets_ready(self, started: dict[str, Any]) -> None:
        self.home_problem = started.get("home_problem")
        if self.home_problem:
            self.notify(
                f"{self.home_problem}: drafts and request history will not be saved",
                title="Data folder",
                severity="warning",
                timeout=15,
            )
        preset = started.get("preset")
        if preset is not None:
            self.apply_preset(preset, template=preset.shipped, quiet=True)
        if started.get("preset_problem"):
            self.notify(
                f"Cannot open {self.preset_arg}: {started['preset_problem']}",
                title="Preset",
                severity="error",
                timeout=15,
            )
        self.offer_drafts(started.get("drafts") or [])

    # -- showing --------------------------------------------------------------------------
    def show_preset_name(self) -> None:
        self.header.show_preset(self.preset_name, self.state.dirty, template=self.template_name)

    def apply_preset(self, preset: Preset, *, template: bool, quiet: bool = False) -> None:
        self.state.replace(preset.endpoint, saved=True)
        self.preset_name = None if template else preset.name
        self.template_name = preset.name if template else None
        self.preset_description = preset.description
        self.refresh_form()
        self.schedule_draft()
        if not quiet:
            kind = "template" if template else "preset"
            self.notify(f"Opened {kind} {preset.name}", timeout=3)

    # -- saving -----------------------------------------------------------------------------
    def action_save(self) -> None:
        if self.preset_name is None:
            self.action_save_as()
        else:
            self.save_preset(self.preset_name)

    def action_save_as(self) -> None:
        suggested = self.preset_name or self.template_name or str(self.state.get("name") or "")

        def chosen(name: str | None) -> None:
            if name:
                # a new name is created only if free at that moment: never check-then-replace
                self.save_preset(name, overwrite=name == self.preset_name)

        self.push_screen(
            _prompt("Save preset as:", suggested, placeholder="preset name", check=check_name),
            chosen,
        )

    def _ask_overwrite(self, name: str) -> None:
        def answered(yes: bool | None) -> None:
            if yes:
                self.save_preset(name)

        body = f"A preset named {name!r} exists. Its file will be replaced by this form."
        self.push_screen(_confirm(f"Overwrite {name}?", body, "Overwrite"), answered)

    def save_preset(self, name: str, *, overwrite: bool = True) -> None:
        """Save the form as preset ``name``; without ``overwrite``, a taken name asks first."""
        from ..presets import Preset

        store = self.preset_store
        if store is None:
            self.notify("Still starting up; try again in a moment", severity="warning")
            return
        table = spec.clean(self.state.data)
        preset = Preset(name=name, endpoint=table, description=self.preset_description)

        def write() -> Path | None:
            try:
                return store.save(preset, name, overwrite=overwrite)
            except FileExistsError:
                return None

        def saved(path: Path | None) -> None:
            if path is None:  # the name is taken (perhaps a moment ago, by another program)
                self._ask_overwrite(name)
                return
            self.preset_name = name
            self.template_name = None
            self.state.mark_saved(table)
            self.show_preset_name()
            self.schedule_draft()
            self.notify(f"Saved preset {name} ({path})", timeout=4)
            secrets = [i for i in self.state.report.warnings if "secret" in i.message]
            if secrets:
                self.notify(
                    f"{len(secrets)} env value(s) look like secrets and are stored in clear in "
                    "the preset; write ${NAME} to read them from your environment instead "
                    "($ in the Env table)",
                    severity="warning",
                    timeout=10,
                )

        self.in_thread(write, then=saved, what="Save")

    # -- open, rename, delete ---------------------------------------------------------------
    def action_open_preset(self) -> None:
        self.pick_preset(templates_only=False)

    def action_new_from_template(self) -> None:
        self.pick_preset(templates_only=True)

    def pick_preset(self, *, templates_only: bool) -> None:
        if self.preset_store is None:
            self.notify("Still starting up; try again in a moment", severity="warning")
            return

        def listed(result: tuple[list[Any], list[Any]]) -> None:
            from .screens.preset_picker import PresetPicker

            entries, errors = result
            problems = [str(e) for e in errors]
            if problems:
                self.notify("\n".join(problems), title="Unreadable presets", severity="warning")
            picker = PresetPicker(
                entries, problems, templates_only=templates_only, current=self.preset_name
            )
            self.push_screen(picker, self._picked)

        self.in_thread(self.preset_store.entries, then=listed, what="Presets")

    def _picked(self, choice: PickerChoice | None) -> None:
        if choice is None:
            return
        entry = choice.entry
        if choice.verb == "open":
            self.confirm_discard(lambda: self.open_entry(entry.path, shipped=entry.shipped))
        elif choice.verb == "rename" and choice.new_name:
            self.rename_preset(entry.name, choice.new_name)
        elif choice.verb == "delete":
            self.delete_preset(entry.name)

    def open_entry(self, path: Path, *, shipped: bool) -> None:
        from ..presets import load_preset_file

        self.in_thread(
            load_preset_file,
            path,
            shipped=shipped,
            then=lambda preset: self.apply_preset(preset, template=shipped),
            what="Open",
        )

    def open_named(self, name: str) -> None:
        """Open a preset (or template) by name, e.g. from the palette."""

        def go() -> None:
            assert self.preset_store is not None
            self.in_thread(
                self.preset_store.load,
                name,
                then=lambda preset: self.apply_preset(preset, template=preset.shipped),
                what="Open",
            )

        if self.preset_store is not None:
            self.confirm_discard(go)

    def confirm_discard(self, then: Callable[[], None]) -> None:
        if not self.state.dirty:
            then()
            return

        def answered(yes: bool | None) -> None:
            if yes:
                then()

        body = "The form has changes that are not saved in a preset; they will be lost."
        self.push_screen(_confirm("Discard unsaved changes?", body, "Discard"), answered)

    def rename_preset(self, old: str, new: str) -> None:
        assert self.preset_store is not None

        def renamed(path: Path) -> None:
            if self.preset_name == old:
                self.preset_name = path.stem
                self.show_preset_name()
                self.schedule_draft()
            self.notify(f"Renamed {old} to {path.stem}", timeout=4)

        self.in_thread(self.preset_store.rename, old, new, then=renamed, what="Rename")

    def delete_preset(self, name: str) -> None:
        assert self.preset_store is not None

        def deleted(_: Any) -> None:
            if self.preset_name == name:
                self.preset_name = None
                self.state.mark_saved({})
                self.show_preset_name()
                self.schedule_draft()
            self.notify(f"Deleted preset {name}", timeout=4)

        self.in_thread(self.preset_store.delete, name, then=deleted, what="Delete")

    def _current_user_preset(self, doing: str) -> str | None:
        if self.preset_name is None:
            self.notify(f"No saved preset is open to {doing}; ctrl+o picks one", severity="warning")
        return self.preset_name

    def action_rename_preset(self) -> None:
        name = self._current_user_preset("rename")
        if name is None:
            return

        def chosen(new: str | None) -> None:
            if new and new != name:
                self.rename_preset(name, new)

        self.push_screen(_prompt(f"Rename {name} to:", name, check=check_name), chosen)

    def action_delete_preset(self) -> None:
        name = self._current_user_preset("delete")
        if name is None:
            return

        def answered(yes: bool | None) -> None:
            if yes:
                self.delete_preset(name)

        body = f"The file of preset {name!r} will be removed; the form keeps its values."
        self.push_screen(_confirm(f"Delete preset {name}?", body, "Delete"), answered)

    # -- quitting ---------------------------------------------------------------------------
    async def action_quit(self) -> None:
        if not self.state.dirty and not self.submitting:
            self.quit_clean()
            return
        lines = []
        if self.state.dirty:
            lines.append("Unsaved changes will be lost (ctrl+s saves first).")
        if self.submitting:
            lines.append(
                "A submit is in flight; quitting cancels it, "
                "but the server may still create the endpoint."
            )

        def answered(yes: bool | None) -> None:
            if yes:
                self.quit_clean()

        self.push_screen(_confirm("Quit?", "\n".join(lines), "Quit"), answered)

    def quit_clean(self) -> None:
        """A clean quit: nothing to restore next time."""
        if self._draft_timer is not None:
            self._draft_timer.stop()
        if self.drafts is not None:
            self.drafts.close()  # a couple of unlinks on the way out
        self.exit(0)
