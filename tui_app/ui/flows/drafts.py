"""Drafts: the form kept on disk half a second after the typing stops, and the drafts of
sessions that did not end cleanly offered back, newest first, one at a time.

Each instance keeps its own draft (:class:`DraftStore`); a clean quit removes it. While
the data folder cannot be written, nothing is autosaved (start-up said so once).
"""

from __future__ import annotations

import copy
from collections.abc import Callable
from typing import TYPE_CHECKING

from textual.message import Message
from textual.timer import Timer

from ... import spec
from ..form_state import FormState
from ..services import Library
from .base import Flow, Post, Run
from .dialogs import Ask, OfferDraft

if TYPE_CHECKING:
    from ...presets import Draft

Later = Callable[[float, Callable[[], None]], Timer]


class DraftRestored(Message, bubble=False):
    """The form holds a restored draft now, perhaps in another API version."""


class DraftsFlow(Flow):
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
        self._timer: Timer | None = None
        # set when nothing can be written to the data folder
        self.home_problem: str | None = None

    # -- autosave -------------------------------------------------------------------------
    def schedule(self) -> None:
        """Autosave after a pause in typing: one one-shot timer, restarted on each change."""
        if self._timer is not None:
            self._timer.stop()
        self._timer = self.later(self.autosave_delay, self.autosave)

    def current(self) -> Draft:
        from ...presets import Draft

        return Draft(
            endpoint=copy.deepcopy(self.form.data),
            preset_name=self.form.preset_name,
            api_version=self.form.version,
            dirty_fields=self.form.changed_paths(),
        )

    def autosave(self) -> None:
        """Keep the form as a draft while it has unsaved changes, drop the draft when not."""
        self._timer = None
        drafts = self.library.drafts
        if drafts is None:  # the store is not open yet: try again shortly
            self.schedule()
        elif self.home_problem:  # said once at start-up; a note per pause would nag
            return
        elif self.form.dirty:
            self.spawn(self.io("Autosave", drafts.save, self.current()), group="draft")
        else:
            self.spawn(self.io("Autosave", drafts.clear), group="draft")

    def quit_clean(self) -> None:
        """A clean quit: nothing to restore next time (a couple of unlinks on the way out)."""
        if self._timer is not None:
            self._timer.stop()
        if self.library.drafts is not None:
            self.library.drafts.close()

    # -- orphans of other sessions --------------------------------------------------------
    def offer(self, drafts: list[Draft]) -> None:
        """Offer the drafts of sessions that did not end cleanly, newest first, one at a time.

        Each answer concerns that draft only; restoring one keeps the rest for the next launch.
        """
        pending = []
        for draft in drafts:
            same_preset = draft.preset_name == self.form.preset_name
            if same_preset and spec.clean(draft.endpoint) == spec.clean(self.form.data):
                self._discard(draft)  # nothing in it that is not already on screen
            else:
                pending.append(draft)
        if pending:
            self._offer_next(pending, len(pending))

    def _offer_next(self, pending: list[Draft], total: int) -> None:
        draft, rest = pending[0], pending[1:]

        def answered(restore: bool | None) -> None:
            if restore:
                self._discard(draft)
                self.restore(draft)
                if rest:
                    self.note(
                        f"{len(rest)} more unsaved draft(s) kept; offered again at the next launch",
                        timeout=6,
                    )
            elif restore is False:
                self._discard(draft)
                if rest:
                    self._offer_next(rest, total)

        self.ask(OfferDraft(draft, position=(total - len(rest), total)), answered)

    def _discard(self, draft: Draft) -> None:
        drafts = self.library.drafts
        if drafts is not None:
            self.spawn(self.io("Draft", drafts.discard, draft), group="draft")

    def restore(self, draft: Draft) -> None:
        form = self.form
        opened = form.preset_name
        form.replace(draft.endpoint, version=draft.api_version, saved=False)
        if draft.preset_name != opened:
            # the draft belongs to another preset than the one opened: nothing of it is saved
            form.mark_saved({})
            form.template_name = None
        form.preset_name = draft.preset_name
        self.post(DraftRestored())
        self.schedule()  # the orphan's file goes: this instance's draft keeps it now
        self.note("Draft restored", timeout=3)
