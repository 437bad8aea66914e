"""Presets and drafts: open, save, save as, rename, delete, autosave and restore.

The flow keeps which preset the form came from (``name``, ``template``) and changes the
form's table (:class:`FormState`) when a preset or a draft is opened; it reports each
outcome with a message for the screen to render. Every change is kept as a draft half a
second after the typing stops (``later`` starts that one-shot timer).
"""

from __future__ import annotations

import copy
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from textual.message import Message
from textual.timer import Timer

from ... import spec
from ..form_state import FormState
from ..services import Library
from .base import Flow, Post, Run
from .dialogs import Ask, Confirm, OfferDraft, PickPreset, Prompt

if TYPE_CHECKING:
    from ...presets import Draft, Preset


class PresetOpened(Message, bubble=False):
    """The form holds another table now (a preset, a template or a restored draft)."""

    def __init__(self, *, retarget: bool = False) -> None:
        super().__init__()
        # the API version may have changed with it: where requests go follows
        self.retarget = retarget


class PresetChanged(Message, bubble=False):
    """The open preset was saved, renamed or deleted: its name and dirty marker changed."""


class StartedPresets(Message, bubble=False):
    """The stores are open and what start-up had to offer was offered."""


def check_name(text: str) -> str | None:
    from ...presets import safe_name

    try:
        safe_name(text)
    except ValueError as exc:
        return str(exc)
    return None


Later = Callable[[float, Callable[[], None]], Timer]


