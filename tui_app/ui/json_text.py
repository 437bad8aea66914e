"""JSON text coloured for the screen: keys, strings, numbers and constants in theme colours.

The bodies shown are ones ``json.dumps`` wrote, or a server's answer that may not be JSON
at all, so a small tokenizer does: it never fails, and text it does not recognise is kept
as it is. It spares the app Pygments (about a megabyte resident) for one language.
"""

from __future__ import annotations

import re

from textual.content import Content, Span

from ..text_safety import json_safe

# the same colours Textual's highlighter gives JSON, so both read alike
KEY = "$text-primary bold"
STRING = "$text-success 90%"
NUMBER = "$text-warning"
CONSTANT = "bold $text-success 80%"

TOKEN = re.compile(
    r"""(?P<string>"(?:[^"\\\n]|\\.)*")(?P<colon>\s*:)?"""
    r"""|(?P<number>-?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?)"""
    r"""|(?P<constant>\b(?:true|false|null)\b)"""
)


def json_content(text: str) -> Content:
    """``text`` with its JSON tokens styled; unknown text is left plain.

    Control and bidi characters in strings are shown as ``\\u`` escapes, as JSON writes them.
    """
    text = json_safe(text)
    spans: list[Span] = []
    for match in TOKEN.finditer(text):
        if match.group("string") is not None:
            style = KEY if match.group("colon") else STRING
            spans.append(Span(match.start("string"), match.end("string"), style))
        elif match.group("number") is not None:
            spans.append(Span(match.start(), match.end(), NUMBER))
        else:
            spans.append(Span(match.start(), match.end(), CONSTANT))
    return Content(text, spans)
