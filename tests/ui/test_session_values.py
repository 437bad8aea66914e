"""An unset ``${HF_TOKEN}`` at submit: its value is asked (masked), sent, and never written."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.widgets import Input

from tests.sandbox_server import TEST_KEY, sandbox_server
from tests.ui.conftest import PRESET_TOML, editor, ready, settle, type_into, write_preset
from tests.ui.test_submit import review_body
from tui_app.ui.screens.confirm import ConfirmModal
from tui_app.ui.screens.prompt import PromptModal

SECRET = "hf_TypedForThisSessionOnly0123456789"
WITH_REF = PRESET_TOML.replace(
    "ports = [8000]\n", 'ports = [8000]\nenvs = [{ key = "HF_TOKEN", value = "${HF_TOKEN}" }]\n'
)
REF_ONLY = [{"key": "HF_TOKEN", "value": "${HF_TOKEN}"}]


@pytest.fixture
def server():
    with sandbox_server() as running:
        yield running


def files_holding(folder: Path, needle: bytes) -> list[Path]:
    return [p for p in folder.rglob("*") if p.is_file() and needle in p.read_bytes()]


def app_with_preset(make_app, server, home: Path):
    """The app opening a preset whose env refers to ``${HF_TOKEN}``, which is not set."""
    write_preset(home, "llama-test", WITH_REF)
    return make_app(
        preset="llama-test", base_url=server.base_url, environ={"PPIO_API_KEY": TEST_KEY}
    )


async def test_an_unset_variable_is_asked_masked_sent_and_never_written(
    make_app, server, home: Path
) -> None:
    app = app_with_preset(make_app, server, home)
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(pilot)
        await type_into(pilot, "name", "with-secret")  # a change: a draft is written too
        await settle(pilot)
        assert list((home / "drafts").glob("*.json"))
        await pilot.press("f5")
        await pilot.pause()
        prompt = app.screen
        assert isinstance(prompt, PromptModal)
        assert "${HF_TOKEN}" in prompt.title_text
        assert prompt.query_one(Input).password  # masked on screen
        await pilot.press(*SECRET, "enter")
        await settle(pilot)
        assert isinstance(app.screen, ConfirmModal), (app.screen, app.notes)
        await pilot.press("y")
        await settle(pilot)

        assert server.creates()[0]["envs"] == [{"key": "HF_TOKEN", "value": SECRET}]
        assert (await review_body(pilot))["envs"] == REF_ONLY
        assert editor(app).state.data["envs"] == REF_ONLY
        await pilot.press("ctrl+s")  # saving the preset keeps the reference
        await settle(pilot)
        history = (home / "history.jsonl").read_bytes()
        assert b"${HF_TOKEN}" in history
        preset = (home / "presets" / "llama-test.toml").read_bytes()
        assert b'value = "${HF_TOKEN}"' in preset
        # nothing under the data home holds the value: preset, drafts, history, config
        assert files_holding(home, SECRET.encode()) == []

        # asked once per session: a second submit goes straight to the confirmation
        await pilot.press("f5")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmModal)
        await pilot.press("n")
        await settle(pilot)
    assert files_holding(home, SECRET.encode()) == []


async def test_escape_at_the_value_prompt_sends_nothing(make_app, server, home: Path) -> None:
    app = app_with_preset(make_app, server, home)
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(pilot)
        await pilot.press("f5")
        await pilot.pause()
        assert isinstance(app.screen, PromptModal)
        await pilot.press(*"hf_half", "escape")
        await settle(pilot)
        assert not isinstance(app.screen, (PromptModal, ConfirmModal))
        assert server.creates() == []
        assert any("${HF_TOKEN}" in n and "Not sent" in n for n in app.notes), app.notes
        # not kept either: the next submit asks again
        await pilot.press("f5")
        await settle(pilot)
        assert isinstance(app.screen, PromptModal), (app.focused, app.notes)
        await pilot.press("escape")
        await settle(pilot)
        assert server.creates() == []


async def test_the_palette_sets_a_variable_for_the_session(make_app, server, home: Path) -> None:
    app = app_with_preset(make_app, server, home)
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(pilot)
        await pilot.press("ctrl+p")
        await settle(pilot)
        await pilot.press(*"Set a variable for this session", "enter")
        await settle(pilot)
        assert isinstance(app.screen, PromptModal) and not app.screen.password
        await pilot.press(*"HF_TOKEN", "enter")
        await settle(pilot)
        assert isinstance(app.screen, PromptModal) and app.screen.password
        await pilot.press(*SECRET, "enter")
        await settle(pilot)
        await pilot.press("f5")  # no question about HF_TOKEN: straight to the confirmation
        await settle(pilot)
        assert isinstance(app.screen, ConfirmModal)
        await pilot.press("y")
        await settle(pilot)
        assert server.creates()[0]["envs"] == [{"key": "HF_TOKEN", "value": SECRET}]
    assert files_holding(home, SECRET.encode()) == []
