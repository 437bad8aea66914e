"""Drafts in the app: autosave after a pause in typing, and offering back the drafts of
sessions that did not end cleanly. File work runs in thread workers (``in_thread``)."""

from __future__ import annotations

import copy
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from textual.timer import Timer

from .. import spec

if TYPE_CHECKING:
    from ..presets import Draft, DraftStore
    from .form_state import FormState


class DraftsFlow:
    """Mixed into EndpointApp (through PresetsFlow); relies on its ``state`` and ``drafts``."""

    state: FormState
    drafts: DraftStore | None
    home_problem: str | None
    preset_name: str | None
    template_name: str | None
    _autosave_delay: float
    _draft_timer: Timer | None
    in_thread: Callable[..., Any]
    notify: Callable[..., Any]
    push_screen: Callable[..., Any]
    set_timer: Callable[..., Timer]
    refresh_form: Callable[..., None]
    retarget: Callable[..., None]

    # -- drafts -----------------------------------------------------------------------------
    def schedule_draft(self) -> None:
        """Autosave after a pause in typing: one one-shot timer, restarted on each change."""
        if self._draft_timer is not None:
            self._draft_timer.stop()
        self._draft_timer = self.set_timer(self._autosave_delay, self.autosave)

    def current_draft(self) -> Draft:
        from ..presets import Draft

        return Draft(
            endpoint=copy.deepcopy(self.state.data),
            preset_name=self.preset_name,
            api_version=self.state.version,
            dirty_fields=self.state.changed_paths(),
        )

    def autosave(self) -> None:
        self._draft_timer = None
        drafts = self.drafts
        if drafts is None:  # the store is not loaded yet: try again shortly
            self.schedule_draft()
            return
        if self.home_problem:  # said once at start-up; a note per pause in typing would nag
            return
        if self.state.dirty:
            self.in_thread(drafts.save, self.current_draft(), group="draft", what="Autosave")
        else:
            self.in_thread(drafts.clear, group="draft", what="Autosave")

    def offer_drafts(self, drafts: list[Draft]) -> None:
        """Offer the drafts of sessions that did not end cleanly, newest first, one at a time.

        Each answer concerns that draft only; restoring one keeps the rest for the next launch.
        """
        pending = []
        for draft in drafts:
            same_preset = draft.preset_name == self.preset_name
            if same_preset and spec.clean(draft.endpoint) == spec.clean(self.state.data):
                self._discard_draft(draft)  # nothing in it that is not already on screen
            else:
                pending.append(draft)
        if pending:
            self._offer_next(pending, len(pending))

    def _offer_next(self, pending: list[Draft], total: int) -> None:
        from .screens.restore_draft import RestoreDraft, draft_description

        draft, rest = pending[0], pending[1:]
        text = draft_description(
            draft.preset_name,
            draft.dirty_fields,
            draft.saved_at,
            draft.api_version,
            endpoint_name=draft.endpoint.get("name"),
        )

        def answered(restore: bool | None) -> None:
            if restore:
                self._discard_draft(draft)
                self.restore_draft(draft)
                if rest:
                    self.notify(
                        f"{len(rest)} more unsaved draft(s) kept; offered again at the next launch",
                        timeout=6,
                    )
            elif restore is False:
                self._discard_draft(draft)
                if rest:
                    self._offer_next(rest, total)

        self.push_screen(RestoreDraft(text, position=(total - len(rest), total)), answered)

    def _discard_draft(self, draft: Draft) -> None:
        if self.drafts is not None:
            self.in_thread(self.drafts.discard, draft, group="draft", what="Draft")

    def restore_draft(self, draft: Draft) -> None:
        opened = self.preset_name
        self.state.replace(draft.endpoint, version=draft.api_version, saved=False)
        if draft.preset_name != opened:
            # the draft belongs to another preset than the one opened: nothing of it is saved
            self.state.mark_saved({})
            self.template_name = None
        self.preset_name = draft.preset_name
        self.refresh_form()
        self.schedule_draft()  # the orphan's file goes: this instance's draft keeps it now
        self.retarget()
        self.notify("Draft restored", timeout=3)
