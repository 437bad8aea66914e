"""The line above the footer: error and warning counts, and what is running in the background."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.content import Content
from textual.timer import Timer
from textual.widgets import Static

from ...text_safety import one_line
from ..marks import ISSUE_MARK, WARNING_MARK

SPINNER = "⠋⠙⠹⠸⠼⠴⠦⠧⠇⠏"


def counts_text(errors: int, warnings: int, version: str, next_key: str = "f8") -> str:
    if not errors and not warnings:
        return f"✓ valid for the {version} API"
    parts = []
    if errors:
        parts.append(f"{ISSUE_MARK} {errors} error{'s' if errors != 1 else ''}")
    if warnings:
        parts.append(f"{WARNING_MARK} {warnings} warning{'s' if warnings != 1 else ''}")
    hint = f" · {next_key} next" if errors else ""
    return f"{' · '.join(parts)} ({version}){hint}"


class StatusLine(Horizontal):
    DEFAULT_CSS = """
    StatusLine {
        height: 1;
        background: $boost;
        & > Static {
            height: 1;
            padding: 0 1;
            text-wrap: nowrap;
            text-overflow: ellipsis;
        }
        & > #counts {
            width: auto;
            max-width: 50%;
        }
        & > #counts.-errors {
            color: $text-error;
        }
        & > #counts.-warnings {
            color: $text-warning;
        }
        & > #counts.-ok {
            color: $text-success;
        }
        & > #activity {
            width: 1fr;
            text-align: right;
        }
        & > #activity.-failed {
            color: $text-error;
        }
        & > #activity.-done {
            color: $text-success;
        }
    }
    """

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._counts = ""
        self._activity = ""
        self._busy_text = ""
        self._frame = 0
        self._spinner: Timer | None = None

    def compose(self) -> ComposeResult:
        yield Static("", id="counts")
        yield Static("", id="activity")

    def show_counts(self, errors: int, warnings: int, version: str, next_key: str = "f8") -> None:
        text = counts_text(errors, warnings, version, next_key)
        if text == self._counts:
            return
        self._counts = text
        counts = self.query_one("#counts", Static)
        counts.update(Content(text))
        counts.set_class(bool(errors), "-errors")
        counts.set_class(not errors and bool(warnings), "-warnings")
        counts.set_class(not errors and not warnings, "-ok")

    def busy(self, text: str) -> None:
        """Show ``text`` with a spinner until :meth:`done` (the only timer this line runs)."""
        text = one_line(text)  # it may quote a server or a file name
        self._busy_text = text
        self._frame = 0
        self._set_activity(f"{SPINNER[0]} {text}", "")
        if self._spinner is None:
            self._spinner = self.set_interval(0.1, self._spin)

    def done(self, text: str = "", *, failed: bool = False) -> None:
        if self._spinner is not None:
            self._spinner.stop()
            self._spinner = None
        self._busy_text = ""
        self._set_activity(one_line(text), "-failed" if failed else "-done")

    @property
    def is_busy(self) -> bool:
        return self._spinner is not None

    @property
    def counts(self) -> str:
        return self._counts

    @property
    def activity(self) -> str:
        return self._activity

    def _spin(self) -> None:
        self._frame = (self._frame + 1) % len(SPINNER)
        self._set_activity(f"{SPINNER[self._frame]} {self._busy_text}", "")

    def _set_activity(self, text: str, cls: str) -> None:
        if text == self._activity:
            return
        self._activity = text
        activity = self.query_one("#activity", Static)
        activity.update(Content(text))
        activity.set_class(cls == "-failed", "-failed")
        activity.set_class(cls == "-done", "-done")