class PresetsFlow(Flow):
    def __init__(
        self,
        library: Library,
        form: FormState,
        ask: Ask,
        post: Post,
        run: Run,
        *,
        later: Later,
        autosave_delay: float = 0.5,
    ) -> None:
        super().__init__(post, run)
        self.library = library
        self.form = form
        self.ask = ask
        self.later = later
        self.autosave_delay = autosave_delay
        self._draft_timer: Timer | None = None
        # the open preset (None: a new endpoint or a template) and the template it came from
        self.name: str | None = None
        self.template: str | None = None
        self.description = ""

    # -- start-up -------------------------------------------------------------------------
    async def start(self) -> None:
        """Open the stores, the preset named on the command line, and offer any draft."""
        found = await self.io("Start-up", self._read_start)
        preset, problem, draft = found
        if preset is not None:
            self.apply(preset, template=preset.shipped, quiet=True)
        if problem:
            text = f"Cannot open {self.library.preset_arg}: {problem}"
            self.note(text, title="Preset", severity="error", timeout=15)
        if draft is not None:
            self.offer_draft(draft)
        self.post(StartedPresets())

    def _read_start(self) -> tuple[Preset | None, str, Draft | None]:
        from ...presets import PresetError

        library = self.library
        library.open()
        assert library.store is not None and library.drafts is not None
        preset, problem = None, ""
        if library.preset_arg:
            try:
                preset = library.store.load(library.preset_arg)
            except (PresetError, ValueError, OSError) as exc:
                problem = str(exc)
        return preset, problem, library.drafts.load()

    # -- opening ----------------------------------------------------------------------------
    def apply(self, preset: Preset, *, template: bool, quiet: bool = False) -> None:
        self.form.replace(preset.endpoint, saved=True)
        self.name = None if template else preset.name
        self.template = preset.name if template else None
        self.description = preset.description
        self.post(PresetOpened())
        self.schedule_draft()
        if not quiet:
            kind = "template" if template else "preset"
            self.note(f"Opened {kind} {preset.name}", timeout=3)

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
        question = PickPreset(entries, problems, templates_only, self.name)
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
        if self.name is None:
            self.save_as()
        else:
            self.save_as_name(self.name)

    def save_as(self) -> None:
        suggested = self.name or self.template or str(self.form.get("name") or "")
        question = Prompt("Save preset as:", suggested, "preset name", check_name)
        self.ask(question, lambda name: name and self.spawn(self._save_checked(name)))

    async def _save_checked(self, name: str) -> None:
        store = self.library.store
        assert store is not None
        exists = await self.io("Save", lambda: store.path_for(name).is_file())
        if not exists or name == self.name:
            await self._save(name)
            return
        body = f"A preset named {name!r} exists. Its file will be replaced by this form."
        question = Confirm(f"Overwrite {name}?", body, "Overwrite")
        self.ask(question, _if_yes(lambda: self.save_as_name(name)))

    def save_as_name(self, name: str) -> None:
        if self._not_ready():
            return
        self.spawn(self._save(name))

    async def _save(self, name: str) -> None:
        from ...presets import Preset

        store = self.library.store
        assert store is not None
        table = spec.clean(self.form.data)
        preset = Preset(name=name, endpoint=table, description=self.description)
        path = await self.io("Save", store.save, preset, name)
        self.name, self.template = name, None
        self.form.mark_saved(table)
        self.post(PresetChanged())
        self.schedule_draft()
        self.note(f"Saved preset {name} ({path})", timeout=4)
        secrets = [i for i in self.form.report.warnings if "secret" in i.message]
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
        if self.name == old:
            self.name = path.stem
            self.post(PresetChanged())
            self.schedule_draft()
        self.note(f"Renamed {old} to {path.stem}", timeout=4)

    async def delete(self, name: str) -> None:
        store = self.library.store
        assert store is not None
        await self.io("Delete", store.delete, name)
        if self.name == name:
            self.name = None
            self.form.mark_saved({})
            self.post(PresetChanged())
            self.schedule_draft()
        self.note(f"Deleted preset {name}", timeout=4)

    def rename_current(self) -> None:
        name = self._current("rename")
        if name is not None:

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
        if self.name is None:
            text = f"No saved preset is open to {doing}; ctrl+o picks one"
            self.note(text, severity="warning")
        return self.name

    def _not_ready(self) -> bool:
        if self.library.store is None:
            self.note("Still starting up; try again in a moment", severity="warning")
            return True
        return False

    # -- drafts -----------------------------------------------------------------------------
    def current_draft(self) -> Draft:
        from ...presets import Draft

        return Draft(
            endpoint=copy.deepcopy(self.form.data),
            preset_name=self.name,
            api_version=self.form.version,
            dirty_fields=self.form.changed_paths(),
        )

    def schedule_draft(self) -> None:
        """Autosave after a pause in typing: one one-shot timer, restarted on each change."""
        if self._draft_timer is not None:
            self._draft_timer.stop()
        self._draft_timer = self.later(self.autosave_delay, self.autosave)

    def autosave(self) -> None:
        """Keep the form as a draft while it has unsaved changes, drop the draft when not."""
        self._draft_timer = None
        drafts = self.library.drafts
        if drafts is None:  # the store is not open yet: try again shortly
            self.schedule_draft()
        elif self.form.dirty:
            self.spawn(self.io("Autosave", drafts.save, self.current_draft()), group="draft")
        else:
            self.spawn(self.io("Autosave", drafts.clear), group="draft")

    def offer_draft(self, draft: Draft) -> None:
        same_preset = draft.preset_name == self.name
        same_data = spec.clean(draft.endpoint) == spec.clean(self.form.data)
        if same_preset and same_data:
            self._drop_draft()
            return

        def answered(restore: bool | None) -> None:
            if restore:
                self.restore(draft)
            elif restore is False:
                self._drop_draft()

        self.ask(OfferDraft(draft), answered)

    def _drop_draft(self) -> None:
        drafts = self.library.drafts
        if drafts is not None:
            self.spawn(self.io("Draft", drafts.clear), group="draft")

    def restore(self, draft: Draft) -> None:
        opened = self.name
        self.form.replace(draft.endpoint, version=draft.api_version, saved=False)
        if draft.preset_name != opened:
            # the draft belongs to another preset than the one opened: nothing of it is saved
            self.form.mark_saved({})
            self.template = None
        self.name = draft.preset_name
        self.post(PresetOpened(retarget=True))
        self.note("Draft restored", timeout=3)

    def quit_clean(self) -> None:
        """A clean quit: nothing to restore next time (one unlink on the way out)."""
        if self._draft_timer is not None:
            self._draft_timer.stop()
        if self.library.drafts is not None:
            self.library.drafts.clear()


def _if_yes(then: Callable[[], Any]) -> Callable[[Any], None]:
    def answered(yes: Any) -> None:
        if yes:
            then()

    return answered
