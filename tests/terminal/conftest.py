"""The app's Pilot fixtures (tests/ui/conftest.py), and the app built as the command line does."""

from __future__ import annotations

import argparse
from typing import Any

import pytest
from textual.widgets import Input

from tests.ui.conftest import home, make_app  # noqa: F401  (fixtures used here too)
from tui_app.ui.launch import app_from_args


def launch_args(**values: Any) -> argparse.Namespace:
    base = {"preset": None, "profile": None, "base_url": None, "api_version": None, "theme": None}
    return argparse.Namespace(**{**base, **values})


def launched(**values: Any) -> Any:
    """The app as ``ppio-endpoint`` builds it, recording the text of every notification."""
    app = app_from_args(launch_args(**values))
    app.notes = []
    original = app.notify

    def notify(message: str, **kwargs: Any) -> None:
        app.notes.append(str(message))
        original(message, **kwargs)

    app.notify = notify
    return app


@pytest.fixture(autouse=True)
def plain_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    # the person running the tests may have these set; each test sets what it needs
    for name in ("PPIO_ENDPOINT_THEME", "NO_COLOR", "TEXTUAL_THEME"):
        monkeypatch.delenv(name, raising=False)


@pytest.fixture(autouse=True)
def steady_cursor(monkeypatch: pytest.MonkeyPatch) -> None:
    # the blink timer would make the cursor cell depend on timing
    monkeypatch.setattr(Input, "_toggle_cursor", lambda self: None)
