"""config.toml: profiles, theme, keymap. Read with tomllib; problems are collected, never raised.

A config.toml that cannot be read is a problem, never an empty config: whoever needs what it
says (where requests go, above all) stops and shows ``config.toml:LINE:COL: message``.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .home import atomic_write, config_file, read_limited, shown_path
from .toml_errors import byte_position, syntax_error_parts


@dataclass
class Config:
    path: Path
    data: dict[str, Any] = field(default_factory=dict)
    problems: list[str] = field(default_factory=list)

    def section(self, name: str) -> dict[str, Any]:
        value = self.data.get(name)
        return value if isinstance(value, dict) else {}


def load_config(home: Path) -> Config:
    path = config_file(home)
    config = Config(path)
    where = shown_path(path)
    try:
        raw = read_limited(path)
    except (FileNotFoundError, NotADirectoryError):  # no home yet, or none possible: no file
        return config
    except OSError as exc:
        config.problems.append(f"{where}: cannot read: {exc.strerror or exc}")
        return config
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line, column = byte_position(raw, exc.start)
        config.problems.append(f"{where}:{line}:{column}: is not UTF-8 text")
        return config
    try:
        config.data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        message, line, column = syntax_error_parts(exc, text)
        position = f":{line}:{column}" if line is not None else ""
        config.problems.append(f"{where}{position}: TOML syntax error: {message}")
    except RecursionError:
        config.problems.append(f"{where}: is nested too deeply to read")
    except ValueError as exc:  # e.g. an integer too long to convert
        config.problems.append(f"{where}: cannot read: {exc}")
    return config


def save_setting(home: Path, section: str | None, key: str, value: Any) -> None:
    """Set one value and rewrite config.toml atomically (other content is kept)."""
    import tomli_w  # only writing needs it; start-up only reads

    config = load_config(home)
    if config.problems:
        raise ValueError(config.problems[0])
    data = config.data
    target = data.setdefault(section, {}) if section else data
    target[key] = value
    atomic_write(config.path, tomli_w.dumps(data).encode("utf-8"))
