"""Runs the API verbs in-process against the loopback sandbox, with a canary API key.

Every run asserts the canary appears neither on stdout nor on stderr.
"""

from __future__ import annotations

import io
import sys
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from tests.sandbox_server import LoopbackSandbox, sandbox_server
from tui_app.cli import main

CANARY = "sk-canary-cli-Qw3Er5Ty7Ui9"
HF_TOKEN = "hf_CliCanaryToken0123456789abcdef"


@dataclass
class Result:
    code: int
    out: str
    err: str


class FakeTerminal(io.StringIO):
    def isatty(self) -> bool:
        return True


@pytest.fixture(autouse=True)
def home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    path = tmp_path / "home"
    path.mkdir()
    for name in ("PPIO_API_KEY", "PPIO_BASE_URL", "NOVITA_API_KEY"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("PPIO_ENDPOINT_HOME", str(path))
    monkeypatch.setenv("HF_TOKEN", HF_TOKEN)
    return path


@pytest.fixture
def server(monkeypatch: pytest.MonkeyPatch) -> Iterator[LoopbackSandbox]:
    with sandbox_server() as running:
        monkeypatch.setenv("PPIO_BASE_URL", running.base_url)
        monkeypatch.setenv("PPIO_API_KEY", CANARY)
        yield running


@pytest.fixture
def cli(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, home: Path
) -> Callable[..., Result]:
    def run(*args: str, answer: str | None = None) -> Result:
        if answer is not None:  # a person at a terminal answering the question
            monkeypatch.setattr(sys, "stdin", FakeTerminal(answer + "\n"))
            monkeypatch.setattr(sys.stderr, "isatty", lambda: True, raising=False)
        code = main(list(args))
        out, err = capsys.readouterr()
        history = home / "history.jsonl"
        logged = history.read_text() if history.exists() else ""
        for text in (out, err, logged):
            assert CANARY not in text
            assert HF_TOKEN not in text
        return Result(code, out, err)

    return run
