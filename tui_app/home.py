"""The data home and safe file writes. No Textual: every layer may use it.

``$PPIO_ENDPOINT_HOME`` (default: the platform's user data folder) holds presets/,
drafts/, themes/, config.toml and history.jsonl.
"""

from __future__ import annotations

import contextlib
import os
import tempfile
from collections.abc import Mapping
from pathlib import Path

APP_NAME = "ppio-endpoint"
HOME_VARIABLE = "PPIO_ENDPOINT_HOME"
REPO_ROOT = Path(__file__).resolve().parent.parent


def data_home(environ: Mapping[str, str] | None = None) -> Path:
    env = os.environ if environ is None else environ
    configured = env.get(HOME_VARIABLE)
    if configured:
        return Path(configured).expanduser()
    from platformdirs import user_data_dir  # only when no home is configured

    return Path(user_data_dir(APP_NAME, appauthor=False))


def presets_dir(home: Path) -> Path:
    return home / "presets"


def drafts_dir(home: Path) -> Path:
    return home / "drafts"


def themes_dir(home: Path) -> Path:
    return home / "themes"


def config_file(home: Path) -> Path:
    return home / "config.toml"


def history_file(home: Path) -> Path:
    return home / "history.jsonl"


def shipped_presets_dir() -> Path:
    """Preset templates shipped with the project (top-level presets/)."""
    return REPO_ROOT / "presets"


def shipped_themes_dir() -> Path:
    return REPO_ROOT / "themes"


def write_error(path: Path, exc: OSError) -> str:
    """Plain words for a write into the data home that failed."""
    return f"cannot write {path}: {exc.strerror or exc} (is {HOME_VARIABLE} a writable folder?)"


def home_problem(home: Path) -> str | None:
    """Why nothing can be written under ``home`` (created if missing), or None if it can.

    Writes and removes a small file: permission bits alone would not tell (root ignores
    them, and a read-only mount or a path under a file fails whoever asks).
    """
    try:
        home.mkdir(parents=True, exist_ok=True)
        fd, probe = tempfile.mkstemp(prefix=".write-check.", dir=home)
        os.close(fd)
        os.unlink(probe)
    except OSError as exc:
        return write_error(home, exc)
    return None


def atomic_write(path: Path, data: bytes, mode: int = 0o600) -> None:
    """Write ``data`` so that ``path`` holds either the old or the new content, never a torn file.

    The temporary file lives in the same folder (``os.replace`` is atomic only within one
    file system) and is flushed to disk before it replaces the old one.
    """
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        os.fchmod(fd, mode)
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise
    _fsync_dir(path.parent)


def _fsync_dir(folder: Path) -> None:
    # the rename itself is durable only once the directory entry is on disk
    with contextlib.suppress(OSError):
        fd = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)
