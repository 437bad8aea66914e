"""Shared fixtures for the app's Pilot tests: a private data home, a deterministic app, helpers
that drive it the way a person at the keyboard does."""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import Any

import pytest
from textual.pilot import Pilot
from textual.widgets import Input

from tui_app.ui.app import EndpointApp
from tui_app.ui.modes.editor import EditorScreen
from tui_app.ui.widgets.field_row import FieldRow

USER_HOST = "tester@ci-box"

# a complete, valid v2 endpoint: tests change one thing at a time from here
VALID: dict[str, Any] = {
    "type": "sync",
    "name": "llama-test",
    "product_id": "1",
    "image": "vllm/vllm-openai:v0.6.3",
    "worker_config": {
        "min_replicas": 0,
        "max_replicas": 2,
        "idle_timeout": 300,
        "max_concurrent_per_worker": 8,
        "gpu_num": 1,
        "rootfs_size_gb": 100,
        "request_timeout": 600,
    },
    "policy": {"type": "queue", "value": 30},
    "ports": [8000],
    "health_check": {"path": "/health", "port": 8000},
}

PRESET_TOML = """version = 1

[meta]
description = "a test preset"

[endpoint]
type = "sync"
name = "llama-test"
product_id = "1"
image = "vllm/vllm-openai:v0.6.3"
ports = [8000]

[endpoint.worker_config]
min_replicas = 0
max_replicas = 2
idle_timeout = 300
max_concurrent_per_worker = 8
gpu_num = 1
rootfs_size_gb = 100
request_timeout = 600

[endpoint.policy]
type = "queue"
value = 30

[endpoint.health_check]
path = "/health"
port = 8000
"""


@pytest.fixture
def home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    path = tmp_path / "home"
    path.mkdir()
    monkeypatch.setenv("PPIO_ENDPOINT_HOME", str(path))
    monkeypatch.delenv("PPIO_API_KEY", raising=False)
    monkeypatch.delenv("PPIO_BASE_URL", raising=False)
    return path


def write_preset(home: Path, name: str = "llama-test", text: str = PRESET_TOML) -> Path:
    folder = home / "presets"
    folder.mkdir(exist_ok=True)
    path = folder / f"{name}.toml"
    path.write_text(text)
    return path


class RecordingApp(EndpointApp):
    """The app, keeping the text of every notification it showed."""

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.notes: list[str] = []

    def notify(self, message: str, **kwargs: Any) -> None:  # type: ignore[override]
        self.notes.append(str(message))
        super().notify(message, **kwargs)


@pytest.fixture
def make_app(home: Path) -> Callable[..., RecordingApp]:
    def build(**kwargs: Any) -> EndpointApp:
        kwargs.setdefault("home", home)
        kwargs.setdefault("user_host", USER_HOST)
        kwargs.setdefault("cursor_blink", False)
        kwargs.setdefault("environ", {})
        kwargs.setdefault("autosave_delay", 0.05)
        # a followed submit would keep a worker polling past the test's settle()
        kwargs.setdefault("follow_interval", None)
        kwargs.setdefault("theme", "ppio-dark")
        themes = kwargs.pop("themes", None)
        if themes is None:
            from tui_app.ui.themes import load_themes

            themes = load_themes(home).themes
        return RecordingApp(themes=themes, **kwargs)

    return build


def editor(app: Any) -> EditorScreen:
    """The editor screen (the app's first mode), whatever modal is in front of it."""
    screen = app.get_screen_stack("editor")[0]
    assert isinstance(screen, EditorScreen)
    return screen


async def ready(pilot: Pilot[Any]) -> None:
    """Start-up done: target resolved, presets read, every tab mounted (look-ups load on
    first need)."""
    app = pilot.app
    assert isinstance(app, EndpointApp)
    await asyncio.wait_for(editor(app).started.wait(), 15)
    await settle(pilot)


async def settle(pilot: Pilot[Any], rounds: int = 3) -> None:
    """Let background work finish, including work that a finished worker starts."""
    quiet = 0
    for _ in range(50):
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()
        busy = any(not w.is_finished for w in pilot.app.workers)
        quiet = 0 if busy else quiet + 1
        if quiet >= rounds:
            return


def row(app: EndpointApp, path: str) -> FieldRow:
    return editor(app).field_rows()[path]


async def goto(pilot: Pilot[Any], section: str) -> None:
    app = pilot.app
    assert isinstance(app, EndpointApp)
    editor(app).action_section(section)
    await pilot.pause()


async def type_into(pilot: Pilot[Any], path: str, text: str, *, leave: bool = True) -> None:
    """Focus a field, clear it, type ``text`` key by key, and (by default) leave it."""
    app = pilot.app
    assert isinstance(app, EndpointApp)
    field = row(app, path)
    editor(app).tabs.active = f"tab-{app_section(path)}"
    await pilot.pause()
    box = field.editor
    assert isinstance(box, Input)
    box.focus()
    await pilot.pause()
    box.value = ""
    if text:
        await pilot.press(*list(text))
    await pilot.pause()
    if leave:
        await pilot.press("tab")
        await pilot.pause()


def app_section(path: str) -> str:
    from tui_app.ui.form_state import section_of

    return section_of(path)


def tab_label(app: EndpointApp, section: str) -> str:
    return str(editor(app).tabs.get_tab(f"tab-{section}").label)


def scene(*steps: Callable[[Any], Awaitable[None]]) -> Callable[[Any], Awaitable[None]]:
    """A snapshot's run_before: start-up finished, the steps, then no toasts in the picture."""

    async def run_before(pilot: Any) -> None:
        await ready(pilot)
        for step in steps:
            await step(pilot)
        await settle(pilot)
        # toasts come and go on timers: keep them out of the picture
        pilot.app.clear_notifications()
        await pilot.pause()

    return run_before


async def load(pilot: Any, data: dict[str, Any]) -> None:
    """Put a whole endpoint into the form, as opening a preset does."""
    editor(pilot.app).state.replace(data)
    editor(pilot.app).refresh_form()
    await pilot.pause()


async def load_valid(pilot: Any) -> None:
    await load(pilot, VALID)
