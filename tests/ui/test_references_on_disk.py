"""Saving from the app while the referenced variable is set: the preset file and the
autosaved draft hold ``${HF_TOKEN}``, never its value."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.ui.conftest import VALID, load, ready, settle, type_into
from tests.ui.test_presets import answer_prompt

SECRET = "hf_SetInTheEnvironment0123456789abcd"


async def test_save_keeps_the_reference_in_the_file(
    make_app, home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("HF_TOKEN", SECRET)
    app = make_app(environ={"HF_TOKEN": SECRET})
    async with app.run_test(size=(100, 30)) as pilot:
        await ready(pilot)
        await load(pilot, {**VALID, "envs": [{"key": "HF_TOKEN", "value": "${HF_TOKEN}"}]})
        await type_into(pilot, "name", "ref-kept")  # a change, so a draft is written too
        await settle(pilot)
        [draft] = (home / "drafts").glob("*.json")  # this instance's own draft
        raw = draft.read_bytes()
        assert b"${HF_TOKEN}" in raw and SECRET.encode() not in raw

        await pilot.press("ctrl+s")
        await pilot.pause()
        await answer_prompt(pilot, "with-ref")
        path = home / "presets" / "with-ref.toml"
        raw = path.read_bytes()
        assert b'value = "${HF_TOKEN}"' in raw
        assert SECRET.encode() not in raw
