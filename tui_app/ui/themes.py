"""Themes from TOML files: the shipped ones in themes/, the user's in $PPIO_ENDPOINT_HOME/themes/.

A file that cannot be used is reported (file and problem) and skipped; it never stops start-up.
A user theme with the same name as a shipped one replaces it.

Format::

    name = "my-theme"        # required; what --theme and the palette use
    dark = true              # optional, default true
    ansi = false             # optional: true for themes built on the terminal's 16 colours
    [colors]                 # primary required; #RRGGBB, rgb(...), ansi_blue...
    primary = "#5B9CF6"
    # secondary, accent, warning, error, success, foreground, background, surface, panel, boost
    [variables]              # optional Textual variables: footer-key-foreground = "#F2B84B"
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from textual.color import Color, ColorParseError
from textual.theme import Theme

from ..home import read_limited, shipped_themes_dir, themes_dir

DEFAULT_THEME = "ppio-dark"
COLOR_KEYS = (
    "primary",
    "secondary",
    "accent",
    "warning",
    "error",
    "success",
    "foreground",
    "background",
    "surface",
    "panel",
    "boost",
)
TOP_KEYS = ("name", "dark", "ansi", "colors", "variables")


class ThemeError(ValueError):
    def __init__(self, path: Path, message: str) -> None:
        super().__init__(f"{path}: {message}")
        self.path = path


@dataclass
class ThemeSet:
    themes: dict[str, Theme] = field(default_factory=dict)
    problems: list[str] = field(default_factory=list)


def _color(path: Path, where: str, value: Any) -> str:
    if not isinstance(value, str):
        raise ThemeError(path, f"{where} must be a colour string")
    try:
        Color.parse(value)
    except ColorParseError:
        raise ThemeError(path, f"{where} = {value!r} is not a colour") from None
    return value


def _table(path: Path, data: dict[str, Any], key: str) -> dict[str, Any]:
    value = data.get(key, {})
    if not isinstance(value, dict):
        raise ThemeError(path, f"[{key}] must be a table")
    return value


def theme_from_toml(path: Path, data: dict[str, Any]) -> Theme:
    unknown = [k for k in data if k not in TOP_KEYS]
    if unknown:
        raise ThemeError(path, f"unknown key {unknown[0]!r} (allowed: {', '.join(TOP_KEYS)})")
    name = data.get("name")
    if not isinstance(name, str) or not name.strip():
        raise ThemeError(path, "name is required and must be text")
    colors = _table(path, data, "colors")
    bad = [k for k in colors if k not in COLOR_KEYS]
    if bad:
        raise ThemeError(
            path, f"[colors] has unknown key {bad[0]!r} (allowed: {', '.join(COLOR_KEYS)})"
        )
    if "primary" not in colors:
        raise ThemeError(path, "[colors] primary is required")
    checked = {k: _color(path, f"colors.{k}", v) for k, v in colors.items()}
    variables = {
        str(k): _color(path, f"variables.{k}", v)
        if "color" in k or k.endswith(("ground", "blurred"))
        else str(v)
        for k, v in _table(path, data, "variables").items()
    }
    for flag in ("dark", "ansi"):
        if not isinstance(data.get(flag, False), bool):
            raise ThemeError(path, f"{flag} must be true or false")
    return Theme(
        name=name.strip(),
        dark=data.get("dark", True),
        ansi=data.get("ansi", False),
        variables=variables,
        **checked,
    )


def read_theme(path: Path) -> Theme:
    """One theme file; anything wrong with it (reading included) is a :class:`ThemeError`."""
    try:
        data = tomllib.loads(read_limited(path).decode("utf-8"))
    except OSError as exc:
        raise ThemeError(path, f"cannot read: {exc.strerror or exc}") from None
    except RecursionError:
        raise ThemeError(path, "is nested too deeply to read") from None
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise ThemeError(path, str(exc)) from None
    except ValueError as exc:  # e.g. an integer too long to convert
        raise ThemeError(path, f"cannot read: {exc}") from None
    return theme_from_toml(path, data)


def _theme_files(folder: Path) -> list[Path]:
    try:
        found = [p for p in folder.iterdir() if p.suffix == ".toml" and not p.name.startswith(".")]
    except OSError:  # no folder, or not readable: no themes from it
        return []
    return sorted(found)


def load_themes(home: Path, shipped: Path | None = None) -> ThemeSet:
    """Shipped themes, then user themes (which may replace a shipped one of the same name)."""
    found = ThemeSet()
    for folder in (shipped or shipped_themes_dir(), themes_dir(home)):
        for path in _theme_files(folder):
            try:
                theme = read_theme(path)
            except ThemeError as exc:
                found.problems.append(str(exc))
                continue
            found.themes[theme.name] = theme
    return found
