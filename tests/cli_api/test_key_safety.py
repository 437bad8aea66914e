"""The key and resolved secrets never leave: unusable keys are refused before anything is
sent, echoes of the key are masked in any disguise, references come back as references,
and the key never travels over plain http:// beyond this machine unless allowed."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.api.conftest import sample
from tests.cli_api.conftest import CANARY, HF_TOKEN
from tests.echo_server import assert_hidden, echo_server
from tests.sandbox_server import LoopbackSandbox, sandbox_server
from tui_app.presets import load_preset_file

BAD_KEYS = [
    ("Zq9xWk7Pv2Lm8Rt5\r", "ends with a carriage return (a CRLF .env file?)"),
    ("Zq9xWk7Pv2Lm8Rt5\n", "ends with a line feed (newline)"),
    ("Zq9xWk7P v2Lm8Rt5", "contains a space at position 9"),
    ("Zq9xWk7P\tv2Lm8Rt5", "contains a tab at position 9"),
    (" Zq9xWk7Pv2Lm8Rt5", "starts with a space"),
    ("Zq9xWk7Pv2Lm8Rt5 ", "ends with a space"),
    ("Zq9xWk7Pé2Lm8Rt5", "contains a non-ASCII character at position 9"),
    ("Zq9xWk7P\x1bv2Lm8Rt5", "contains a control character at position 9"),
]


def fragments(key: str) -> list[str]:
    """Every run of 4 characters of the key: none may be shown."""
    return [key[i : i + 4] for i in range(len(key) - 3)]


def assert_no_fragment(key: str, home: Path, *texts: str) -> None:
    history = home / "history.jsonl"
    assert not history.exists() or not history.read_text().strip()
    for text in texts:
        for fragment in fragments(key):
            assert fragment not in text, f"{fragment!r} shown"


@pytest.mark.parametrize(("key", "problem"), BAD_KEYS)
def test_an_unusable_key_is_refused_before_sending(
    cli,
    server: LoopbackSandbox,
    home: Path,
    monkeypatch: pytest.MonkeyPatch,
    key: str,
    problem: str,
) -> None:
    monkeypatch.setenv("PPIO_API_KEY", key)
    for args in (("endpoints", "list"), ("submit", "--yes", "vllm-openai")):
        result = cli(*args)
        assert result.code == 2
        assert f"PPIO_API_KEY {problem}" in result.err
        assert "Traceback" not in result.err
        assert_no_fragment(key, home, result.out, result.err)
    assert server.sandbox.received == []


def test_the_profiles_key_variable_is_named(
    cli, home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    key = "Zq9xWk7Pv2Lm8Rt5\r"
    with sandbox_server() as running:
        (home / "config.toml").write_text(
            f'[profiles.mine]\nbase_url = "{running.base_url}"\napi_key_env = "MINE_KEY"\n'
        )
        monkeypatch.setenv("MINE_KEY", key)
        result = cli("endpoints", "list", "--profile", "mine")
        assert running.sandbox.received == []
    assert result.code == 2
    assert "MINE_KEY ends with a carriage return (a CRLF .env file?)" in result.err
    assert_no_fragment(key, home, result.out, result.err)


@pytest.mark.parametrize("kind", ["text", "json"])
def test_a_server_echoing_the_key_in_disguise_is_masked(
    cli, home: Path, monkeypatch: pytest.MonkeyPatch, kind: str
) -> None:
    monkeypatch.setenv("PPIO_API_KEY", CANARY)
    with echo_server(kind) as url:
        monkeypatch.setenv("PPIO_BASE_URL", url)
        result = cli("endpoints", "list", "-v")
    assert result.code == 1  # a 400 from the server
    assert "the server rejected the request" in result.err
    history = (home / "history.jsonl").read_text()
    assert_hidden(CANARY, result.out, result.err, history)
    record = json.loads(history.splitlines()[-1])
    assert record["response_headers"]["x-echo"] == "****"
    assert record["response_headers"]["x-echo-upper"] == "****"


def test_pull_writes_the_reference_for_a_value_the_environment_holds(
    cli, server: LoopbackSandbox, home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    plain = "plain-value-that-is-no-token"  # nothing about it looks like a secret
    monkeypatch.setenv("MODEL_PATH_SECRET_FREE", plain)
    envs = [
        {"key": "MODEL_PATH_SECRET_FREE", "value": plain},
        {"key": "HUB_AUTH", "value": HF_TOKEN},  # another key, the value $HF_TOKEN holds
        {"key": "MODE", "value": "fast"},
    ]
    reply = server.sandbox.handle(
        "POST",
        "/gpus/v2/endpoints",
        {"Authorization": "Bearer x"},
        json.dumps(sample(envs=envs)).encode(),
    )
    result = cli("pull", reply.body["id"], "--name", "pulled")
    assert result.code == 0
    path = Path(result.out.strip())
    assert load_preset_file(path).endpoint["envs"] == [
        {"key": "MODEL_PATH_SECRET_FREE", "value": "${MODEL_PATH_SECRET_FREE}"},
        {"key": "HUB_AUTH", "value": "${HF_TOKEN}"},
        {"key": "MODE", "value": "fast"},
    ]
    assert plain not in path.read_text()


def test_the_key_is_not_sent_over_plain_http_beyond_loopback(
    cli, home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("PPIO_API_KEY", CANARY)
    remote = "http://api.example.test"
    refused = cli("submit", "--dry-run", "--base-url", remote, "vllm-openai")
    assert refused.code == 2
    assert "the key would travel unencrypted" in refused.err
    assert "api.example.test" in refused.err
    listed = cli("endpoints", "list", "--base-url", remote)
    assert listed.code == 2 and "unencrypted" in listed.err
    allowed = cli("submit", "--dry-run", "--allow-http", "--base-url", remote, "vllm-openai")
    assert allowed.code == 0
    assert allowed.out.startswith(f"POST {remote}/gpus/v2/endpoints")
    (home / "config.toml").write_text(f'[profiles.lab]\nbase_url = "{remote}"\nallow_http = true\n')
    profiled = cli("submit", "--dry-run", "--profile", "lab", "vllm-openai")
    assert profiled.code == 0
    secure = cli("submit", "--dry-run", "--base-url", "https://api.example.test", "vllm-openai")
    assert secure.code == 0
    for loopback in ("http://localhost:9", "http://127.0.0.2:9", "http://[::1]:9"):
        assert cli("submit", "--dry-run", "--base-url", loopback, "vllm-openai").code == 0
