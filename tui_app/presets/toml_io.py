"""Preset files: TOML read with tomllib, written with tomli-w, replaced atomically.

A preset file is ``version = 1``, an optional ``[meta]`` table and an ``[endpoint]`` table in
v2 field names. The endpoint's own rules are :func:`tui_app.spec.validate`'s business; this
module only checks the document around it, so a half-finished preset still opens.
"""

from __future__ import annotations

import difflib
import re
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..home import atomic_write, exclusive_write, read_limited
from ..spec import Issue, clean
from ..spec.schema import TOP_KEYS
from ..spec.untrusted import long_number
from ..toml_errors import byte_position, syntax_error_parts

PRESET_FORMAT_VERSION = 1
TOP_LEVEL_KEYS = ("version", "meta", "endpoint")
META_KEYS = ("description",)


@dataclass
class Preset:
    name: str
    endpoint: dict[str, Any]
    description: str = ""
    path: Path | None = None
    shipped: bool = False


class PresetError(Exception):
    """A preset that cannot be used, with where the problem is: ``FILE:LINE:COL: message``."""

    def __init__(
        self,
        message: str,
        path: Path | None = None,
        line: int | None = None,
        column: int | None = None,
    ) -> None:
        super().__init__(message)
        self.message = message
        self.path = path
        self.line = line
        self.column = column

    def __str__(self) -> str:
        where = [str(self.path)] if self.path is not None else []
        if self.line is not None:
            where.append(str(self.line))
            if self.column is not None:
                where.append(str(self.column))
        return ":".join(where) + f": {self.message}" if where else self.message


class PresetUnreadable(PresetError):
    """The file is missing or cannot be read at all (as opposed to a mistake inside it)."""


class PresetNotFound(PresetUnreadable):
    """No user preset or shipped template has this name."""


def _syntax_error(exc: tomllib.TOMLDecodeError, text: str, path: Path | None) -> PresetError:
    message, line, column = syntax_error_parts(exc, text)
    return PresetError(f"TOML syntax error: {message}", path, line, column)


def _decode(raw: bytes, path: Path | None) -> str:
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line, column = byte_position(raw, exc.start)
        raise PresetError("is not UTF-8 text", path, line, column) from None


def parse_document(text: str, path: Path | None = None) -> dict[str, Any]:
    """The TOML document; a syntax error becomes a :class:`PresetError` with line and column."""
    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise _syntax_error(exc, text, path) from None
    except ValueError:  # tomllib lets only int()'s digit limit through
        found = long_number(text)
        raise PresetError(found.message, path, found.line, found.column) from None


def read_document(path: Path) -> tuple[dict[str, Any], str]:
    """The parsed document and its text; unreadable files raise :class:`PresetUnreadable`."""
    try:
        raw = read_limited(path)
    except FileNotFoundError:
        raise PresetUnreadable("no such file", path) from None
    except IsADirectoryError:
        raise PresetUnreadable("is a folder, not a preset file", path) from None
    except OSError as exc:
        raise PresetUnreadable(f"cannot read: {exc.strerror or exc}", path) from None
    text = _decode(raw, path)
    try:
        return parse_document(text, path), text
    except RecursionError:  # tomllib recurses once per level of nested arrays or tables
        raise PresetError("is nested too deeply to read", path) from None


def _suggest(key: str, allowed: tuple[str, ...]) -> str:
    close = difflib.get_close_matches(key, allowed, n=1, cutoff=0.6)
    if close:
        return f"; did you mean {close[0]!r}?"
    if key in TOP_KEYS:
        return "; endpoint fields belong under [endpoint]"
    return ""


def _version_issues(doc: Mapping[str, Any]) -> list[Issue]:
    if "version" not in doc:
        return [
            Issue("version", f"is required: the preset format version, {PRESET_FORMAT_VERSION}")
        ]
    version = doc["version"]
    if type(version) is not int:
        return [Issue("version", f"must be the whole number {PRESET_FORMAT_VERSION}")]
    if version > PRESET_FORMAT_VERSION:
        return [
            Issue(
                "version",
                f"preset format {version} is newer than this program reads "
                f"({PRESET_FORMAT_VERSION}); update ppio-endpoint",
            )
        ]
    if version != PRESET_FORMAT_VERSION:
        return [Issue("version", f"must be {PRESET_FORMAT_VERSION} (got {version})")]
    return []


def _meta_issues(doc: Mapping[str, Any]) -> list[Issue]:
    meta = doc.get("meta")
    if meta is None:
        return []
    if not isinstance(meta, Mapping):
        return [Issue("meta", "must be a table ([meta])")]
    issues = [
        Issue(f"meta.{key}", f"unknown key {key!r}{_suggest(str(key), META_KEYS)}")
        for key in meta
        if key not in META_KEYS
    ]
    if "description" in meta and not isinstance(meta["description"], str):
        issues.append(Issue("meta.description", "must be text"))
    return issues


