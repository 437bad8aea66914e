"""Reading data from outside (files, pipes, servers) within fixed bounds. Pure: no I/O.

JSON nested deeper than :data:`MAX_DEPTH` levels, or holding a number with more digits
than Python converts (``sys.get_int_max_str_digits()``, 4300 by default), is refused
with :class:`UnsafeData` and a plain message instead of a RecursionError or ValueError
from deep inside a parser. Text from outside that is shown to a person is clipped to
:data:`MAX_MESSAGE` characters.
"""

from __future__ import annotations

import json
import re
import sys
from typing import Any

MAX_DEPTH = 64
MAX_MESSAGE = 2000
ELLIPSIS = "…"

# to read nesting only quotes and brackets matter, and "{" nests as "[" does
_AS_BRACKETS = bytes.maketrans(b"{}", b"[]")
_NOT_STRUCTURE = bytes(b for b in range(256) if b not in b'"[]{}')


class UnsafeData(ValueError):
    """Data past one of the bounds; the message says which, ``line`` where if known."""

    def __init__(self, message: str, line: int | None = None, column: int | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.line = line
        self.column = column


def clip(text: str, limit: int = MAX_MESSAGE) -> str:
    """``text`` cut to ``limit`` characters, the cut marked with an ellipsis."""
    return text if len(text) <= limit else text[: limit - 1] + ELLIPSIS


def too_deep(text: str | bytes, limit: int = MAX_DEPTH) -> bool:
    """Whether JSON text nests arrays/objects more than ``limit`` deep (read without parsing).

    Brackets inside strings do not count. Text that is not balanced JSON answers False:
    the parser then says what is wrong with it.
    """
    raw = text.encode("utf-8", "surrogatepass") if isinstance(text, str) else text
    if raw.count(b"[") + raw.count(b"{") <= limit:  # the usual case: nothing to scan
        return False
    if b"\\" in raw:  # escapes first, so every quote left opens or closes a string
        raw = raw.replace(b"\\\\", b"").replace(b'\\"', b"")
    quoted = raw.translate(_AS_BRACKETS, _NOT_STRUCTURE).split(b'"')
    brackets = b"".join(quoted[::2])  # what lies between the strings
    for _ in range(limit):  # each pass removes one level: the innermost pairs
        shorter = brackets.replace(b"[]", b"")
        if not shorter or shorter == brackets:
            return False
        brackets = shorter
    return b"[]" in brackets


def long_number(text: str | bytes) -> UnsafeData:
    """The error for a number past Python's int-digit limit, placed at the first such run."""
    limit = sys.get_int_max_str_digits()
    shown = text.decode("utf-8", "replace") if isinstance(text, bytes) else text
    found = re.search(rf"\d{{{limit + 1},}}", shown) if limit else None
    line = column = None
    if found is not None:
        line = shown.count("\n", 0, found.start()) + 1
        column = found.start() - (shown.rfind("\n", 0, found.start()) + 1) + 1
    return UnsafeData(f"a number has more than {limit} digits", line, column)


def parse_json(text: str | bytes) -> Any:
    """``json.loads`` within the bounds: :class:`UnsafeData` past them, JSONDecodeError as ever."""
    if too_deep(text):
        raise UnsafeData(f"the JSON is nested deeper than {MAX_DEPTH} levels")
    try:
        return json.loads(text)
    except json.JSONDecodeError:
        raise
    except RecursionError:
        raise UnsafeData(f"the JSON is nested deeper than {MAX_DEPTH} levels") from None
    except ValueError:  # json raises nothing else but the int-digit limit
        raise long_number(text) from None
