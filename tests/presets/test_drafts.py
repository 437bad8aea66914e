"""The unsaved draft: kept as typed, invalid values included; a broken file means no draft."""

from __future__ import annotations

import stat
from pathlib import Path

import pytest

from tui_app.presets import Draft, DraftStore


def test_draft_keeps_raw_form_state(tmp_path: Path) -> None:
    drafts = DraftStore(tmp_path)
    raw = {"name": "", "worker_config": {"max_replicas": "12x", "gpu_num": None}, "ports": [8000]}
    drafts.save(Draft(raw, "llama", "v1", 1700000000.5, ["worker_config.max_replicas"]))
    loaded = drafts.load()
    assert loaded == Draft(raw, "llama", "v1", 1700000000.5, ["worker_config.max_replicas"])
    assert drafts.path == tmp_path / "drafts" / "draft.json"
    assert stat.S_IMODE(drafts.path.stat().st_mode) == 0o600


def test_no_draft(tmp_path: Path) -> None:
    assert DraftStore(tmp_path).load() is None


@pytest.mark.parametrize(
    "content",
    [
        b"",
        b"{not json",
        b"\xff\xfe",
        b"[]",
        b'{"format": 1}',
        b'{"format": 99, "endpoint": {}, "api_version": "v2", "saved_at": 1}',
        b'{"format": 1, "endpoint": [], "api_version": "v2", "saved_at": 1}',
        b'{"format": 1, "endpoint": {}, "api_version": "v3", "saved_at": 1}',
        b'{"format": 1, "endpoint": {}, "api_version": "v2", "saved_at": "x"}',
        b'{"format": 1, "endpoint": {}, "api_version": "v2", "saved_at": 1, "dirty_fields": [1]}',
        b"[" * 100000,
    ],
)
def test_corrupt_draft_is_no_draft(tmp_path: Path, content: bytes) -> None:
    drafts = DraftStore(tmp_path)
    drafts.path.parent.mkdir(parents=True)
    drafts.path.write_bytes(content)
    assert drafts.load() is None


def test_a_draft_nested_too_deep_is_no_draft(tmp_path: Path) -> None:
    # 200 levels parse, but the form would copy and walk them recursively
    drafts = DraftStore(tmp_path)
    drafts.path.parent.mkdir(parents=True)
    envs = b"[" * 200 + b"]" * 200
    drafts.path.write_bytes(
        b'{"format": 1, "endpoint": {"envs": ' + envs + b'}, "api_version": "v2", "saved_at": 1}'
    )
    assert drafts.load() is None


def test_clear(tmp_path: Path) -> None:
    drafts = DraftStore(tmp_path)
    drafts.clear()
    drafts.save(Draft({}, None, "v2"))
    assert drafts.load() is not None
    drafts.clear()
    assert drafts.load() is None and not drafts.path.exists()