def structure_issues(doc: Mapping[str, Any]) -> list[Issue]:
    """Problems with the document around the endpoint: version, [meta], [endpoint], stray keys."""
    issues = _version_issues(doc)
    issues += [
        Issue(str(key), f"unknown key {key!r}{_suggest(str(key), TOP_LEVEL_KEYS)}")
        for key in doc
        if key not in TOP_LEVEL_KEYS
    ]
    issues += _meta_issues(doc)
    if "endpoint" in doc:
        if not isinstance(doc["endpoint"], Mapping):
            issues.append(Issue("endpoint", "must be a table ([endpoint])"))
    elif not any("did you mean 'endpoint'" in i.message for i in issues):
        issues.append(Issue("endpoint", "is required: the [endpoint] table"))
    return issues


def _line_of(text: str, key: str) -> int | None:
    """The line a top-level key is written on, so structure errors point somewhere useful."""
    head = re.escape(key.split(".")[0])
    pattern = re.compile(rf"^[ \t]*(?:\[\[?[ \t]*{head}[ \t]*[\].]|[\"']?{head}[\"']?[ \t]*[=.])")
    for number, line in enumerate(text.splitlines(), start=1):
        if pattern.match(line):
            return number
    return None


def preset_from_document(
    doc: Mapping[str, Any], path: Path | None = None, text: str = "", *, shipped: bool = False
) -> Preset:
    """The preset in a parsed document; structure problems raise :class:`PresetError`."""
    issues = structure_issues(doc)
    if issues:
        first = issues[0]
        message = "; ".join(str(i) for i in issues)
        raise PresetError(message, path, _line_of(text, first.loc) if text else None)
    meta = doc.get("meta") or {}
    name = path.stem if path is not None else ""
    return Preset(name, dict(doc["endpoint"]), meta.get("description", ""), path, shipped)


def load_preset_file(path: Path, *, shipped: bool = False) -> Preset:
    """Read one preset file. The endpoint is not validated here: callers use ``spec.validate``."""
    doc, text = read_document(path)
    return preset_from_document(doc, path, text, shipped=shipped)


# --- writing ---------------------------------------------------------------------------


def _strip_none(value: Any) -> Any:
    """TOML has no null: drop None wherever it hides (raw form state may carry it)."""
    if isinstance(value, Mapping):
        return {str(k): _strip_none(v) for k, v in value.items() if v is not None}
    if isinstance(value, list | tuple):
        return [_strip_none(v) for v in value if v is not None]
    return value


def _is_table(value: Any) -> bool:
    return isinstance(value, Mapping)


def _is_table_array(value: Any) -> bool:
    return isinstance(value, list) and bool(value) and all(isinstance(v, Mapping) for v in value)


def _key(key: str) -> str:
    # tomli-w knows when a key must be quoted; borrow its answer
    import tomli_w  # writing only: reading a preset at start-up does without it

    return tomli_w.dumps({key: 0})[: -len(" = 0\n")]


def _inline(value: Any) -> str:
    import tomli_w

    return tomli_w.dumps({"v": value})[len("v = ") : -1]


def _pairs(table: Mapping[str, Any]) -> list[str]:
    lines = []
    for key, value in table.items():
        if _is_table(value) or _is_table_array(value):
            continue
        if isinstance(value, list) and not any(isinstance(v, Mapping | list) for v in value):
            shown = "[" + ", ".join(_inline(v) for v in value) + "]"
        else:
            shown = _inline(value)
        lines.append(f"{_key(key)} = {shown}")
    return lines


def _emit(table: Mapping[str, Any], path: list[str], header: str, out: list[str]) -> None:
    out.append("")
    out.append(header)
    out.extend(_pairs(table))
    for key, value in table.items():
        dotted = ".".join(_key(p) for p in [*path, key])
        if _is_table(value):
            _emit(value, [*path, key], f"[{dotted}]", out)
        elif _is_table_array(value):
            for item in value:
                _emit(item, [*path, key], f"[[{dotted}]]", out)


def preset_to_toml(preset: Preset) -> str:
    """The file text: canonical field order, sub-tables as headers, None never written."""
    out = [f"version = {PRESET_FORMAT_VERSION}"]
    if preset.description:
        out += ["", "[meta]", f"description = {_inline(preset.description)}"]
    endpoint = _strip_none(clean(preset.endpoint))
    try:
        _emit(endpoint, ["endpoint"], "[endpoint]", out)
    except TypeError as exc:
        raise PresetError(f"cannot be written as TOML: {exc}", preset.path) from None
    return "\n".join(out) + "\n"


def save_preset_file(path: Path, preset: Preset, *, exclusive: bool = False) -> None:
    """Write atomically (old file or new file, never a torn one), readable by the owner only.

    ``exclusive``: create the file only if no file has its name (``FileExistsError``), even
    when another process creates it at the same moment.
    """
    data = preset_to_toml(preset).encode("utf-8")
    if exclusive:
        exclusive_write(path, data, mode=0o600)
    else:
        atomic_write(path, data, mode=0o600)
