"""A small real API server on 127.0.0.1 whose answers are full of hostile text.

``with hostile_server() as base_url``: v2 routes answer with escape- and markup-laden ids,
names, statuses, URLs and product names; a create answers 400 with such a message, or
(``create_ok``) 200 with such an id. It serves on a background thread and stops when the block ends.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler
from typing import Any

from tests.hostile_text import ALL, C1_CSI, CLEAR, OSC52, PATTERN
from tests.loopback import serve

ENDPOINT_ID = f"ep-{CLEAR}1"
MESSAGE = f"name: must match {PATTERN} [link=https://x]y[/link] {OSC52}{C1_CSI}"


def endpoint_item() -> dict[str, Any]:
    return {
        "id": ENDPOINT_ID,
        "name": ALL,
        "status": f"{OSC52}running",
        "url": f"https://x.example/{C1_CSI}",
        "workers": [],
    }


def _handler(create_ok: bool) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        def log_message(self, format: str, *args: Any) -> None:
            pass  # quiet test output

        def answer(self, status: int, body: Any) -> None:
            data = json.dumps(body).encode()
            self.send_response(status)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)

        def do_GET(self) -> None:
            if self.path.startswith("/gpus/v2/products"):
                self.answer(200, {"data": [{"id": "1", "name": ALL, "region_ids": [CLEAR]}]})
            elif self.path.startswith("/gpus/v2/endpoints/"):
                self.answer(200, endpoint_item())
            elif self.path.startswith("/gpus/v2/endpoints"):
                self.answer(200, {"endpoints": [endpoint_item()], "total": 1})
            else:
                self.answer(404, {"code": 404, "message": MESSAGE})

        def do_POST(self) -> None:
            length = int(self.headers.get("Content-Length") or 0)
            self.rfile.read(length)
            if create_ok:
                self.answer(200, {"id": ENDPOINT_ID})
            else:
                self.answer(400, {"code": 400, "reason": "INVALID_ARGUMENT", "message": MESSAGE})

    return Handler


@contextmanager
def hostile_server(*, create_ok: bool = False) -> Iterator[str]:
    with serve(_handler(create_ok)) as base_url:
        yield base_url
