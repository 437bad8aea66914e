"""A config.toml that cannot be read stops every verb that needs a target (exit 2, where the
problem is) instead of quietly sending to the default target; nothing reaches any server."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.sandbox_server import LoopbackSandbox

PRESET = "vllm-openai"


def write_config(home: Path, server: LoopbackSandbox, typo: bool) -> None:
    assign = "base_url" if typo else "base_url ="  # the typo: a key with no "="
    text = f'profile = "loop"\n\n[profiles.loop]\n{assign} "{server.base_url}"\n'
    (home / "config.toml").write_text(text)


@pytest.mark.parametrize(
    "args",
    [
        ("submit", PRESET, "--yes"),
        ("submit", PRESET, "--dry-run"),
        ("pull", "ep-1"),
        ("endpoints", "list"),
        ("endpoints", "get", "ep-1"),
        ("endpoints", "delete", "ep-1", "--yes"),
    ],
    ids=lambda a: " ".join(a[:2]),
)
def test_a_config_typo_stops_with_its_position(cli, server, home, args) -> None:
    write_config(home, server, typo=True)
    result = cli(*args)
    assert result.code == 2
    assert result.out == ""
    [line] = result.err.splitlines()
    assert line.startswith(f"ppio-endpoint: {home / 'config.toml'}:4:10: TOML syntax error")
    assert server.sandbox.received == []


def test_once_fixed_the_same_submit_goes_through(cli, server, home) -> None:
    write_config(home, server, typo=False)
    assert cli("submit", PRESET, "--yes").code == 0
    assert len(server.creates()) == 1


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("profile = 3\n", "config.toml: profile must be a profile name in quotes (got 3)"),
        ('profiles = "x"\n', "config.toml: profiles must be a table"),
        ("[profiles.x]\nbase_url = 3\n", "[profiles.x] base_url: must be an http:// or https://"),
    ],
)
def test_a_wrong_type_is_an_error_naming_the_key(cli, server, home, text, message) -> None:
    (home / "config.toml").write_text(text)
    result = cli("submit", PRESET, "--yes", *(["--profile", "x"] if "[profiles.x]" in text else []))
    assert result.code == 2
    assert message in result.err
    assert server.sandbox.received == []


def test_verbs_without_a_target_still_work(cli, server, home) -> None:
    write_config(home, server, typo=True)
    assert cli("validate", PRESET).code == 0
    assert cli("render", PRESET).code == 0
