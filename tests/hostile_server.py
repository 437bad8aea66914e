"""A server that misbehaves on purpose, on 127.0.0.1: ``with hostile_server("trickle") as url``.

Every connection gets the same scripted behaviour, whatever the request:

- ``stall``: reads the request and never answers;
- ``trickle``: sends the headers of a 200 JSON answer, then one byte every 0.5 s;
- ``huge``: a 100 MB JSON answer, generated as it is sent (never held in memory);
- ``gzip_bomb``: ``Content-Encoding: gzip``, about 1 MB on the wire, 1 GB decompressed;
- ``garbage``: bytes that are not HTTP, then the connection closes;
- ``answer(body, status)``: a fixed answer (escape-laden, deeply nested, huge ints...).

The server runs in a background thread and stops by itself after ``lifetime`` seconds,
or when the ``with`` block ends, whichever comes first.
"""

from __future__ import annotations

import functools
import socket
import threading
import zlib
from collections.abc import Callable, Iterator
from contextlib import contextmanager

Behaviour = Callable[[socket.socket, threading.Event], None]
HUGE_BYTES = 100 * 1000 * 1000
BOMB_BYTES = 1024 * 1024 * 1024


def _head(status: int = 200, length: int | None = None, extra: str = "") -> bytes:
    lines = [f"HTTP/1.1 {status} Answer", "Content-Type: application/json"]
    if length is not None:
        lines.append(f"Content-Length: {length}")
    return ("\r\n".join(lines) + "\r\n" + extra + "\r\n").encode()


def stall(conn: socket.socket, stop: threading.Event) -> None:
    stop.wait()


def trickle(conn: socket.socket, stop: threading.Event) -> None:
    conn.sendall(_head(length=10_000))
    conn.sendall(b"{")
    while not stop.wait(0.5):
        conn.sendall(b" ")


def huge(conn: socket.socket, stop: threading.Event) -> None:
    opening, closing = b'{"data": [], "pad": "', b'"}'
    conn.sendall(_head(length=HUGE_BYTES))
    conn.sendall(opening)
    block = b"x" * (1024 * 1024)
    left = HUGE_BYTES - len(opening) - len(closing)
    while left > 0 and not stop.is_set():
        piece = block[: min(left, len(block))]
        conn.sendall(piece)
        left -= len(piece)
    conn.sendall(closing)


@functools.cache
def bomb_bytes() -> bytes:
    """1 GiB of zeros, gzip-compressed (about 1 MB); made once per test process."""
    packer = zlib.compressobj(9, zlib.DEFLATED, 31, 9, zlib.Z_RLE)  # RLE: fast on zeros
    zeros = bytes(1024 * 1024)
    parts = [packer.compress(zeros) for _ in range(BOMB_BYTES // len(zeros))]
    parts.append(packer.flush())
    return b"".join(parts)


def gzip_bomb(conn: socket.socket, stop: threading.Event) -> None:
    body = bomb_bytes()
    conn.sendall(_head(length=len(body), extra="Content-Encoding: gzip\r\n"))
    conn.sendall(body)


def garbage(conn: socket.socket, stop: threading.Event) -> None:
    conn.sendall(b"\x00\xff\xfeNOT HTTP AT ALL\r\n\r\n\x1b[31m")


def answer(body: bytes, status: int = 200, *, encoding: str = "") -> Behaviour:
    """A fixed answer; with ``encoding``, ``body`` is sent under that Content-Encoding."""
    extra = f"Content-Encoding: {encoding}\r\n" if encoding else ""

    def send(conn: socket.socket, stop: threading.Event) -> None:
        conn.sendall(_head(status, len(body), extra) + body)

    return send


BEHAVIOURS: dict[str, Behaviour] = {
    "stall": stall,
    "trickle": trickle,
    "huge": huge,
    "gzip_bomb": gzip_bomb,
    "garbage": garbage,
}


def _read_request(conn: socket.socket) -> None:
    """Read up to the end of the headers and a Content-Length body (enough for any client)."""
    data = b""
    while b"\r\n\r\n" not in data:
        chunk = conn.recv(65536)
        if not chunk:
            return
        data += chunk
    head, _, rest = data.partition(b"\r\n\r\n")
    for line in head.split(b"\r\n"):
        name, _, value = line.partition(b":")
        if name.strip().lower() == b"content-length":
            missing = int(value.strip()) - len(rest)
            while missing > 0:
                chunk = conn.recv(min(missing, 65536))
                if not chunk:
                    return
                missing -= len(chunk)


def _serve_one(conn: socket.socket, behaviour: Behaviour, stop: threading.Event) -> None:
    with conn:
        try:
            conn.settimeout(5)
            _read_request(conn)
            conn.settimeout(None)
            behaviour(conn, stop)
            if behaviour is not stall:
                conn.shutdown(socket.SHUT_WR)
                stop.wait(2)  # let the client read the rest before the socket goes
        except OSError:  # the client gave up and closed its end: that is the point
            pass


def _accept(listener: socket.socket, behaviour: Behaviour, stop: threading.Event) -> None:
    listener.settimeout(0.1)
    with listener:
        while not stop.is_set():
            try:
                conn, _ = listener.accept()
            except TimeoutError:
                continue
            except OSError:
                return
            threading.Thread(target=_serve_one, args=(conn, behaviour, stop), daemon=True).start()


@contextmanager
def hostile_server(behaviour: str | Behaviour, *, lifetime: float = 60.0) -> Iterator[str]:
    """Serve ``behaviour`` on a free loopback port; yields the base URL."""
    act = BEHAVIOURS[behaviour] if isinstance(behaviour, str) else behaviour
    if act is gzip_bomb:
        bomb_bytes()  # made before the client starts, so its clock and memory are its own
    listener = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    listener.bind(("127.0.0.1", 0))
    listener.listen(16)
    port = listener.getsockname()[1]
    stop = threading.Event()
    timer = threading.Timer(lifetime, stop.set)  # stops by itself, even if left running
    timer.daemon = True
    timer.start()
    thread = threading.Thread(target=_accept, args=(listener, act, stop), daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        stop.set()
        timer.cancel()
        thread.join(5)
