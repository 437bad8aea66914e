"""Where a tomllib syntax error is: its message without the position, and the line and column.

A leaf like :mod:`tui_app.home`: presets and config.toml report syntax errors the same way.
"""

from __future__ import annotations

import re
import tomllib

_POSITION = re.compile(r"\s*\(at line (\d+), column (\d+)\)$")
_AT_END = re.compile(r"\s*\(at end of document\)$")


def syntax_error_parts(
    exc: tomllib.TOMLDecodeError, text: str
) -> tuple[str, int | None, int | None]:
    """(message, line, column) of a TOML syntax error in ``text``."""
    message = str(exc)
    line = getattr(exc, "lineno", None)  # Python 3.14+ carries the position as attributes
    column = getattr(exc, "colno", None)
    if (match := _POSITION.search(message)) is not None:
        line, column = int(match.group(1)), int(match.group(2))
        message = message[: match.start()]
    elif (match := _AT_END.search(message)) is not None:
        lines = text.split("\n")
        line, column = len(lines), len(lines[-1]) + 1
        message = message[: match.start()] + " at the end of the file"
    return message, line, column


def byte_position(raw: bytes, offset: int) -> tuple[int, int]:
    """(line, column) of a byte offset, e.g. where UTF-8 decoding failed."""
    before = raw[:offset]
    return before.count(b"\n") + 1, offset - (before.rfind(b"\n") + 1) + 1
