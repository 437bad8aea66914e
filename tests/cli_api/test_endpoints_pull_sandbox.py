"""``endpoints list|get|delete``, ``pull`` and ``sandbox`` as a user runs them."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import urllib.request
from pathlib import Path

import pytest

from tests.api.conftest import SAMPLE, sample
from tests.cli_api.conftest import CANARY
from tests.sandbox_server import LoopbackSandbox
from tui_app import spec
from tui_app.presets import load_preset_file


def create(server: LoopbackSandbox, data: dict) -> str:
    reply = server.sandbox.handle(
        "POST", "/gpus/v2/endpoints", {"Authorization": "Bearer x"}, json.dumps(data).encode()
    )
    return reply.body["id"]


def test_list_shows_a_table_of_endpoints(cli, server: LoopbackSandbox) -> None:
    first = create(server, SAMPLE)
    second = create(server, sample(name="second"))
    result = cli("endpoints", "list")
    assert result.code == 0
    rows = result.out.splitlines()
    assert rows[0].split() == ["ID", "NAME", "STATUS", "WORKERS", "URL"]
    assert rows[1].split()[:4] == [first, "sample-endpoint", "initializing", "0/1"]
    assert rows[2].split()[:2] == [second, "second"]
    assert "2 endpoint(s) on ppio" in result.err


def test_list_as_json(cli, server: LoopbackSandbox) -> None:
    eid = create(server, SAMPLE)
    result = cli("endpoints", "list", "--json", "--api-version", "v1")
    listed = json.loads(result.out)
    assert [(e["id"], e["version"], e["status"]) for e in listed] == [(eid, "v1", "initializing")]
    assert listed[0]["endpoint"]["worker_config"]["idle_timeout"] == 300


def test_get_prints_the_endpoint_as_json(cli, server: LoopbackSandbox) -> None:
    eid = create(server, sample(envs=[{"key": "HF_TOKEN", "value": "hf_" + "s" * 30}]))
    result = cli("endpoints", "get", eid)
    shown = json.loads(result.out)
    assert shown["id"] == eid and shown["name"] == "sample-endpoint"
    assert shown["endpoint"]["product_id"] == "1"
    assert shown["endpoint"]["envs"] == [{"key": "HF_TOKEN", "value": "****"}]
    missing = cli("endpoints", "get", "nope", "--retries", "0")
    assert missing.code == 3
    assert "endpoint nope was not found" in missing.err


def test_delete_asks_and_needs_yes_without_a_terminal(cli, server: LoopbackSandbox) -> None:
    eid = create(server, SAMPLE)
    refused = cli("endpoints", "delete", eid)
    assert refused.code == 2
    assert "add --yes" in refused.err
    declined = cli("endpoints", "delete", eid, answer="n")
    assert declined.code == 1
    # the question names the endpoint, not only its id
    assert f"Delete endpoint 'sample-endpoint' ({eid}, initializing) on ppio" in declined.err
    assert list(server.sandbox.endpoints) == [eid]
    done = cli("endpoints", "delete", eid, "--yes")
    assert done.code == 0
    assert f"deleted endpoint 'sample-endpoint' ({eid})" in done.err
    assert server.sandbox.endpoints == {}


def test_pull_saves_the_endpoint_as_a_preset(cli, server: LoopbackSandbox, home: Path) -> None:
    secret = "hf_" + "q" * 30
    eid = create(server, sample(envs=[{"key": "HF_TOKEN", "value": secret}]))
    result = cli("pull", eid, "--name", "mine")
    assert result.code == 0
    path = Path(result.out.strip())
    assert path == home / "presets" / "mine.toml"
    preset = load_preset_file(path)
    expected = spec.clean(SAMPLE) | {"envs": [{"key": "HF_TOKEN", "value": "${HF_TOKEN}"}]}
    assert preset.endpoint == expected
    assert secret not in path.read_text()
    assert "saved as ${HF_TOKEN} instead" in result.err
    assert f"Pulled from endpoint {eid}" in preset.description
    again = cli("pull", eid, "--name", "mine")
    assert again.code == 2 and "already exists; use --force" in again.err
    assert "saved" not in again.err  # refused: nothing reads as written
    assert cli("pull", eid, "--name", "mine", "--force").code == 0


def test_pull_names_the_preset_after_the_endpoint(cli, server: LoopbackSandbox, home) -> None:
    eid = create(server, SAMPLE)
    result = cli("pull", eid)
    assert Path(result.out.strip()) == home / "presets" / "sample-endpoint.toml"


def test_bad_faults_are_a_usage_error(cli) -> None:
    result = cli("sandbox", "--faults", "latency=soon")
    assert result.code == 2
    assert "latency needs seconds (got 'soon')" in result.err


@pytest.fixture
def sandbox_process(home: Path):
    env = {k: v for k, v in os.environ.items() if not k.startswith("PPIO_")}
    env["PPIO_ENDPOINT_HOME"] = str(home)
    process = subprocess.Popen(
        [sys.executable, "-m", "tui_app", "sandbox", "--port", "0", "--faults", "rate_limit=1"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=env,
    )
    try:
        yield process
    finally:
        if process.poll() is None:
            process.kill()
            process.wait(10)


def test_the_sandbox_command_serves_http_until_stopped(sandbox_process) -> None:
    base_url = sandbox_process.stdout.readline().strip()
    assert base_url.startswith("http://127.0.0.1:")
    request = urllib.request.Request(
        f"{base_url}/gpus/v2/products?type=gpu&category=serverless",
        headers={"Authorization": f"Bearer {CANARY}"},
    )
    with pytest.raises(urllib.error.HTTPError) as limited:
        urllib.request.urlopen(request, timeout=10)
    assert limited.value.code == 429 and limited.value.headers["Retry-After"] == "1"
    with urllib.request.urlopen(request, timeout=10) as answer:
        assert next(p["name"] for p in json.load(answer)["data"]) == "RTX 4090 24GB"
    sandbox_process.send_signal(signal.SIGTERM)
    assert sandbox_process.wait(10) == 0
    err = sandbox_process.stderr.read()
    assert "faults: rate_limit=1, retry_after=1.0" in err
    assert "sandbox: stopped" in err
    assert "Traceback" not in err
