"""User presets (``$PPIO_ENDPOINT_HOME/presets``) and the shipped, read-only templates.

A preset's name is its file name without ``.toml``. Names are checked before they touch the
file system, so a name can never reach outside the presets folder.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, replace
from pathlib import Path

from ..home import presets_dir, shipped_presets_dir, sweep_temp_files, write_error
from .toml_io import (
    Preset,
    PresetError,
    PresetNotFound,
    PresetUnreadable,
    load_preset_file,
    save_preset_file,
)

SUFFIX = ".toml"
MAX_NAME_LENGTH = 200  # file names stop at 255 bytes; leave room for the suffix and temp files


@dataclass
class PresetEntry:
    name: str
    path: Path
    shipped: bool
    description: str = ""


def safe_name(name: str) -> str:
    """The preset name as a file stem; ``ValueError`` with a plain message if it cannot be one."""
    text = name.strip() if isinstance(name, str) else ""
    if text.endswith(SUFFIX):
        text = text[: -len(SUFFIX)].rstrip()
    if not text:
        raise ValueError("a preset name must not be empty")
    if "/" in text or "\\" in text or os.sep in text:
        raise ValueError(f"a preset name must not contain '/' or '\\' (got {name!r})")
    if ".." in text:
        raise ValueError(f"a preset name must not contain '..' (got {name!r})")
    if text.startswith("."):
        raise ValueError(f"a preset name must not start with '.' (got {name!r})")
    if any(ord(c) < 32 or ord(c) == 127 for c in text):
        raise ValueError("a preset name must not contain control characters")
    if len(text.encode("utf-8")) > MAX_NAME_LENGTH:
        raise ValueError(f"a preset name must be at most {MAX_NAME_LENGTH} bytes long")
    return text


def _looks_like_path(name: str) -> bool:
    return name.endswith(SUFFIX) and ("/" in name or os.sep in name or Path(name).is_file())


def _files(folder: Path) -> list[Path]:
    """The folder's ``*.toml`` names; hidden files (temp files of a save among them) are not."""
    try:
        found = [p for p in folder.iterdir() if p.suffix == SUFFIX and not p.name.startswith(".")]
    except OSError:  # no folder yet, or not readable: nothing to list
        return []
    return sorted(found, key=lambda p: p.name.lower())


def _entry(path: Path, shipped: bool) -> PresetEntry:
    """One listed preset; whatever goes wrong reading it is a :class:`PresetError` for it alone."""
    try:
        preset = load_preset_file(path, shipped=shipped)
    except PresetError:
        raise
    except RecursionError:
        raise PresetError("is nested too deeply to read", path) from None
    except (OSError, ValueError, MemoryError) as exc:  # e.g. an integer too long to convert
        reason = exc.strerror if isinstance(exc, OSError) and exc.strerror else str(exc)
        raise PresetError(f"cannot read: {reason or type(exc).__name__}", path) from None
    return PresetEntry(preset.name, path, shipped, preset.description)


class PresetStore:
    """Presets on disk. Every method does file I/O: call it off the UI's event loop."""

    def __init__(self, home: Path, shipped_dir: Path | None = None) -> None:
        self.home = home
        self.user_dir = presets_dir(home)
        self.shipped_dir = shipped_presets_dir() if shipped_dir is None else shipped_dir

    def entries(self) -> tuple[list[PresetEntry], list[PresetError]]:
        """User presets then shipped templates, each by name; broken files are reported apart.

        A user preset may share a template's name: both are listed, and :meth:`load` of the
        name gives the user's (the template stays reachable through its path).
        """
        entries: list[PresetEntry] = []
        errors: list[PresetError] = []
        sweep_temp_files(self.user_dir)
        for folder, shipped in ((self.user_dir, False), (self.shipped_dir, True)):
            for path in _files(folder):
                try:
                    entries.append(_entry(path, shipped))
                except PresetError as exc:
                    errors.append(exc)
        return entries, errors

    def names(self) -> list[str]:
        """Every preset and template name, from the file names alone (nothing is parsed)."""
        return [
            path.stem for folder in (self.user_dir, self.shipped_dir) for path in _files(folder)
        ]

    def _user_path(self, name: str) -> Path:
        return self.user_dir / f"{safe_name(name)}{SUFFIX}"

    def _shipped_path(self, name: str) -> Path:
        return self.shipped_dir / f"{safe_name(name)}{SUFFIX}"

    def path_for(self, name: str) -> Path:
        """Where the user preset of this name lives (or would, once saved)."""
        return self._user_path(name)

    def exists(self, name: str) -> bool:
        return self._user_path(name).is_file() or self._shipped_path(name).is_file()

    def load(self, name: str) -> Preset:
        """A user preset by name, else the shipped template; a path to a .toml file also works."""
        if _looks_like_path(name):
            path = Path(name).expanduser()
            return load_preset_file(path, shipped=self._is_shipped(path))
        path = self.locate(name)
        return load_preset_file(path, shipped=path.parent == self.shipped_dir)

    def locate(self, name: str) -> Path:
        """The file a name loads from: the user preset, else the shipped template."""
        for path in (self._user_path(name), self._shipped_path(name)):
            if path.is_file():
                return path
        raise PresetNotFound(f"no preset named {safe_name(name)!r}")

    def _is_shipped(self, path: Path) -> bool:
        try:
            return path.resolve().parent == self.shipped_dir.resolve()
        except OSError:
            return False

    def save(self, preset: Preset, name: str | None = None, *, overwrite: bool = True) -> Path:
        """Write ``preset`` as a user preset (under ``name`` if given) and return its path.

        Without ``overwrite`` the file is created only if the name is free at that moment
        (``FileExistsError`` otherwise), so of two saves racing for a name one wins.
        """
        path = self._user_path(name if name is not None else preset.name)
        saved = replace(preset, name=path.stem, path=path, shipped=False)
        try:
            save_preset_file(path, saved, exclusive=not overwrite)
        except FileExistsError:
            raise FileExistsError(f"a preset named {path.stem!r} already exists") from None
        except OSError as exc:
            raise PresetUnreadable(write_error(path, exc)) from None
        return path

    def _own(self, name: str) -> Path:
        """The user preset's path, or a plain error saying why it cannot be changed."""
        path = self._user_path(name)
        if path.is_file():
            return path
        if self._shipped_path(name).is_file():
            raise ValueError(
                f"{safe_name(name)!r} is a shipped template and cannot be changed; "
                "save a copy under another name"
            )
        raise PresetNotFound(f"no preset named {safe_name(name)!r}")

    def rename(self, old: str, new: str) -> Path:
        source, target = self._own(old), self._user_path(new)
        if target == source:
            return target
        if target.exists():
            raise FileExistsError(f"a preset named {target.stem!r} already exists")
        try:
            os.rename(source, target)
        except OSError as exc:
            raise PresetUnreadable(f"cannot rename: {exc.strerror or exc}", source) from None
        return target

    def delete(self, name: str) -> None:
        """Delete a user preset; shipped templates are read-only (``ValueError``)."""
        path = self._own(name)
        try:
            path.unlink()
        except OSError as exc:
            raise PresetUnreadable(f"cannot delete: {exc.strerror or exc}", path) from None
