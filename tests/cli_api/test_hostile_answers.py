"""``endpoints list`` against servers that misbehave: slow, huge, compressed, deep or odd.

Each run is a child process, as a user's would be, so its exit code, its output and its peak
memory are its own.
"""

from __future__ import annotations

import gzip
import json
import os
import subprocess
import sys
import time
import zlib
from dataclasses import dataclass
from pathlib import Path

import pytest

from tests.hostile_server import answer, hostile_server

KEY = "sk-hostile-test-key-000111222"
MIB = 1024 * 1024
MAX_LINE = 256 * 1024

# runs the CLI, then reports how far its peak memory rose above what the imports took
_MEASURED = """
import resource, sys
import tui_app.api.client, tui_app.commands.api_cmds
from tui_app.cli import main
before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
code = main(sys.argv[1:])
rise = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - before
sys.stderr.write(f"\\nPEAK-RISE-KIB {rise}\\n")
sys.exit(code)
"""


@dataclass
class Run:
    code: int
    err: str
    seconds: float
    rise_mib: float
    out: str = ""

    @property
    def message(self) -> str:
        return self.err.split("\nPEAK-RISE-KIB")[0]


def list_endpoints(base_url: str, home: Path, *extra: str) -> Run:
    environ = {k: v for k, v in os.environ.items() if not k.startswith("PPIO_")}
    environ |= {"PPIO_ENDPOINT_HOME": str(home), "PPIO_BASE_URL": base_url, "PPIO_API_KEY": KEY}
    started = time.monotonic()
    proc = subprocess.run(
        [sys.executable, "-c", _MEASURED, "endpoints", "list", *extra],
        capture_output=True,
        text=True,
        env=environ,
        timeout=90,
    )
    seconds = time.monotonic() - started
    assert "Traceback" not in proc.stderr, proc.stderr[-3000:]
    rise = proc.stderr.rsplit("PEAK-RISE-KIB ", 1)[-1].strip()
    return Run(proc.returncode, proc.stderr, seconds, int(rise) / 1024, proc.stdout)


def history_lines(home: Path) -> list[bytes]:
    path = home / "history.jsonl"
    return path.read_bytes().splitlines() if path.exists() else []


def test_a_trickling_answer_is_cut_off_by_the_timeout(home: Path) -> None:
    # one byte every 0.5 s never trips httpx's per-read timeout; the whole attempt is bounded
    with hostile_server("trickle", lifetime=60) as url:
        run = list_endpoints(url, home, "--timeout", "1", "--retries", "0")
    assert run.seconds < 10  # it used to run until the server gave up (60 s here)
    assert run.code == 3
    assert "no answer from 127.0.0.1" in run.message
    assert "within 1s" in run.message


@pytest.mark.parametrize("behaviour", ["huge", "gzip_bomb"])
def test_an_answer_past_the_size_cap_is_refused_and_never_held(home: Path, behaviour) -> None:
    with hostile_server(behaviour, lifetime=60) as url:
        run = list_endpoints(url, home, "--retries", "0")
    assert run.code == 3
    assert "the answer was larger than 10 MiB" in run.message
    # inflated with a limit: never much past the 10 MiB cap (it was about 100 MiB for the bomb)
    assert run.rise_mib < 40, f"peak memory rose by {run.rise_mib:.0f} MiB"
    lines = history_lines(home)
    assert lines
    assert all(len(line) <= MAX_LINE for line in lines)


def _nested(depth: int) -> bytes:
    return b'{"data": ' + b"[" * depth + b"]" * depth + b"}"


@pytest.mark.parametrize(
    ("body", "words"),
    [
        (_nested(100_000), "the JSON is nested deeper than 64 levels"),
        (_nested(500), "the JSON is nested deeper than 64 levels"),
        (b'{"data": [], "total": ' + b"1" * 5000 + b"}", "a number has more than 4300 digits"),
    ],
    ids=["nested-100000", "nested-500", "huge-int"],
)
def test_a_deep_or_huge_number_answer_is_a_clean_server_error(home: Path, body, words) -> None:
    with hostile_server(answer(body)) as url:
        run = list_endpoints(url, home, "--retries", "0")
    assert run.code == 3
    assert f"the server's answer cannot be used: {words}" in run.message
    assert all(len(line) <= MAX_LINE for line in history_lines(home))


