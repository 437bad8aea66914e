"""A hostile loopback server that echoes the bearer key back in every disguise it can.

Every request gets a 400 (never retried) whose headers and body carry the key JSON-escaped,
upper-cased, percent-encoded, base64-encoded in a Basic credential and verbatim. The body
is either raw text or JSON, as the server is asked.
"""

from __future__ import annotations

import base64
from collections.abc import Iterator
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler
from urllib.parse import quote

from tests.loopback import serve


def escaped(key: str) -> str:
    """Every character as a JSON ``\\uXXXX`` escape."""
    return "".join(f"\\u{ord(c):04x}" for c in key)


def disguises(key: str) -> list[str]:
    """The forms the server sends; none may reach a record, a screen or a stream."""
    core = base64.b64encode(b"user:" + key.encode()).decode()[8:-4]
    percent = "".join(f"%{ord(c):02X}" for c in key)
    return [key, key.upper(), key.swapcase(), escaped(key), percent, core, quote(key)]


def _answer(key: str, kind: str) -> tuple[bytes, str]:
    said = f"{key.upper()} {escaped(key)} {key} {''.join(f'%{ord(c):02X}' for c in key)}"
    if kind == "json":
        text = '{"message": "the key ' + said.replace("\\", "\\\\") + " / " + escaped(key) + '"}'
        return text.encode(), "application/json"
    return f"refused: {said}".encode(), "text/plain"


@contextmanager
def echo_server(kind: str = "text") -> Iterator[str]:
    """Serve on 127.0.0.1 at a free port; yields the base URL; stops on leaving."""

    class Handler(BaseHTTPRequestHandler):
        def _echo(self) -> None:
            length = int(self.headers.get("Content-Length") or 0)
            if length:
                self.rfile.read(length)
            key = (self.headers.get("Authorization") or "").removeprefix("Bearer ")
            body, content_type = _answer(key, kind)
            basic = base64.b64encode(f"user:{key}".encode()).decode()
            self.send_response(400)
            self.send_header("Content-Type", content_type)
            self.send_header("Content-Length", str(len(body)))
            self.send_header("X-Echo", key)
            self.send_header("X-Echo-Upper", key.upper())
            self.send_header("WWW-Authenticate", f"Basic {basic}")
            self.send_header("Location", f"http://127.0.0.1/?k={quote(key)}")
            self.end_headers()
            self.wfile.write(body)

        do_GET = do_POST = do_PUT = do_DELETE = _echo

        def log_message(self, *args: object) -> None:
            return

    with serve(Handler) as base_url:
        yield base_url


def assert_hidden(key: str, *texts: str) -> None:
    for text in texts:
        for form in disguises(key):
            assert form not in text, f"{form!r} leaked"
