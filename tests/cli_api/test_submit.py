"""``ppio-endpoint submit``: validates first, prints the id on stdout, exits 0/1/2/3."""

from __future__ import annotations

import json
import tomllib
from pathlib import Path

import pytest

from tests.api.create_servers import create_server
from tests.cli_api.conftest import CANARY, HF_TOKEN
from tests.sandbox_server import LoopbackSandbox, closed_port_url
from tui_app import spec
from tui_app.home import shipped_presets_dir
from tui_app.presets import load_preset_file

PRESET = "vllm-openai"


def template() -> dict:
    return load_preset_file(shipped_presets_dir() / f"{PRESET}.toml").endpoint


def write_preset(home: Path, name: str, text: str) -> Path:
    path = home / f"{name}.toml"
    path.write_text(text)
    return path


def test_submit_prints_the_new_id_and_sends_the_rendered_body(cli, server: LoopbackSandbox) -> None:
    result = cli("submit", PRESET)
    assert result.code == 0
    new_id = result.out.strip()
    assert list(server.sandbox.endpoints) == [new_id]
    resolved, _ = spec.resolve(template(), {"HF_TOKEN": HF_TOKEN})
    assert server.creates() == [spec.render_v2(resolved)]  # the real value reached the server
    # and independently of the renderer: a v2 body is the preset's table, reference resolved
    expected = tomllib.loads((shipped_presets_dir() / f"{PRESET}.toml").read_text())["endpoint"]
    expected["envs"][0] = {"key": "HF_TOKEN", "value": HF_TOKEN}
    assert server.creates() == [expected]
    assert f"created endpoint 'vllm-llama31-8b' with id {new_id}" in result.err
    assert f"key ****{CANARY[-4:]}" in result.err  # the target line names the key safely


def test_submit_under_v1(cli, server: LoopbackSandbox) -> None:
    result = cli("submit", PRESET, "--api-version", "v1")
    assert result.code == 0
    assert len(server.creates("v1")) == 1
    assert "cannot be expressed in the v1 API" in result.err  # warnings are shown, not fatal


def test_dry_run_prints_the_request_with_secrets_masked_and_sends_nothing(
    cli, server: LoopbackSandbox
) -> None:
    result = cli("submit", PRESET, "--dry-run")
    assert result.code == 0
    lines = result.out.splitlines()
    assert lines[0] == f"POST {server.base_url}/gpus/v2/endpoints"
    assert lines[1] == f"Authorization: Bearer ****{CANARY[-4:]}"
    assert '"value": "****"' in result.out
    assert '"max_replicas": 2' in result.out
    assert server.sandbox.received == []


def test_an_invalid_preset_is_refused_before_sending(cli, server: LoopbackSandbox, home) -> None:
    text = (shipped_presets_dir() / f"{PRESET}.toml").read_text()
    path = write_preset(home, "broken", text.replace("max_replicas = 2", "max_replicas = 5000"))
    result = cli("submit", str(path))
    assert result.code == 1
    assert f"{path}: worker_config.max_replicas: must be between 0 and 1000 (got 5000)" in (
        result.err
    )
    assert server.sandbox.received == []


def test_an_unset_env_reference_is_refused(cli, server, monkeypatch) -> None:
    monkeypatch.delenv("HF_TOKEN")
    result = cli("submit", PRESET)
    assert result.code == 1
    assert "envs.0.value: refers to ${HF_TOKEN}, which is not set in your environment" in result.err
    assert server.sandbox.received == []


def test_a_400_from_the_server_names_the_field_and_exits_1(cli, server, home) -> None:
    text = (shipped_presets_dir() / f"{PRESET}.toml").read_text()
    path = write_preset(home, "odd", text.replace('product_id = "1"', 'product_id = "9"'))
    result = cli("submit", str(path))
    assert result.code == 1
    assert result.out == ""
    assert (
        "ppio-endpoint: product_id: the server rejected the request: '9' is not a serverless"
        in (result.err)
    )
    assert "(HTTP 400)" in result.err


def test_401_without_a_key_exits_3_with_a_clear_message(cli, server, monkeypatch) -> None:
    monkeypatch.delenv("PPIO_API_KEY")
    result = cli("submit", PRESET, "--retries", "0")
    assert result.code == 3
    assert "no API key was sent and the server requires one: set PPIO_API_KEY" in result.err
    assert "(HTTP 401)" in result.err


def test_a_timeout_exits_3(cli, server: LoopbackSandbox) -> None:
    server.set_faults(latency=2)
    result = cli("endpoints", "list", "--timeout", "0.2", "--retries", "0")
    assert result.code == 3
    port = server.server.port
    assert result.err.strip() == f"ppio-endpoint: no answer from 127.0.0.1:{port} within 0.2s"


def test_a_refused_connection_exits_3(cli, monkeypatch) -> None:
    url = closed_port_url()
    monkeypatch.setenv("PPIO_API_KEY", CANARY)
    monkeypatch.setenv("PPIO_BASE_URL", url)
    result = cli("submit", PRESET, "--retries", "1")
    assert result.code == 3
    assert f"cannot connect to {url.removeprefix('http://')}: connection refused" in result.err
    assert "after 2 attempts" in result.err


