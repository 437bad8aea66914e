"""What every main screen (one per Textual mode) offers the app shell."""

from __future__ import annotations

from collections.abc import Callable, Coroutine
from typing import Any, ClassVar

from textual.binding import BindingType
from textual.message import Message
from textual.screen import ModalScreen, Screen

from .. import actions
from ..flows.dialogs import Question


class FirstFrame(Message, bubble=False):
    """The first frame is on the terminal: slow start-up work may begin."""


class ModeScreen(Screen[None]):
    # the actions registry's scope this screen binds (tui_app.ui.actions)
    SCOPE: ClassVar[str] = ""
    # quitting is the app's, and leads the footer of every main screen
    BINDINGS: ClassVar[list[BindingType]] = [actions.BY_ID["quit"].binding("app")]

    # -- what its flows are given -----------------------------------------------------------
    def run_in_worker(
        self, work: Coroutine[Any, Any, Any], *, group: str = "io", exclusive: bool = False
    ) -> object:
        return self.run_worker(work, group=group, exclusive=exclusive, exit_on_error=False)

    def ask(self, question: Question, answered: Callable[[Any], None]) -> None:
        """Show the modal for ``question``; ``answered`` gets what it was dismissed with."""
        from .dialogs import modal_for

        self.app.push_screen(modal_for(question), answered)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        # a modal in front disables this screen's actions (its footer, behind, says so)
        return not (action in actions.MAIN_ONLY and isinstance(self.app.screen, ModalScreen))

    def unsaved_work(self) -> list[str]:
        """Why quitting now would lose something, one line each (none: quit at once)."""
        return []

    def before_quit(self) -> None:
        """The user quits: leave nothing behind to restore next time."""
