"""The sandbox over real HTTP/1.1 on a loopback port, served from a background thread.

One thread per connection (keep-alive is honoured), so injected latency on one request
does not hold up the others. A dropped create closes the socket with no answer at all.
"""

from __future__ import annotations

import contextlib
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from types import TracebackType
from typing import Any

from .core import SandboxCore

MAX_BODY = 10 * 1024 * 1024


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    disable_nagle_algorithm = True  # headers and body go out as two writes: no 40 ms stall
    server: _Server

    def _serve(self) -> None:
        length = int(self.headers.get("Content-Length") or 0)
        if length > MAX_BODY:
            self.send_error(413, "request body too large")
            return
        content = self.rfile.read(length) if length else b""
        headers = {k: v for k, v in self.headers.items()}
        box = self.server.sandbox
        reply = box.handle(self.command, self.path, headers, content)
        if reply.delay and self.server.stopping.wait(reply.delay):
            self.close_connection = True
            return
        if reply.drop:
            self.close_connection = True
            with contextlib.suppress(OSError):
                self.connection.shutdown(2)  # SHUT_RDWR: the client sees the connection end
            return
        body = reply.content()
        try:
            self.send_response(reply.status)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(body)))
            for name, value in reply.headers.items():
                self.send_header(name, value)
            self.end_headers()
            self.wfile.write(body)
        except OSError:  # the client gave up waiting (a timeout on its side)
            self.close_connection = True

    do_GET = do_POST = do_PUT = do_DELETE = do_PATCH = _serve

    def log_message(self, format: str, *args: Any) -> None:
        if self.server.verbose:
            super().log_message(format, *args)


class _Server(ThreadingHTTPServer):
    daemon_threads = True
    block_on_close = False
    allow_reuse_address = True

    def __init__(self, address: tuple[str, int], sandbox: SandboxCore, verbose: bool) -> None:
        self.sandbox = sandbox
        self.verbose = verbose
        self.stopping = threading.Event()
        super().__init__(address, _Handler)


class SandboxServer:
    """A running loopback server: ``.base_url``, ``.sandbox``, ``.close()``, context manager."""

    def __init__(
        self, sandbox: SandboxCore, host: str = "127.0.0.1", port: int = 0, *, verbose: bool = False
    ) -> None:
        self.sandbox = sandbox
        self._server = _Server((host, port), sandbox, verbose)
        self.host, self.port = self._server.server_address[:2]
        shown = f"[{self.host}]" if ":" in str(self.host) else self.host
        self.base_url = f"http://{shown}:{self.port}"
        # a short poll interval keeps close() quick (it waits for the loop to notice)
        self._thread = threading.Thread(
            target=self._server.serve_forever, args=(0.05,), name="ppio-sandbox", daemon=True
        )
        self._thread.start()

    def __repr__(self) -> str:
        return f"SandboxServer({self.base_url})"

    def wait(self, timeout: float | None = None) -> None:
        """Block until the server stops (used by ``ppio-endpoint sandbox`` in the foreground)."""
        self._thread.join(timeout)

    def close(self) -> None:
        self._server.stopping.set()
        self._server.shutdown()
        self._server.server_close()
        self._thread.join(5)

    def __enter__(self) -> SandboxServer:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()


def serve_sandbox(
    sandbox: SandboxCore, host: str = "127.0.0.1", port: int = 0, *, verbose: bool = False
) -> SandboxServer:
    """Start serving ``sandbox`` on ``host:port`` (0 picks a free port) in a background thread."""
    return SandboxServer(sandbox, host, port, verbose=verbose)
