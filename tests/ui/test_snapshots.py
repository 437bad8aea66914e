"""Snapshots of the main screens at 80x24 and 120x40 (pytest-textual-snapshot).

Deterministic by construction: a fixed user@host, no clock on screen, no cursor blink, the
in-process sandbox (fixed look-ups), and every start-up worker finished before the picture.
Update after an intended change with ``pytest tests/ui/test_snapshots.py --snapshot-update``.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Any

import pytest
from textual.widgets import Input

from tests.ui.conftest import VALID, editor, load_valid, scene, settle, type_into

SIZES = [pytest.param((80, 24), id="80x24"), pytest.param((120, 40), id="120x40")]


@pytest.fixture(autouse=True)
def steady_cursor(monkeypatch: pytest.MonkeyPatch) -> None:
    # the blink timer would make the cursor cell depend on timing
    monkeypatch.setattr(Input, "_toggle_cursor", lambda self: None)


async def bad_max_workers(pilot: Any) -> None:
    await type_into(pilot, "worker_config.max_replicas", "5000")
    await type_into(pilot, "worker_config.min_replicas", "7")


async def to_v1_review(pilot: Any) -> None:
    await pilot.press("f4")
    await settle(pilot)
    editor(pilot.app).action_section("review")
    await pilot.pause()


def keys(*names: str) -> Callable[[Any], Awaitable[None]]:
    async def step(pilot: Any) -> None:
        await pilot.press(*names)
        await pilot.pause()

    return step


async def secret_env(pilot: Any) -> None:
    data = {
        **VALID,
        "envs": [
            {"key": "HF_TOKEN", "value": "hf_abcdefghijklmnopqrstuvwxyz0123"},
            {"key": "MODEL", "value": "${MODEL_NAME}"},
        ],
    }
    editor(pilot.app).state.replace(data)
    editor(pilot.app).refresh_form()
    editor(pilot.app).action_section("env", focus_field=True)
    await pilot.pause()


@pytest.mark.parametrize("size", SIZES)
def test_new_endpoint(snap_compare, make_app, size) -> None:
    assert snap_compare(make_app(), terminal_size=size, run_before=scene())


@pytest.mark.parametrize("size", SIZES)
def test_workers_with_errors_shown(snap_compare, make_app, size) -> None:
    run = scene(load_valid, bad_max_workers)
    assert snap_compare(make_app(), terminal_size=size, run_before=run)


@pytest.mark.parametrize("size", SIZES)
def test_review_in_v1(snap_compare, make_app, size) -> None:
    assert snap_compare(make_app(), terminal_size=size, run_before=scene(load_valid, to_v1_review))


@pytest.mark.parametrize("size", SIZES)
def test_env_table_masks_secrets(snap_compare, make_app, size) -> None:
    assert snap_compare(make_app(), terminal_size=size, run_before=scene(secret_env))


@pytest.mark.parametrize("size", SIZES)
def test_submit_confirm(snap_compare, make_app, size) -> None:
    run = scene(load_valid, keys("f5"))
    assert snap_compare(make_app(), terminal_size=size, run_before=run)


@pytest.mark.parametrize("size", SIZES)
def test_help(snap_compare, make_app, size) -> None:
    assert snap_compare(make_app(), terminal_size=size, run_before=scene(keys("f1")))


async def new_volume(pilot: Any) -> None:
    editor(pilot.app).action_section("volumes", focus_field=True)
    await pilot.pause()
    await pilot.press("a")
    await settle(pilot)


@pytest.mark.parametrize("size", SIZES)
def test_volume_editor(snap_compare, make_app, size) -> None:
    assert snap_compare(make_app(), terminal_size=size, run_before=scene(new_volume))
