"""The real app in a pseudo-terminal: opening a preset whose name, description and field
values hold escape sequences writes none of them to the terminal."""

from __future__ import annotations

import fcntl
import os
import pty
import select
import signal
import struct
import sys
import termios
import time
from pathlib import Path

import pyte
import pytest

from tests.hostile_text import OSC52, SHOWN
from tests.ui.conftest import PRESET_TOML

COLS, ROWS = 140, 40
HOSTILE = PRESET_TOML.replace(
    'description = "a test preset"',
    'description = "desc \\u001b]52;c;SGVsbG8=\\u0007 \\u001b[2J \x9b \u202e [/]"',
).replace('name = "llama-test"', 'name = "n\\u001b]52;c;SGVsbG8=\\u0007\\u001b[31m"')


class Terminal:
    """A child process in a pty, its output kept as bytes and rendered with pyte."""

    def __init__(self, argv: list[str], env: dict[str, str]) -> None:
        self.screen = pyte.Screen(COLS, ROWS)
        self.stream = pyte.ByteStream(self.screen)
        self.output = bytearray()
        pid, fd = pty.fork()
        if pid == 0:  # the child: becomes the app
            os.execvpe(argv[0], argv, env)
        self.pid, self.fd = pid, fd
        self.exited = False
        fcntl.ioctl(fd, termios.TIOCSWINSZ, struct.pack("HHHH", ROWS, COLS, 0, 0))

    def pump(self, seconds: float) -> None:
        end = time.monotonic() + seconds
        while time.monotonic() < end:
            ready, _, _ = select.select([self.fd], [], [], 0.05)
            if not ready:
                continue
            try:
                data = os.read(self.fd, 65536)
            except OSError:
                return
            if not data:
                return
            self.output += data
            self.stream.feed(data)

    def text(self) -> str:
        return "\n".join(self.screen.display)

    def wait_for(self, needle: str, timeout: float = 20) -> None:
        end = time.monotonic() + timeout
        while needle not in self.text() and time.monotonic() < end:
            self.pump(0.1)
        assert needle in self.text(), self.text()

    def send(self, keys: bytes) -> None:
        os.write(self.fd, keys)

    def finish(self, timeout: float = 10) -> int:
        end = time.monotonic() + timeout
        while time.monotonic() < end:
            self.pump(0.1)
            pid, status = os.waitpid(self.pid, os.WNOHANG)
            if pid:
                self.exited = True
                self.pump(0.2)
                return os.waitstatus_to_exitcode(status)
        raise AssertionError("the app did not quit")

    def close(self) -> None:
        """Stop the child if it still runs (a failed step), and release the pty."""
        if not self.exited:
            os.kill(self.pid, signal.SIGKILL)
            os.waitpid(self.pid, 0)
        os.close(self.fd)


@pytest.mark.skipif(sys.platform == "win32", reason="needs a pty")
def test_opening_a_hostile_preset_writes_no_escape_from_it(tmp_path: Path) -> None:
    home = tmp_path / "home"
    (home / "presets").mkdir(parents=True)
    preset = home / "presets" / f"{OSC52}evil.toml"
    preset.write_text(HOSTILE, encoding="utf-8")
    skip = ("PPIO_", "TEXTUAL", "NO_COLOR")
    env = {k: v for k, v in os.environ.items() if not k.startswith(skip)}
    env |= {"PPIO_ENDPOINT_HOME": str(home), "TERM": "xterm-256color"}
    term = Terminal([sys.executable, "-m", "tui_app", str(preset)], env)
    try:
        term.wait_for(f"preset: {SHOWN[OSC52]}evil")
        term.send(b"\x0f")  # ctrl+o: the picker lists it with its description
        term.wait_for("desc \\x1b]52;c;SGVsbG8=\\x07 \\x1b[2J \\x9b \\u202e [/]")
        term.send(b"\x1b")
        term.pump(0.5)
        term.send(b"\x11")  # ctrl+q
        code = term.finish()
    finally:
        term.close()
    output = bytes(term.output)
    assert code == 0
    assert b"\x1b]52" not in output  # the clipboard is not written
    assert b"\x1b[2J" not in output
    assert "\x9b".encode() not in output and "\u202e".encode() not in output
    assert b"Traceback" not in output