def test_an_escape_laden_error_answer_prints_a_clipped_message(home: Path) -> None:
    # 200k escaped control sequences and a lone surrogate: the message is the server's words,
    # cut to 2000 characters; the history line stays one bounded, valid JSON line
    text = "\\u001b[2J" * 200_000 + "\\ud800"
    body = json.dumps({"message": "x"}).replace('"x"', f'"{text}"').encode()
    with hostile_server(answer(body, status=500)) as url:
        run = list_endpoints(url, home, "--retries", "0")
    assert run.code == 3
    shown = run.message.strip().splitlines()
    assert len(shown) == 1
    assert shown[0].startswith("ppio-endpoint: the server failed (HTTP 500): ")
    assert len(shown[0]) <= 2000 + len("ppio-endpoint: ")
    assert shown[0].endswith("…")
    lines = history_lines(home)
    assert len(lines) == 1
    assert len(lines[0]) <= MAX_LINE
    record = json.loads(lines[0])
    assert record["status"] == 500
    assert "…truncated" in record["response_body"]


def test_a_large_answer_under_the_cap_is_read_and_its_history_line_is_cut(home: Path) -> None:
    pad = "é" * (3 * MIB)
    body = json.dumps({"data": [], "has_more": False, "pad": pad}, ensure_ascii=False).encode()
    with hostile_server(answer(body)) as url:
        run = list_endpoints(url, home, "--retries", "0")
    assert run.code == 0, run.message
    lines = history_lines(home)
    assert len(lines) == 1
    assert len(lines[0]) <= MAX_LINE  # it used to be a 6 MB line: a file of its own
    record = json.loads(lines[0])
    assert record["status"] == 200
    kept, _, marker = record["response_body"].rpartition("…truncated ")
    assert kept.startswith('{"data": [], "has_more": false, "pad": "éé')
    dropped = int(marker.removesuffix(" bytes"))
    assert len(kept.encode()) + dropped == len(body)


def test_garbage_instead_of_http_is_a_network_error(home: Path) -> None:
    with hostile_server("garbage") as url:
        run = list_endpoints(url, home, "--retries", "0")
    assert run.code == 3
    assert "127.0.0.1" in run.message


def test_a_server_failure_names_its_status_once(home: Path) -> None:
    with hostile_server(answer(json.dumps({"message": "busy"}).encode(), status=503)) as url:
        run = list_endpoints(url, home, "--retries", "0")
    assert run.code == 3
    assert "the server failed (HTTP 503): busy" in run.message
    assert run.message.count("HTTP 503") == 1


LISTED = (
    b'{"data": [{"id": "e1", "name": "zipped-endpoint", "status": {"status": "running"}}],'
    b' "total": 1}'
)


def _raw_deflate(data: bytes) -> bytes:
    packer = zlib.compressobj(6, zlib.DEFLATED, -zlib.MAX_WBITS)
    return packer.compress(data) + packer.flush()


@pytest.mark.parametrize(
    ("encoding", "body"),
    [
        ("gzip", gzip.compress(LISTED)),
        ("deflate", zlib.compress(LISTED)),
        ("deflate", _raw_deflate(LISTED)),  # some servers send deflate without its header
        ("identity", LISTED),
    ],
    ids=["gzip", "deflate-zlib", "deflate-raw", "identity"],
)
def test_a_compressed_answer_is_read(home: Path, encoding: str, body: bytes) -> None:
    with hostile_server(answer(body, encoding=encoding)) as url:
        run = list_endpoints(url, home, "--retries", "0")
    assert run.code == 0, run.message
    assert "zipped-endpoint" in run.out


def test_a_corrupt_compressed_answer_is_a_clean_server_error(home: Path) -> None:
    with hostile_server(answer(b"\x1f\x8bnot gzip at all", encoding="gzip")) as url:
        run = list_endpoints(url, home, "--retries", "0")
    assert run.code == 3
    assert "cannot be read" in run.message
