"""history.jsonl: one redacted exchange per line, mode 0600, rotated by size.

:class:`History` appends one line with one ``write`` to a file opened with O_APPEND.
The client goes through :class:`BackgroundHistory`, which hands each exchange to a writer
thread, so neither the JSON encoding nor the disk ever holds up the event loop; lines
still pending are written when the client closes or the process exits. A full disk or a
read-only home turns history off with a note instead of failing the request.
"""

from __future__ import annotations

import atexit
import contextlib
import json
import os
import queue
import threading
import time
import weakref
from pathlib import Path
from typing import Any

from ..home import write_error
from ..spec.untrusted import parse_json
from .types import Exchange

MAX_BYTES = 5 * 1024 * 1024
FILES = 3  # the current file and two rotated ones: history.jsonl.1, history.jsonl.2
MAX_LINE = 256 * 1024  # so that rotation by MAX_BYTES holds: no line is a file of its own
# the fields a server or a user can make long; each is cut to a share of the line
_LONG_FIELDS = ("request_body", "response_body", "response_headers", "error", "url")
_FIELD_BYTES = 40 * 1024
_FIELDS = Exchange._fields


def exchange_line(exchange: Exchange) -> bytes:
    """One JSON line, at most :data:`MAX_LINE` bytes: long fields are cut and marked."""
    record: dict[str, Any] = {name: getattr(exchange, name) for name in _FIELDS}
    line = _line(record)
    if len(line) > MAX_LINE:
        record.update({name: _cut(record[name], _FIELD_BYTES) for name in _LONG_FIELDS})
        line = _line(record)
    return line


def _line(record: dict[str, Any]) -> bytes:
    text = json.dumps(record, ensure_ascii=False, separators=(",", ":"), default=str)
    # a lone surrogate (JSON allows "\ud800") must not stop the writer
    return (text + "\n").encode("utf-8", "replace")


def _json_size(text: str) -> int:
    return len(json.dumps(text, ensure_ascii=False).encode("utf-8", "replace"))


def _cut(value: Any, limit: int) -> Any:
    """``value`` if its JSON takes at most ``limit`` bytes, else the start of its text with
    ``…truncated N bytes`` (N counts UTF-8 bytes of that text left out)."""
    text = value if isinstance(value, str) else json.dumps(value, ensure_ascii=False, default=str)
    size = _json_size(text)
    if size <= limit:
        return value
    keep = len(text) * (limit - 64) // size  # escapes make some characters longer than others
    while keep and _json_size(text[:keep]) > limit - 64:
        keep = keep * 9 // 10
    kept, whole = text[:keep], text.encode("utf-8", "replace")
    return f"{kept}…truncated {len(whole) - len(kept.encode('utf-8', 'replace'))} bytes"


class History:
    """Appends exchanges to ``path``; keeps at most ``files`` files of about ``max_bytes`` each."""

    def __init__(self, path: Path, *, max_bytes: int = MAX_BYTES, files: int = FILES) -> None:
        self.path = path
        self.max_bytes = max_bytes
        self.files = max(1, files)
        self.problem: str | None = None

    def append(self, exchange: Exchange) -> None:
        self.append_many([exchange])

    def append_many(self, exchanges: list[Exchange]) -> None:
        """Append in order, with as few writes as the size bound allows."""
        if self.problem is not None:
            return
        try:
            self._write([exchange_line(e) for e in exchanges])
        except OSError as exc:
            self.problem = f"history is off: {write_error(self.path, exc)}"

    def _write(self, lines: list[bytes]) -> None:
        fd = self._open()
        try:
            size = os.fstat(fd).st_size
            chunk: list[bytes] = []
            for line in lines:
                if size and size + len(line) > self.max_bytes:
                    if chunk:
                        os.write(fd, b"".join(chunk))
                        chunk = []
                    os.close(fd)
                    fd = -1
                    self._rotate()
                    fd = self._open()
                    size = 0
                chunk.append(line)
                size += len(line)
            if chunk:
                os.write(fd, b"".join(chunk))
        finally:
            if fd >= 0:
                os.close(fd)

    def _open(self) -> int:
        try:
            fd = os.open(self.path, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o600)
        except FileNotFoundError:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            fd = os.open(self.path, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o600)
        if os.fstat(fd).st_mode & 0o077:
            os.fchmod(fd, 0o600)  # a file made by something else must not stay readable
        return fd

    def rotated(self, index: int) -> Path:
        return self.path.with_name(f"{self.path.name}.{index}")

    def _rotate(self) -> None:
        if self.files == 1:
            with contextlib.suppress(FileNotFoundError):
                os.unlink(self.path)
            return
        with contextlib.suppress(FileNotFoundError):
            os.unlink(self.rotated(self.files - 1))
        for index in range(self.files - 2, 0, -1):
            with contextlib.suppress(FileNotFoundError):
                os.replace(self.rotated(index), self.rotated(index + 1))
        with contextlib.suppress(FileNotFoundError):
            os.replace(self.path, self.rotated(1))


_STOP = object()
BATCH_DELAY = 0.05  # seconds a line may wait for others before the writer thread writes
_LIVE: weakref.WeakSet[BackgroundHistory] = weakref.WeakSet()


class BackgroundHistory:
    """Appends exchanges from a writer thread, in order; ``flush`` waits for the backlog."""

    def __init__(self, history: History) -> None:
        self.history = history
        self._queue: queue.Queue[object] = queue.Queue()
        self._thread: threading.Thread | None = None
        self._lock = threading.Lock()

    @property
    def problem(self) -> str | None:
        return self.history.problem

    def append(self, exchange: Exchange) -> None:
        if self._thread is None:
            self._start()
        self._queue.put(exchange)

    def _start(self) -> None:
        with self._lock:
            if self._thread is None:
                thread = threading.Thread(target=self._run, name="ppio-history", daemon=True)
                thread.start()
                self._thread = thread
                _LIVE.add(self)

    def _run(self) -> None:
        while True:
            batch = [self._queue.get()]
            # let a burst gather: one wake-up and one write then serve many exchanges
            time.sleep(BATCH_DELAY)
            while True:
                try:
                    batch.append(self._queue.get_nowait())
                except queue.Empty:
                    break
            stop = _STOP in batch
            try:
                self.history.append_many([e for e in batch if e is not _STOP])  # type: ignore[misc]
            finally:
                for _ in batch:
                    self._queue.task_done()
            if stop:
                return

    def flush(self) -> None:
        """Block until every exchange handed over so far is on disk (or history is off)."""
        if self._thread is not None and self._thread.is_alive():
            self._queue.join()

    def close(self) -> None:
        thread = self._thread
        if thread is not None and thread.is_alive():
            self._queue.put(_STOP)
            thread.join()
        self._thread = None


@atexit.register
def _flush_all() -> None:
    # the writer threads are daemons: write what they still hold before the process ends
    for writer in list(_LIVE):
        with contextlib.suppress(Exception):
            writer.flush()


def read_history(path: Path, limit: int = 500) -> list[Exchange]:
    """The last ``limit`` exchanges of the current file, oldest first; bad lines are skipped."""
    try:
        raw = path.read_bytes()
    except OSError:
        return []
    out: list[Exchange] = []
    for line in raw.splitlines()[-limit:]:
        try:
            data = parse_json(line)  # a line too deep or too long is skipped like a torn one
            out.append(Exchange.from_json(data))
        except (ValueError, TypeError):
            continue
    return out
