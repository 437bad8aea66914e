"""Unsaved drafts: kept as typed, invalid values included; a broken file means no draft; one
draft per running instance, and only the drafts of instances that are gone are offered."""

from __future__ import annotations

import os
import signal
import stat
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from tui_app.presets import Draft, DraftStore


def test_draft_keeps_raw_form_state(tmp_path: Path) -> None:
    drafts = DraftStore(tmp_path)
    raw = {"name": "", "worker_config": {"max_replicas": "12x", "gpu_num": None}, "ports": [8000]}
    drafts.save(Draft(raw, "llama", "v1", 1700000000.5, ["worker_config.max_replicas"]))
    loaded = drafts.load()
    assert loaded == Draft(raw, "llama", "v1", 1700000000.5, ["worker_config.max_replicas"])
    assert drafts.path.parent == tmp_path / "drafts"
    assert drafts.path.name.startswith(f"{os.getpid()}-")
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


def draft(name: str, saved_at: float = 1700000000.0) -> Draft:
    return Draft({"name": name}, None, "v2", saved_at, ["name"])


def files(home: Path) -> set[str]:
    return {p.name for p in (home / "drafts").iterdir()}


def test_two_instances_keep_their_own_drafts(tmp_path: Path) -> None:
    first, second = DraftStore(tmp_path), DraftStore(tmp_path)
    first.save(draft("first"))
    second.save(draft("second"))
    assert first.load() == draft("first")
    assert second.load() == draft("second")
    # each is alive: neither is offered the other's draft
    assert first.orphans() == [] and second.orphans() == []
    for store in (first, second):
        assert stat.S_IMODE(store.path.stat().st_mode) == 0o600
    first.clear()
    assert second.load() == draft("second")
    first.close()  # a clean exit takes its own draft and lock, nothing else
    assert files(tmp_path) == {second.path.name, second.path.with_suffix(".lock").name}
    second.close()
    assert files(tmp_path) == set()


def test_orphans_are_offered_newest_first_and_discarded_one_by_one(tmp_path: Path) -> None:
    older, newer = DraftStore(tmp_path), DraftStore(tmp_path)
    older.save(draft("older", 1000.0))
    newer.save(draft("newer", 2000.0))
    older.release()  # both sessions died without a clean exit
    newer.release()
    launch = DraftStore(tmp_path)
    found = launch.orphans()
    assert [d.endpoint["name"] for d in found] == ["newer", "older"]
    launch.discard(found[0])
    assert not newer.path.exists() and older.path.exists()
    assert [d.endpoint["name"] for d in launch.orphans()] == ["older"]


def test_the_single_draft_of_an_earlier_version_is_an_orphan(tmp_path: Path) -> None:
    legacy = tmp_path / "drafts" / "draft.json"
    legacy.parent.mkdir()
    legacy.write_text(
        '{"format": 1, "endpoint": {"name": "old"}, "preset_name": null, '
        '"api_version": "v2", "saved_at": 5}'
    )
    [found] = DraftStore(tmp_path).orphans()
    assert found.endpoint == {"name": "old"}


OTHER_APP = textwrap.dedent(
    """
    import sys
    from pathlib import Path
    from tui_app.presets import Draft, DraftStore

    store = DraftStore(Path(sys.argv[1]))
    store.save(Draft({"name": "theirs"}, None, "v2", 1.0, ["name"]))
    print(store.path, flush=True)
    sys.stdin.readline()  # runs until told to stop, or killed
    """
)


def test_the_draft_of_a_running_process_is_never_offered_nor_removed(tmp_path: Path) -> None:
    other = subprocess.Popen(
        [sys.executable, "-c", OTHER_APP, str(tmp_path)],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        theirs = Path(other.stdout.readline().strip())
        assert theirs.is_file()
        mine = DraftStore(tmp_path)
        mine.save(draft("mine"))
        assert mine.orphans() == []
        mine.discard(Draft({}, None, "v2", path=theirs))
        mine.close()
        assert theirs.is_file()  # still there: its owner runs
        other.send_signal(signal.SIGKILL)  # a crash: no clean exit
        other.wait(10)
        [orphan] = DraftStore(tmp_path).orphans()
        assert orphan.endpoint == {"name": "theirs"} and orphan.path == theirs
    finally:
        other.kill()
        other.wait(10)
