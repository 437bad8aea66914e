"""Presets: open, save, save as, rename and delete, and start-up's preset and drafts.

The form's table and where it came from (``preset_name``, ``template_name``) live in the
:class:`FormState`; this flow changes them when a preset is opened or saved and reports
each outcome with a message for the screen to render. Every change it makes is kept as a
draft by the :class:`DraftsFlow` it is given.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from textual.message import Message

from ... import spec
from ..form_state import FormState
from ..services import Library
from .base import Flow, Post, Run
from .dialogs import Ask, Confirm, PickPreset, Prompt
from .drafts import DraftsFlow

if TYPE_CHECKING:
    from ...presets import Draft, Preset


class PresetOpened(Message, bubble=False):
    """The form holds another table now (a preset or a template)."""


class PresetChanged(Message, bubble=False):
    """The open preset was saved, renamed or deleted: its name and dirty marker changed."""


def check_name(text: str) -> str | None:
    from ...presets import safe_name

    try:
        safe_name(text)
    except ValueError as exc:
        return str(exc)
    return None


def _if_yes(then: Callable[[], Any]) -> Callable[[Any], None]:
    def answered(yes: Any) -> None:
        if yes:
            then()

    return answered


class PresetsFlow(Flow):
    def __init__(
        self,
        library: Library,
        form: FormState,
        drafts: DraftsFlow,
        ask: Ask,
        post: Post,
        run: Run,
    ) -> None:
        super().__init__(post, run)
        self.library = library
        self.form = form
        self.drafts = drafts
        self.ask = ask

    # -- start-up -------------------------------------------------------------------------
    def open_at_launch(self) -> None:
        """Before the first frame: the preset named on the command line goes into the form,
        so the first frame shows its values (the screen paints them on mount)."""
        self.library.read_named()
        preset = self.library.named
        if preset is not None:
            self._take(preset, template=preset.shipped)

    async def start(self) -> None:
        """Open the stores; report a preset named on the command line that did not open;
        offer orphaned drafts."""
        home_problem, orphans = await self.io("Start-up", self._read_start)
        self.drafts.home_problem = home_problem
        if home_problem:
            self.note(
                f"{home_problem}: drafts and request history will not be saved",
                title="Data folder",
                severity="warning",
                timeout=15,
            )
        if self.library.named is not None:
            self.drafts.schedule()
        if self.library.named_problem:
            text = f"Cannot open {self.library.preset_arg}: {self.library.named_problem}"
            self.note(text, title="Preset", severity="error", timeout=15)
        self.drafts.offer(orphans)

    def _read_start(self) -> tuple[str | None, list[Draft]]:
        from ...home import home_problem

        library = self.library
        library.open()
        assert library.drafts is not None
        return home_problem(library.home), library.drafts.orphans()

    # -- opening ----------------------------------------------------------------------------
    def _take(self, preset: Preset, *, template: bool) -> None:
        form = self.form
        form.replace(preset.endpoint, saved=True)
        form.preset_name = None if template else preset.name
        form.template_name = preset.name if template else None
        form.preset_description = preset.description

    def apply(self, preset: Preset, *, template: bool) -> None:
        self._take(preset, template=template)
        self.post(PresetOpened())
        self.drafts.schedule()
        kind = "template" if template else "preset"
        self.note(f"Opened {kind} {preset.name}", timeout=3)

    def new_blank(self) -> None:
        """An empty form, from no preset or template (after a confirm if changes are unsaved)."""

        def clear() -> None:
            form = self.form
            form.replace({}, saved=True)
            form.preset_name = form.template_name = None
            form.preset_description = ""
            self.post(PresetOpened())
            self.note("New blank endpoint", timeout=3)

        self.confirm_discard(clear)

    def pick(self, *, templates_only: bool) -> None:
        if self._not_ready():
            return
        self.spawn(self._pick(templates_only))

    async def _pick(self, templates_only: bool) -> None:
        store = self.library.store
        assert store is not None
        entries, errors = await self.io("Presets", store.entries)
        problems = [str(e) for e in errors]
        if problems:
            self.note("\n".join(problems), title="Unreadable presets", severity="warning")
        question = PickPreset(entries, problems, templates_only, self.form.preset_name)
        self.ask(question, self._picked)

    def _picked(self, choice: Any) -> None:
        if choice is None:
            return
        entry = choice.entry
        if choice.verb == "open":
            self.confirm_discard(lambda: self.spawn(self._open_path(entry.path, entry.shipped)))
        elif choice.verb == "rename" and choice.new_name:
            self.spawn(self.rename(entry.name, choice.new_name))
        elif choice.verb == "delete":
            self.spawn(self.delete(entry.name))

    async def _open_path(self, path: Path, shipped: bool) -> None:
        from ...presets import load_preset_file

        preset = await self.io("Open", load_preset_file, path, shipped=shipped)
        self.apply(preset, template=shipped)

    def open_named(self, name: str) -> None:
        """Open a preset (or template) by name, e.g. from the palette."""
        store = self.library.store
        if store is None:
            return

        async def load() -> None:
            preset = await self.io("Open", store.load, name)
            self.apply(preset, template=preset.shipped)

        self.confirm_discard(lambda: self.spawn(load()))

    def confirm_discard(self, then: Callable[[], None]) -> None:
        if not self.form.dirty:
            then()
            return
        body = "The form has changes that are not saved in a preset; they will be lost."
        self.ask(Confirm("Discard unsaved changes?", body, "Discard"), _if_yes(then))

    # -- saving -----------------------------------------------------------------------------
    def save(self) -> None:
        name = self.form.preset_name
        if name is None:
            self.save_as()
        else:
            self.save_as_name(name)

    def save_as(self) -> None:
        form = self.form
        suggested = form.preset_name or form.template_name or str(form.get("name") or "")

        def chosen(name: str | None) -> None:
            if name:
                # a new name is created only if free at that moment: never check-then-replace
                self.save_as_name(name, overwrite=name == self.form.preset_name)

        self.ask(Prompt("Save preset as:", suggested, "preset name", check_name), chosen)

    def save_as_name(self, name: str, *, overwrite: bool = True) -> None:
        """Save the form as preset ``name``; without ``overwrite``, a taken name asks first."""
        if self._not_ready():
            return
        self.spawn(self._save(name, overwrite))

    async def _save(self, name: str, overwrite: bool) -> None:
        from ...presets import Preset

        store = self.library.store
        assert store is not None
        form = self.form
        table = spec.clean(form.data)
        preset = Preset(name=name, endpoint=table, description=form.preset_description)

        def write() -> Path | None:
            try:
                return store.save(preset, name, overwrite=overwrite)
            except FileExistsError:
                return None

        path = await self.io("Save", write)
        if path is None:  # the name is taken (perhaps a moment ago, by another program)
            body = f"A preset named {name!r} exists. Its file will be replaced by this form."
            question = Confirm(f"Overwrite {name}?", body, "Overwrite")
            self.ask(question, _if_yes(lambda: self.save_as_name(name)))
            return
        form.preset_name, form.template_name = name, None
        form.mark_saved(table)
        self.post(PresetChanged())
        self.drafts.schedule()
        self.note(f"Saved preset {name} ({path})", timeout=4)
        secrets = [i for i in form.report.warnings if "secret" in i.message]
        if secrets:
            self.note(
                f"{len(secrets)} env value(s) look like secrets and are stored in clear in "
                "the preset; write ${NAME} to read them from your environment instead "
                "($ in the Env table)",
                severity="warning",
                timeout=10,
            )

    # -- rename, delete ---------------------------------------------------------------------
    async def rename(self, old: str, new: str) -> None:
        store = self.library.store
        assert store is not None
        path = await self.io("Rename", store.rename, old, new)
        if self.form.preset_name == old:
            self.form.preset_name = path.stem
            self.post(PresetChanged())
            self.drafts.schedule()
        self.note(f"Renamed {old} to {path.stem}", timeout=4)

    async def delete(self, name: str) -> None:
        store = self.library.store
        assert store is not None
        await self.io("Delete", store.delete, name)
        if self.form.preset_name == name:
            self.form.preset_name = None
            self.form.mark_saved({})
            self.post(PresetChanged())
            self.drafts.schedule()
        self.note(f"Deleted preset {name}", timeout=4)

    def rename_current(self) -> None:
        name = self._current("rename")
        if name is None:
            return

        def chosen(new: str | None) -> None:
            if new and new != name:
                self.spawn(self.rename(name, new))

        self.ask(Prompt(f"Rename {name} to:", name, check=check_name), chosen)

    def delete_current(self) -> None:
        name = self._current("delete")
        if name is not None:
            body = f"The file of preset {name!r} will be removed; the form keeps its values."
            question = Confirm(f"Delete preset {name}?", body, "Delete")
            self.ask(question, _if_yes(lambda: self.spawn(self.delete(name))))

    def _current(self, doing: str) -> str | None:
        name = self.form.preset_name
        if name is None:
            text = f"No saved preset is open to {doing}; ctrl+o picks one"
            self.note(text, severity="warning")
        return name

    def _not_ready(self) -> bool:
        if self.library.store is None:
            self.note("Still starting up; try again in a moment", severity="warning")
            return True
        return False
