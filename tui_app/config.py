"""config.toml: profiles, theme, keymap. Read with tomllib; problems are collected, never raised."""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .home import atomic_write, config_file


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
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        return config
    except OSError as exc:
        config.problems.append(f"{path}: cannot read: {exc.strerror}")
        return config
    try:
        config.data = tomllib.loads(raw.decode("utf-8"))
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        config.problems.append(f"{path}: {exc}")
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
