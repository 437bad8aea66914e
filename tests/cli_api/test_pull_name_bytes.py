"""``pull`` saves a preset named in UTF-8 bytes, the way the file system counts: a name past
200 bytes is refused with a plain message and exit 2, and nothing is written."""

from __future__ import annotations

import os
from pathlib import Path

from tests.api.conftest import sample
from tests.cli_api.test_endpoints_pull_sandbox import create
from tests.sandbox_server import LoopbackSandbox

MESSAGE = "a preset name must be at most 200 bytes long; choose one with --name"
CJK = "模"  # 3 bytes in UTF-8


def files(home: Path) -> list[str]:
    folder = home / "presets"
    return sorted(os.listdir(folder)) if folder.exists() else []


def test_pull_of_an_endpoint_with_a_long_multibyte_name(
    cli, server: LoopbackSandbox, home: Path
) -> None:
    long_name = CJK * 70  # 70 characters, 210 bytes
    eid = create(server, sample(name=long_name))
    result = cli("pull", eid)
    assert result.code == 2
    assert result.out == ""
    assert f"ppio-endpoint: {MESSAGE}" in result.err.splitlines()
    assert files(home) == []

    over = cli("pull", eid, "--name", CJK * 67)  # 201 bytes
    assert over.code == 2
    assert f"ppio-endpoint: {MESSAGE}" in over.err.splitlines()
    assert files(home) == []

    at = CJK * 66 + "ab"  # 200 bytes
    saved = cli("pull", eid, "--name", at)
    assert saved.code == 0, saved.err
    assert saved.out.strip() == str(home / "presets" / f"{at}.toml")
    assert files(home) == [f"{at}.toml"]
