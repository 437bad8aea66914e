"""EndpointApp: the shell. It builds the long-lived services once, registers a Textual mode per
main screen (:mod:`.modes`), and owns what is app-wide: help, the command palette, the
theme and quitting. Everything about the form is the editor screen's.
"""

from __future__ import annotations

import contextlib
import gc
import os
from collections.abc import Coroutine, Mapping, Sequence
from functools import partial
from pathlib import Path
from typing import Any, ClassVar

from textual.app import App
from textual.binding import BindingType
from textual.command import CommandPalette
from textual.filter import LineFilter
from textual.notifications import SeverityLevel
from textual.screen import ModalScreen, Screen
from textual.theme import ThemeProvider
from textual.timer import Timer

from ..home import history_file
from ..text_safety import block, one_line
from . import actions
from .flows import theme as theme_flow
from .flows.base import Failed, Note
from .modes import MODES, START_MODE, FirstFrame, ModeScreen
from .paint_guard import ControlCharFilter
from .palette import AppCommands
from .services import Connection, Exchanges, Library, Services, Settings
from .themes import DEFAULT_THEME


class EndpointApp(App[int]):
    CSS_PATH = str(Path(__file__).with_name("app.tcss"))
    TITLE = "ppio-endpoint"
    BINDINGS: ClassVar[list[BindingType]] = actions.bindings("app")
    COMMANDS = App.COMMANDS | {AppCommands}
    DEFAULT_MODE = START_MODE

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
        follow_interval: float | None = 5.0,
    ) -> None:
        super().__init__()
        self.animation_level = "none"
        environ = os.environ if environ is None else environ
        self.settings = Settings.checked(
            keymap=keymap,
            home=home,
            environ=environ,
            problems=list(problems or []),
            cursor_blink=cursor_blink,
            user_host=user_host,
            api_version=api_version,
            autosave_delay=autosave_delay,
            follow_interval=follow_interval,
        )
        exchanges = Exchanges(history_file(home))
        self.services = Services(
            settings=self.settings,
            connection=Connection(
                home, environ, exchanges, profile=profile, base_url=base_url, allow_http=allow_http
            ),
            library=Library(home, preset),
            exchanges=exchanges,
        )
        self.theme_choice = theme_flow.ThemeFlow(home, self.post_message, self._run)
        self._theme_timer: Timer | None = None
        self._control_filter = ControlCharFilter()
        for custom in (themes or {}).values():
            self.register_theme(custom)
        # set before the first frame, so the stylesheet is resolved once
        self.theme_problem = ""
        if theme:
            self.apply_theme(theme)
        for mode, build in MODES.items():
            if mode != START_MODE:  # the first screen comes from get_default_screen
                self.add_mode(mode, partial(build, self.services))

    def get_default_screen(self) -> Screen[Any]:
        """The start mode's screen. It comes through Textual's default-screen path: a screen
        from the modes table would cost a re-parse of the whole stylesheet before the first
        frame. Registered afterwards, so switching back to the mode finds it."""
        screen = MODES[START_MODE](self.services)
        self.add_mode(START_MODE, lambda: screen)
        return screen

    def _run(
        self, work: Coroutine[Any, Any, Any], *, group: str = "io", exclusive: bool = False
    ) -> object:
        return self.run_worker(work, group=group, exclusive=exclusive, exit_on_error=False)

    def on_mount(self) -> None:
        if self.settings.keymap:
            self.set_keymap(self.settings.keymap)
        problems = list(self.settings.problems)
        if self.theme_problem:
            problems.append(self.theme_problem)
        problems += self.settings.keymap_problems
        if problems:
            self.notify("\n".join(problems), title="Settings", severity="warning", timeout=12)
        self.theme_choice.settled(self.theme)

    def on_ready(self) -> None:
        """The first frame is on screen: the collector resumes and the screen starts its
        slow work."""
        # what start-up made stays: out of the collector's sweeps, which resume now
        gc.freeze()
        gc.enable()
        self.screen.post_message(FirstFrame())

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

    def mode_screens(self) -> list[ModeScreen]:
        """The main screens built so far."""
        screens = []
        for mode in MODES:
            with contextlib.suppress(KeyError):
                stack = self.get_screen_stack(mode)
                if stack and isinstance(stack[0], ModeScreen):
                    screens.append(stack[0])
        return screens

    # -- what flows report ----------------------------------------------------------------
    def on_note(self, note: Note) -> None:
        self.notify(note.text, title=note.title, severity=note.severity, timeout=note.timeout)  # type: ignore[arg-type]

    def on_failed(self, failed: Failed) -> None:
        # the reason may quote what was sent: the key and resolved values are masked
        self.notify(self.services.connection.redact(failed.text), severity="error", timeout=10)

    # -- what reaches the terminal --------------------------------------------------------
    def notify(
        self,
        message: str,
        *,
        title: str = "",
        severity: SeverityLevel = "information",
        timeout: float | None = None,
        markup: bool = True,
    ) -> None:
        # every notification here carries data (names, paths, server messages), so none is
        # read as markup; ``markup`` stays in the signature for Textual's own callers
        super().notify(
            block(message), title=one_line(title), severity=severity, timeout=timeout, markup=False
        )

    def get_line_filters(self) -> Sequence[LineFilter]:
        """The last guard: no control character in painted text reaches the terminal."""
        return [*super().get_line_filters(), self._control_filter]

    # -- actions --------------------------------------------------------------------------
    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        # a modal in front disables what belongs to the screens behind it
        return not (action in actions.MAIN_ONLY and isinstance(self.screen, ModalScreen))

    def action_help(self) -> None:
        from .screens.help import HelpScreen, local_keys

        ids = {a.id for a in actions.ACTIONS}
        local = local_keys(self.screen.active_bindings, ids)
        self.push_screen(HelpScreen(self.settings.keymap, local))

    async def action_quit(self) -> None:
        lines = [line for screen in self.mode_screens() for line in screen.unsaved_work()]
        if not lines:
            self.quit_clean()
            return

        def answered(yes: bool | None) -> None:
            if yes:
                self.quit_clean()

        from .screens.confirm import ConfirmModal

        self.push_screen(ConfirmModal("Quit?", "\n".join(lines), confirm_label="Quit"), answered)

    def quit_clean(self) -> None:
        """A clean quit: nothing to restore next time."""
        for screen in self.mode_screens():
            screen.before_quit()
        self.exit(0)

    # -- the theme: previewed in a palette, kept once the choice settles ------------------
    def search_themes(self) -> None:
        """Textual's theme picker, with an id so highlights in it preview the theme."""
        self.push_screen(
            CommandPalette(
                providers=[ThemeProvider],
                placeholder="Search for themes…",
                id=theme_flow.PICKER_ID,
            )
        )

    def on_command_palette_opened(self, _: CommandPalette.Opened) -> None:
        self.theme_choice.opened(self.theme)

    def on_command_palette_option_highlighted(
        self, event: CommandPalette.OptionHighlighted
    ) -> None:
        hit = getattr(event.highlighted_event.option, "hit", None)
        text = str(getattr(hit, "text", "") or "")
        in_picker = getattr(self.screen, "id", None) == theme_flow.PICKER_ID
        name = self.theme_choice.highlighted(text, in_picker=in_picker, known=self.available_themes)
        if name is not None:
            self.theme = name

    def on_command_palette_closed(self, event: CommandPalette.Closed) -> None:
        back = self.theme_choice.closed(chosen=event.option_selected, known=self.available_themes)
        if back is not None:
            self.theme = back
        self._schedule_theme_save()

    def watch_theme(self, name: str) -> None:
        if not self.theme_choice.previewing:
            self._schedule_theme_save()

    def _schedule_theme_save(self) -> None:
        if self.theme_choice.saved is None:
            return
        if self._theme_timer is not None:
            self._theme_timer.stop()
        self._theme_timer = self.set_timer(
            theme_flow.SAVE_DELAY, self._save_theme, name="save-theme"
        )

    def _save_theme(self) -> None:
        self._theme_timer = None
        self.theme_choice.save(self.theme)

    def on_unmount(self) -> None:
        """Quitting within the debounce delay still keeps the choice."""
        timer, self._theme_timer = self._theme_timer, None
        if timer is not None:
            timer.stop()
            self.theme_choice.save_now(self.theme)
