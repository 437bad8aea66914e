"""Hostile text: what a preset file, a theme, a config or a server may hold to break a screen.

Markup that would crash or act if parsed, escape sequences a terminal would obey (OSC 52
writes the clipboard, CSI 2J clears the screen), a C1 CSI, a bidi override, NUL and a very
long line. Tests feed it through every place that shows data.
"""

from __future__ import annotations

import re

OSC52 = "\x1b]52;c;SGVsbG8=\x07"
CLEAR = "\x1b[2J"
RED = "\x1b[31m"
C1_CSI = "\x9b"
BIDI = "\u202e"
NUL = "\x00"
PATTERN = "^[a-z0-9-]+$"

MARKUP = ("[/]", "[link=https://x]y[/link]", "[@click=app.quit]q", "[b]", PATTERN)
CONTROLS = (OSC52, CLEAR, RED, C1_CSI, BIDI, NUL)
LONG = "L" * 10_000

# one line that holds all of it (markup first, so a crash cannot hide behind an escape)
ALL = "".join(MARKUP) + "".join(CONTROLS)
# what each control shows as on screen and on a terminal
SHOWN = {
    OSC52: "\\x1b]52;c;SGVsbG8=\\x07",
    CLEAR: "\\x1b[2J",
    RED: "\\x1b[31m",
    C1_CSI: "\\x9b",
    BIDI: "\\u202e",
    NUL: "\\x00",
}

# any character a terminal could obey or reorder by; the app's own escapes aside
UNSAFE = re.compile(
    "[\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]"
)


def unsafe_in(text: str) -> list[str]:
    """The unsafe characters in ``text``, for a readable assertion message."""
    return [repr(c) for c in UNSAFE.findall(text)]
