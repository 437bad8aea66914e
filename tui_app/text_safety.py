"""Untrusted text made safe to show: control characters become visible, long lines are clipped.

Names, descriptions, env values, ids and server messages are data. Written raw to a terminal,
an escape sequence in them is obeyed (OSC 52 writes the clipboard, CSI 2J clears the screen)
and a bidi override reorders what is shown. Here each such character is replaced by its
escape as Python writes it (``\\x1b``, ``\\x9b``, ``\\u202e``), so it is seen, not obeyed.

Pure (no Textual; only the spec's clip), so the app and the command-line verbs share it.
"""

from __future__ import annotations

import re

from .spec.untrusted import clip

# C0 but tab, newline and carriage return (handled apart); DEL and C1; bidi marks, embeddings,
# overrides and isolates; line/paragraph separators; lone surrogates (not encodable at all)
_ALWAYS = (
    "\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f"
    "\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069"
    "\ud800-\udfff"
)
_MULTILINE = re.compile(f"[{_ALWAYS}]|\r(?!\n)")
_ONE_LINE = re.compile(f"[{_ALWAYS}\t\n\r]")
_TERMINAL = _ONE_LINE  # in a painted line even tab and newline would move the cursor
# inside JSON text every one of these is within a string, where a \\u escape means the same
_JSON = re.compile(f"[{_ALWAYS}\r]")

_NAMED = {"\t": "\\t", "\n": "\\n", "\r": "\\r"}
LINE_LIMIT = 200  # one-line places: names in lists, titles, table cells
TEXT_LIMIT = 4000  # multi-line places: notifications, messages


def _shown(match: re.Match[str]) -> str:
    char = match.group()
    code = ord(char)
    return _NAMED.get(char) or (f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}")


def visible(text: str, *, multiline: bool = True) -> str:
    """``text`` with every control, bidi and unencodable character written as its escape.

    ``multiline`` keeps tab, newline and CR LF as they are; otherwise they are shown too.
    """
    if text.isprintable():  # the common case: nothing to replace
        return text
    return (_MULTILINE if multiline else _ONE_LINE).sub(_shown, text)


def without_controls(text: str) -> str:
    """``text`` less the characters :func:`visible` replaces, and tab, newline and CR.

    For text already laid out: each of these is zero cells wide, so dropping it keeps every
    column where it was. It is the last guard before the terminal, not the way to show data.
    """
    if text.isprintable():
        return text
    return _TERMINAL.sub("", text)


def one_line(text: object, limit: int = LINE_LIMIT) -> str:
    """Any value as one visible, clipped line: for names, ids, statuses and table cells."""
    return clip(visible(str(text), multiline=False), limit)


def block(text: object, limit: int = TEXT_LIMIT) -> str:
    """Any value as visible text that may span lines, clipped: for messages."""
    return clip(visible(str(text)), limit)


def json_safe(text: str) -> str:
    """JSON text (as ``json.dumps`` writes it) with the characters :func:`visible` would
    replace written as ``\\uXXXX`` escapes: the same JSON value, nothing a terminal obeys."""
    if text.replace("\n", "").isprintable():
        return text
    return _JSON.sub(lambda m: f"\\u{ord(m.group()):04x}", text)
