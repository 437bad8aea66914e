"""The data home and safe file writes. No Textual: every layer may use it.

``$PPIO_ENDPOINT_HOME`` (default: the platform's user data folder) holds presets/,
drafts/, themes/, config.toml and history.jsonl.
"""

from __future__ import annotations

import contextlib
import errno
import os
import re
import stat
import tempfile
import time
from collections.abc import Mapping
from pathlib import Path

APP_NAME = "ppio-endpoint"
HOME_VARIABLE = "PPIO_ENDPOINT_HOME"
MAX_FILE_BYTES = 1024 * 1024  # presets, themes and config.toml are a few KiB; refuse the absurd
STALE_TEMP_SECONDS = 3600  # a temp file this old is left over from an interrupted save
_TEMP_PREFIX, _TEMP_SUFFIX = ".", ".tmp"
# mkstemp's names: the prefix, eight random characters, the suffix
_TEMP_NAME = re.compile(r"^\..+\.[a-z0-9_]{8}\.tmp$")


class FileRefused(OSError):
    """Not read: not a regular file, or too large. ``strerror`` says which, in plain words."""

    def __init__(self, message: str) -> None:
        super().__init__(errno.EINVAL, message)


def data_home(environ: Mapping[str, str] | None = None) -> Path:
    env = os.environ if environ is None else environ
    configured = env.get(HOME_VARIABLE)
    if configured:
        return Path(configured).expanduser()
    from platformdirs import user_data_dir  # only when no home is configured

    return Path(user_data_dir(APP_NAME, appauthor=False))


def shown_path(path: Path) -> str:
    """The path as its owner would type it: ``~/…`` under their home folder."""
    try:
        return f"~/{path.relative_to(Path.home())}"
    except (ValueError, RuntimeError):  # elsewhere, or no home folder known
        return str(path)


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


def cache_dir(home: Path) -> Path:
    return home / "cache"


def shipped_presets_dir() -> Path:
    """Preset templates shipped inside the package (``tui_app/data/presets``)."""
    return _package_data("presets")


def shipped_themes_dir() -> Path:
    """Themes shipped inside the package (``tui_app/data/themes``)."""
    return _package_data("themes")


def _package_data(folder: str) -> Path:
    # a real folder in a checkout, an editable install and an installed wheel alike; the
    # stores compare and glob paths, so a zipped package (no folder on disk) is not supported.
    # importlib.resources answers the same folder but loads zipfile (0.3 MiB at start): it is
    # asked only when the package's own folder is not where this module is.
    here = Path(__file__).resolve().parent / "data" / folder
    if here.is_dir():
        return here
    from importlib import resources

    return Path(str(resources.files("tui_app") / "data" / folder))


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


def read_limited(path: Path, limit: int = MAX_FILE_BYTES) -> bytes:
    """The bytes of a regular file of at most ``limit`` bytes, else :class:`FileRefused`.

    A FIFO, device or socket is refused from ``stat`` alone: opening one could block forever.
    """
    try:
        info = os.stat(path)
    except FileNotFoundError:
        if os.path.islink(path):
            raise FileRefused("is a link to a file that does not exist") from None
        raise
    _check_regular(info.st_mode, info.st_size, limit)
    # O_NONBLOCK: should it have become a FIFO since the stat, the open still returns at once
    fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | os.O_CLOEXEC)
    try:
        info = os.fstat(fd)
        _check_regular(info.st_mode, info.st_size, limit)
        with os.fdopen(fd, "rb", closefd=False) as handle:
            data = handle.read(limit + 1)
    finally:
        os.close(fd)
    if len(data) > limit:
        raise FileRefused(f"is larger than {limit // 1024} KiB; not read")
    return data


def _check_regular(mode: int, size: int, limit: int) -> None:
    if stat.S_ISDIR(mode):
        raise FileRefused("is a folder, not a file")
    if not stat.S_ISREG(mode):
        raise FileRefused("is not a regular file (a pipe, device or socket); not read")
    if size > limit:
        raise FileRefused(f"is larger than {limit // 1024} KiB; not read")


def is_temp_name(name: str) -> bool:
    """A temporary file of :func:`atomic_write` or :func:`exclusive_write`."""
    return _TEMP_NAME.match(name) is not None


def sweep_temp_files(folder: Path, older_than: float = STALE_TEMP_SECONDS) -> None:
    """Remove temp files an interrupted save left behind; fresh ones may be a save under way."""
    cutoff = time.time() - older_than
    try:
        names = [entry.name for entry in os.scandir(folder) if is_temp_name(entry.name)]
    except OSError:
        return
    for name in names:
        with contextlib.suppress(OSError):
            info = os.lstat(folder / name)
            if stat.S_ISREG(info.st_mode) and info.st_mtime < cutoff:
                os.unlink(folder / name)


def _write_temp(path: Path, data: bytes, mode: int) -> str:
    """A flushed temporary copy of ``data`` beside ``path`` (same file system), by name."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(
        prefix=f"{_TEMP_PREFIX}{path.name}.", suffix=_TEMP_SUFFIX, dir=path.parent
    )
    try:
        os.fchmod(fd, mode)
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise
    return tmp


def atomic_write(path: Path, data: bytes, mode: int = 0o600) -> None:
    """Write ``data`` so that ``path`` holds either the old or the new content, never a torn file.

    The temporary file lives in the same folder (``os.replace`` is atomic only within one
    file system) and is flushed to disk before it replaces the old one.
    """
    tmp = _write_temp(path, data, mode)
    try:
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise
    _fsync_dir(path.parent)


def exclusive_write(path: Path, data: bytes, mode: int = 0o600) -> None:
    """Create ``path`` with ``data``, complete or not at all; ``FileExistsError`` if it exists.

    The file is written aside and hard-linked into place: the link fails if the name is
    taken, so of several processes creating one name at once exactly one succeeds.
    """
    tmp = _write_temp(path, data, mode)
    try:
        os.link(tmp, path)
    except OSError as exc:
        if exc.errno not in (errno.EPERM, errno.ENOTSUP, errno.EOPNOTSUPP, errno.EMLINK):
            raise
        _create_in_place(path, data, mode)  # a file system without hard links
    finally:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
    _fsync_dir(path.parent)


def _create_in_place(path: Path, data: bytes, mode: int) -> None:
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_CLOEXEC, mode)
    with os.fdopen(fd, "wb") as handle:
        handle.write(data)
        handle.flush()
        os.fsync(handle.fileno())


def _fsync_dir(folder: Path) -> None:
    # the rename itself is durable only once the directory entry is on disk
    with contextlib.suppress(OSError):
        fd = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)
