"""Unsaved forms, one JSON file per running app, so a crash or a closed terminal loses nothing.

The draft holds the raw form state, invalid values included (TOML could not keep them all:
it has no null), so it is JSON. Each app instance writes ``drafts/<owner>.json`` and holds an
``flock`` on ``drafts/<owner>.lock`` for as long as it runs: a lock that can be taken means
its owner has gone (the kernel drops the lock when a process dies, whatever its pid becomes
later), so its draft is an orphan to offer back. The draft of an instance still running is
never offered or removed. A draft that cannot be read is treated as no draft.
"""

from __future__ import annotations

import contextlib
import fcntl
import json
import os
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..home import MAX_FILE_BYTES, atomic_write, drafts_dir, read_limited, sweep_temp_files
from ..spec.untrusted import parse_json

DRAFT_FORMAT_VERSION = 1
LEGACY_DRAFT_FILE = "draft.json"  # the single draft of earlier versions: an orphan if present


@dataclass
class Draft:
    endpoint: dict[str, Any]
    preset_name: str | None
    api_version: str
    saved_at: float = field(default_factory=time.time)
    dirty_fields: list[str] = field(default_factory=list)
    path: Path | None = field(default=None, compare=False)


def _as_draft(obj: Any, path: Path | None = None) -> Draft | None:
    if not isinstance(obj, dict) or obj.get("format") != DRAFT_FORMAT_VERSION:
        return None
    endpoint, name, version = obj.get("endpoint"), obj.get("preset_name"), obj.get("api_version")
    saved_at, dirty = obj.get("saved_at"), obj.get("dirty_fields", [])
    if not isinstance(endpoint, dict) or version not in ("v1", "v2"):
        return None
    if name is not None and not isinstance(name, str):
        return None
    if not isinstance(saved_at, int | float) or isinstance(saved_at, bool):
        return None
    if not isinstance(dirty, list) or not all(isinstance(d, str) for d in dirty):
        return None
    return Draft(endpoint, name, version, float(saved_at), dirty, path)


def read_draft(path: Path) -> Draft | None:
    """The draft in one file, or None when it cannot be read; never raises."""
    try:
        obj = parse_json(read_limited(path, MAX_FILE_BYTES).decode("utf-8"))
    except (OSError, UnicodeDecodeError, ValueError):  # UnsafeData is a ValueError
        return None
    return _as_draft(obj, path)


def _same_file(fd: int, path: Path) -> bool:
    try:
        held, named = os.fstat(fd), os.stat(path)
    except OSError:
        return False
    return (held.st_dev, held.st_ino) == (named.st_dev, named.st_ino)


def _take_lock(path: Path) -> int | None:
    """An fd holding ``path``'s exclusive flock, or None if another holder has it."""
    fd = os.open(path, os.O_RDWR | os.O_CREAT | os.O_CLOEXEC | os.O_NOFOLLOW, 0o600)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        os.close(fd)
        return None
    except BaseException:
        os.close(fd)
        raise
    return fd


class DraftStore:
    """This instance's draft in ``home/drafts/``, and the orphans of instances that are gone.

    Disk I/O: call it off the UI's event loop. :meth:`close` on a clean exit.
    """

    def __init__(self, home: Path) -> None:
        self.folder = drafts_dir(home)
        self.owner = f"{os.getpid()}-{int(time.time())}-{os.urandom(4).hex()}"
        self.path = self.folder / f"{self.owner}.json"
        self._lock_path = self.path.with_suffix(".lock")
        self._lock_fd: int | None = None

    def _hold(self) -> None:
        """Take this instance's lock before its first draft exists, and keep it."""
        while self._lock_fd is None:
            self.folder.mkdir(parents=True, exist_ok=True)
            fd = _take_lock(self._lock_path)
            if fd is not None and _same_file(fd, self._lock_path):
                self._lock_fd = fd
            elif fd is not None:  # removed as stale between open and flock: make it again
                os.close(fd)

    def save(self, draft: Draft) -> None:
        self._hold()
        body = {
            "format": DRAFT_FORMAT_VERSION,
            "owner": {"pid": os.getpid(), "id": self.owner},
            "endpoint": draft.endpoint,
            "preset_name": draft.preset_name,
            "api_version": draft.api_version,
            "saved_at": draft.saved_at,
            "dirty_fields": list(draft.dirty_fields),
        }
        # default=str: a value the form holds but JSON cannot (rare) is kept as its text
        text = json.dumps(body, indent=2, ensure_ascii=False, default=str)
        atomic_write(self.path, text.encode("utf-8"), mode=0o600)

    def load(self) -> Draft | None:
        """This instance's own draft, or None; never raises."""
        return read_draft(self.path)

    def clear(self) -> None:
        """Remove this instance's draft (the form is saved, or back to what it opened)."""
        with contextlib.suppress(FileNotFoundError):
            self.path.unlink()

    def close(self) -> None:
        """A clean exit: the draft and the lock go, nothing is left to offer."""
        self.clear()
        if self._lock_fd is not None:
            with contextlib.suppress(FileNotFoundError):
                self._lock_path.unlink()
        self.release()

    def release(self) -> None:
        """Let go of the lock, leaving the draft behind (what a crash amounts to)."""
        if self._lock_fd is not None:
            os.close(self._lock_fd)
            self._lock_fd = None

    def orphans(self) -> list[Draft]:
        """Readable drafts whose owner is no longer running, newest first."""
        sweep_temp_files(self.folder)
        self._sweep_locks()
        found = []
        for path in self._draft_files():
            if path != self.path and self._owner_gone(path):
                draft = read_draft(path)
                if draft is not None:
                    found.append(draft)
        return sorted(found, key=lambda d: d.saved_at, reverse=True)

    def discard(self, draft: Draft) -> None:
        """Remove an orphan (and its lock), unless its owner turned out to be alive."""
        path = draft.path
        if path is None or path == self.path:
            self.clear()
            return
        lock = path.with_suffix(".lock")
        fd = _take_lock(lock) if lock.exists() else None
        if lock.exists() and fd is None:
            return  # its owner is running after all: not ours to remove
        try:
            with contextlib.suppress(FileNotFoundError):
                path.unlink()
            with contextlib.suppress(FileNotFoundError):
                lock.unlink()
        finally:
            if fd is not None:
                os.close(fd)

    def _sweep_locks(self) -> None:
        """Remove the locks of instances that are gone and left no draft."""
        try:
            locks = [p for p in self.folder.iterdir() if p.suffix == ".lock"]
        except OSError:
            return
        for lock in locks:
            if lock == self._lock_path or lock.with_suffix(".json").exists():
                continue
            with contextlib.suppress(OSError):
                fd = _take_lock(lock)
                if fd is not None:
                    try:
                        lock.unlink()
                    finally:
                        os.close(fd)

    def _draft_files(self) -> list[Path]:
        try:
            return [p for p in self.folder.iterdir() if p.suffix == ".json" and p.is_file()]
        except OSError:  # no folder yet: no drafts
            return []

    def _owner_gone(self, path: Path) -> bool:
        lock = path.with_suffix(".lock")
        if not lock.exists():  # never had one (an earlier version's draft), or it was removed
            return True
        try:
            fd = _take_lock(lock)
        except OSError:  # cannot even open it: leave that draft alone
            return False
        if fd is None:
            return False
        os.close(fd)
        return True
