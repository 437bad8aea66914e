"""The forms a secret takes when a server, a URL or an error message echoes it back.

A secret is found by what the text means, not only by its bytes: in any letter case, with
any of its characters JSON-escaped (``\\u0063``, ``\\/``), percent-encoded, or written as a
Python ``repr`` escape, and inside base64 (a Basic auth header, a token) in either alphabet.
"""

from __future__ import annotations

import base64
import re
from dataclasses import dataclass

# base64 of a shorter secret leaves a core short enough to turn up in unrelated base64 text
MIN_BASE64 = 8
_JSON_SHORT = {'"': '\\"', "\\": "\\\\", "/": "\\/", "\b": "\\b", "\f": "\\f"}
_JSON_SHORT.update({"\n": "\\n", "\r": "\\r", "\t": "\\t"})


@dataclass(frozen=True)
class Disguises:
    """One secret's matcher, and the cheap tests that say when it is worth running."""

    lower: str  # the secret in lower case: found in ``text.lower()`` whatever the case
    lower_bytes: bytes
    cores: tuple[str, ...]  # the base64 characters that hold only the secret's bits
    core_bytes: tuple[bytes, ...]
    pattern: re.Pattern[str]


def disguises(secret: str) -> Disguises:
    cores = base64_cores(secret.encode()) if len(secret) >= MIN_BASE64 else ()
    spelled = "".join(_unit(c) for c in secret)
    alternatives = [spelled, *(f"(?-i:{re.escape(core)})" for core in cores)]
    lower = secret.lower()
    return Disguises(
        lower,
        lower.encode("utf-8", "surrogatepass"),
        cores,
        tuple(core.encode() for core in cores),
        re.compile("|".join(alternatives), re.IGNORECASE),
    )


def _unit(char: str) -> str:
    """Every way one character of a secret may be written (matched case-insensitively)."""
    code = ord(char)
    raw = char.encode("utf-8", "surrogatepass")
    forms = [re.escape(char)]
    if code < 0x10000:
        forms.append(f"\\\\u{code:04x}")
    else:
        high, low = 0xD800 + ((code - 0x10000) >> 10), 0xDC00 + ((code - 0x10000) & 0x3FF)
        forms.append(f"\\\\u{high:04x}\\\\u{low:04x}")
    if char in _JSON_SHORT:
        forms.append(re.escape(_JSON_SHORT[char]))
    forms.append("".join(f"%{byte:02x}" for byte in raw))
    if not (char.isascii() and char.isprintable()):
        forms.append("".join(f"\\\\x{byte:02x}" for byte in raw))
    if char == " ":
        forms.append(r"\+")
    return "(?:" + "|".join(forms) + ")"


def base64_cores(secret: bytes) -> tuple[str, ...]:
    """For each of the three alignments the secret can have inside base64 text, in both the
    standard and the URL-safe alphabet, the characters made of the secret's bits alone."""
    out: list[str] = []
    for offset in range(3):
        encoded = base64.b64encode(b"\0" * offset + secret).decode()
        start = -(-8 * offset // 6)  # characters that still hold bits of what came before
        end = 8 * (offset + len(secret)) // 6  # the last one may hold bits of what follows
        core = encoded[start:end]
        for form in (core, core.replace("+", "-").replace("/", "_")):
            if form and form not in out:
                out.append(form)
    return tuple(out)