def test_a_dropped_answer_is_recovered_without_a_second_create(
    cli, server: LoopbackSandbox
) -> None:
    server.set_faults(drop_after_create=1)
    result = cli("submit", PRESET, "-v")
    assert result.code == 0
    assert list(server.sandbox.endpoints) == [result.out.strip()]
    assert len(server.creates()) == 1
    assert "found by name, matches what was sent, and the create was not sent twice" in result.err
    assert "closed the connection without answering" in result.err  # -v shows each attempt


def short_look_ups(home: Path) -> None:
    (home / "config.toml").write_text(
        "[profiles.ppio]\ncreate_lookup_attempts = 2\ncreate_lookup_window = 0.2\n"
    )


def test_a_create_that_may_or_may_not_have_happened_exits_3(cli, home, monkeypatch) -> None:
    short_look_ups(home)
    with create_server(mode="drop") as server:
        monkeypatch.setenv("PPIO_BASE_URL", server.base_url)
        monkeypatch.setenv("PPIO_API_KEY", CANARY)
        result = cli("submit", PRESET)
        assert len(server.posts) == 1
    assert result.code == 3
    assert result.out == ""  # no id: nothing was confirmed
    assert "ppio-endpoint: unknown: the answer to the create was lost" in result.err
    assert "no endpoint named 'vllm-llama31-8b' was found in 2 looks over 0.2s" in result.err
    assert "The create may or may not have happened" in result.err
    assert "check with `ppio-endpoint endpoints list`" in result.err
    assert "submitting again is your decision" in result.err


def test_an_older_same_name_endpoint_is_a_conflict_and_exits_3(cli, home, monkeypatch) -> None:
    short_look_ups(home)
    resolved, _ = spec.resolve(template(), {"HF_TOKEN": HF_TOKEN})
    with create_server(mode="drop") as server:
        older = server.sandbox.store(resolved, age=3600)
        monkeypatch.setenv("PPIO_BASE_URL", server.base_url)
        monkeypatch.setenv("PPIO_API_KEY", CANARY)
        result = cli("submit", PRESET)
        assert len(server.posts) == 1
    assert result.code == 3
    assert older not in result.out
    assert "ppio-endpoint: conflict: " in result.err
    assert f"An endpoint named 'vllm-llama31-8b' exists (id {older})" in result.err
    assert "not taken as created" in result.err


def test_a_create_stored_late_is_a_verified_recovery_and_exits_0(cli, home, monkeypatch) -> None:
    short_look_ups(home)
    with create_server(mode="late", store_after_looks=2, answer_after=1.0) as server:
        monkeypatch.setenv("PPIO_BASE_URL", server.base_url)
        monkeypatch.setenv("PPIO_API_KEY", CANARY)
        result = cli("submit", PRESET, "--timeout", "0.3", "--retries", "0")
        assert len(server.posts) == 1
        assert list(server.endpoints) == [result.out.strip()]
    assert result.code == 0
    assert "the create was not sent twice" in result.err


def test_unreadable_input_exits_2(cli, server, home) -> None:
    assert cli("submit", str(home / "missing.toml")).code == 2
    assert cli("submit", "no-such-preset").code == 2
    bad_json = home / "body.json"
    bad_json.write_text("{")
    result = cli("submit", str(bad_json))
    assert result.code == 2
    assert "not a JSON file" in result.err


def test_a_v1_json_body_is_submitted_with_its_references_resolved(cli, server, home) -> None:
    body = home / "body.json"
    body.write_text(json.dumps(spec.render_v1(template())))  # still says ${HF_TOKEN}
    result = cli("submit", str(body), "--api-version", "v1")
    assert result.code == 0
    sent = server.creates("v1")[0]["endpoint"]
    assert {"key": "HF_TOKEN", "value": HF_TOKEN} in sent["envs"]
    assert server.sandbox.endpoints[result.out.strip()]["name"] == "vllm-llama31-8b"


@pytest.mark.parametrize(("answer", "code", "sent"), [("n", 1, 0), ("y", 0, 1)])
def test_on_a_terminal_submit_asks_first(cli, server, answer: str, code: int, sent: int) -> None:
    result = cli("submit", PRESET, answer=answer)
    assert result.code == code
    assert "Create endpoint 'vllm-llama31-8b' (product 1, 0-2 workers)? [y/N]" in result.err
    assert len(server.creates()) == sent


def test_yes_skips_the_question(cli, server) -> None:
    result = cli("submit", PRESET, "--yes", answer="n")
    assert result.code == 0
    assert "[y/N]" not in result.err


def test_without_a_key_the_sandbox_is_used_and_said(cli) -> None:
    result = cli("submit", PRESET)
    assert result.code == 0
    assert "target: SANDBOX (v2, in-process)" in result.err
    assert "set PPIO_API_KEY to use PPIO" in result.err


def test_an_unknown_profile_is_a_usage_error(cli) -> None:
    result = cli("submit", PRESET, "--profile", "prod")
    assert result.code == 2
    assert "unknown profile 'prod'; known profiles:" in result.err
