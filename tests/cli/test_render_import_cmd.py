"""``render`` and ``import``: the exact body, curl that reads back, and the docs' examples."""

from __future__ import annotations

import json
from pathlib import Path

from tests.cli.runner import run_cli
from tui_app.spec.curl import parse_curl

DATA = Path(__file__).resolve().parent.parent / "data"

PRESET = """version = 1
[meta]
description = "small"
[endpoint]
type = "sync"
name = "demo"
product_id = "1"
region_id = "cn-east-1"
image = "vllm/vllm-openai:v0.6.3"
command = "--model x --port 8000"
ports = [8000]
[endpoint.worker_config]
min_replicas = 0
max_replicas = 2
idle_timeout = 300
max_concurrent_per_worker = 8
gpu_num = 1
rootfs_size_gb = 100
request_timeout = 60
[endpoint.policy]
type = "queue"
value = 30
[[endpoint.envs]]
key = "HF_TOKEN"
value = "${HF_TOKEN}"
[endpoint.health_check]
path = "/health"
"""

V2_BODY = {
    "type": "sync",
    "name": "demo",
    "product_id": "1",
    "region_id": "cn-east-1",
    "image": "vllm/vllm-openai:v0.6.3",
    "command": "--model x --port 8000",
    "worker_config": {
        "min_replicas": 0,
        "max_replicas": 2,
        "idle_timeout": 300,
        "max_concurrent_per_worker": 8,
        "gpu_num": 1,
        "rootfs_size_gb": 100,
        "request_timeout": 60,
    },
    "policy": {"type": "queue", "value": 30},
    "envs": [{"key": "HF_TOKEN", "value": "${HF_TOKEN}"}],
    "ports": [8000],
    "health_check": {"path": "/health"},
}

V1_BODY = {
    "endpoint": {
        "name": "demo",
        "workerConfig": {
            "minNum": 0,
            "maxNum": 2,
            "freeTimeout": 300,
            "maxConcurrent": 8,
            "gpuNum": 1,
            "requestTimeout": 60,
        },
        "ports": [{"port": "8000"}],
        "policy": {"type": "queue", "value": 30},
        "image": {"image": "vllm/vllm-openai:v0.6.3", "command": "--model x --port 8000"},
        "products": [{"id": "1"}],
        "rootfsSize": 100,
        "volumeMounts": [],
        "clusterID": "cn-east-1",
        "envs": [{"key": "HF_TOKEN", "value": "${HF_TOKEN}"}],
        "healthy": {"path": "/health"},
    }
}


def _preset(tmp_path: Path, text: str = PRESET) -> str:
    path = tmp_path / "demo.toml"
    path.write_text(text, encoding="utf-8")
    return str(path)


def test_render_prints_the_exact_v2_body(home: Path, tmp_path: Path) -> None:
    result = run_cli("render", _preset(tmp_path), home=home)
    assert (result.code, result.err) == (0, "")
    assert json.loads(result.out) == V2_BODY


def test_render_prints_the_exact_v1_body(home: Path, tmp_path: Path) -> None:
    path = _preset(tmp_path)
    result = run_cli("render", "--api-version", "v1", path, home=home)
    assert result.code == 0
    assert json.loads(result.out) == V1_BODY
    assert result.err_lines == []


def test_render_warns_about_what_v1_cannot_express(home: Path, tmp_path: Path) -> None:
    path = _preset(tmp_path, PRESET.replace('type = "sync"', 'type = "async"'))
    result = run_cli("render", "--api-version", "v1", path, home=home)
    assert result.code == 0
    assert json.loads(result.out) == V1_BODY
    assert result.err_lines == [
        f"{path}: type: warning: Type cannot be expressed in the v1 API; it is left out of the body"
    ]


def test_render_shows_references_unless_resolved(home: Path, tmp_path: Path) -> None:
    path = _preset(tmp_path)
    plain = run_cli("render", path, home=home, env={"HF_TOKEN": "hf_value_from_env"})
    assert "hf_value_from_env" not in plain.out and "${HF_TOKEN}" in plain.out
    resolved = run_cli(
        "render", "--resolve", path, home=home, env={"HF_TOKEN": "hf_value_from_env"}
    )
    assert json.loads(resolved.out)["envs"] == [{"key": "HF_TOKEN", "value": "hf_value_from_env"}]
    missing = run_cli("render", "--resolve", path, home=home)
    assert (missing.code, missing.out) == (1, "")
    assert missing.err_lines == [
        f"{path}: envs.0.value: refers to ${{HF_TOKEN}}, which is not set in your environment"
    ]


def test_curl_uses_the_key_variable_never_its_value(home: Path, tmp_path: Path) -> None:
    path = _preset(tmp_path)
    result = run_cli(
        "render",
        "--format",
        "curl",
        path,
        home=home,
        env={"PPIO_API_KEY": "sk-live-0123456789abcdef"},
    )
    assert result.code == 0
    assert "sk-live-0123456789abcdef" not in result.out + result.err
    assert '--header "Authorization: Bearer ${PPIO_API_KEY}"' in result.out
    request = parse_curl(result.out)
    assert (request.method, request.url, request.body) == (
        "POST",
        "https://api.ppio.com/gpus/v2/endpoints",
        V2_BODY,
    )
    v1 = parse_curl(
        run_cli("render", "--format", "curl", "--api-version", "v1", path, home=home).out
    )
    assert v1.url == "https://api.ppinfra.com/gpu-instance/openapi/v1/endpoint/create"
    assert v1.body == V1_BODY
    local = parse_curl(
        run_cli(
            "render", "--format", "curl", "--base-url", "http://127.0.0.1:9", path, home=home
        ).out
    )
    assert local.url == "http://127.0.0.1:9/gpus/v2/endpoints"


def test_rendered_curl_imports_back_to_the_same_body(home: Path, tmp_path: Path) -> None:
    curl = run_cli("render", "--format", "curl", _preset(tmp_path), home=home).out
    imported = run_cli("import", "--name", "again", "-", home=home, stdin=curl)
    assert imported.code == 0
    assert Path(imported.out.strip()) == home / "presets" / "again.toml"
    assert json.loads(run_cli("render", "again", home=home).out) == V2_BODY


def test_render_refuses_an_invalid_preset(home: Path, tmp_path: Path) -> None:
    path = _preset(tmp_path, PRESET.replace("max_replicas = 2", "max_replicas = 2000"))
    result = run_cli("render", path, home=home)
    assert (result.code, result.out) == (1, "")
    assert result.err_lines == [
        f"{path}: worker_config.max_replicas: must be between 0 and 1000 (got 2000)"
    ]


def test_render_of_broken_or_missing_files(home: Path, tmp_path: Path) -> None:
    path = _preset(tmp_path, "version = 1\n[endpoint\n")
    broken = run_cli("render", path, home=home)
    assert broken.code == 1 and broken.err.startswith(f"ppio-endpoint: {path}:2:")
    missing = run_cli("render", str(tmp_path / "nope.toml"), home=home)
    assert missing.code == 2 and "nope.toml: no such file" in missing.err


def test_seed_v2_curl_imports_and_renders_back(home: Path) -> None:
    seed = DATA / "ppio-v2-create-endpoint-curl.txt"
    result = run_cli("import", str(seed), home=home)
    assert result.code == 0, result.err
    assert result.err_lines[-1] == "imported the v2 curl command as preset 'example-endpoint'"
    body = parse_curl(seed.read_text(encoding="utf-8")).body
    rendered = json.loads(run_cli("render", "example-endpoint", home=home).out)
    # the example's empty entrypoint and command are left out; everything else is identical
    assert rendered == {k: v for k, v in body.items() if v != ""}


def test_v1_body_imports_from_stdin_and_renders_back_exactly(home: Path) -> None:
    text = (DATA / "ppio-v1-create-endpoint-body.json").read_text(encoding="utf-8")
    result = run_cli("import", "--name", "from-v1", home=home, stdin=text)
    assert result.code == 0, result.err
    rendered = run_cli("render", "--api-version", "v1", "from-v1", home=home)
    assert json.loads(rendered.out) == json.loads(text)
    saved = (home / "presets" / "from-v1.toml").read_text(encoding="utf-8")
    assert 'description = "Imported from stdin (v1 JSON body)"' in saved
    assert "[endpoint.worker_config]" in saved and "maxNum" not in saved


def test_import_reports_what_it_leaves_out(home: Path) -> None:
    body = json.dumps(
        {
            "type": "sync",
            "name": "x",
            "image": "i:1",
            "product_id": "1",
            "worker_config": {"max_replicas": 1, "turbo": True},
        }
    )
    result = run_cli("import", "-", home=home, stdin=body)
    assert result.code == 0
    assert (
        "x: worker_config.turbo: warning: not an endpoint field; left out of the preset"
        in result.err_lines
    )


def test_import_will_not_overwrite_without_force(home: Path) -> None:
    body = json.dumps({"name": "same", "image": "i:1", "worker_config": {}})
    assert run_cli("import", home=home, stdin=body).code == 0
    again = run_cli("import", home=home, stdin=body)
    assert again.code == 2 and "a preset named 'same' already exists; use --force" in again.err
    assert run_cli("import", "--force", home=home, stdin=body).code == 0


def test_import_of_what_is_not_an_endpoint(home: Path, tmp_path: Path) -> None:
    cases = {
        "hello there": "neither a curl command nor JSON",
        "[1, 2]": "expected a JSON object",
        '{"hello": 1}': "not an endpoint body of either API version",
        "curl https://x": "the curl command has no --data body to import",
        "curl https://x --data '{bad'": "the --data body is not JSON",
    }
    for text, message in cases.items():
        result = run_cli("import", home=home, stdin=text)
        assert result.code == 2 and message in result.err, (text, result.err)
    unsafe = run_cli(
        "import", "--name", "../escape", home=home, stdin='{"name": "x", "image": "i"}'
    )
    assert unsafe.code == 2 and "must not contain '/'" in unsafe.err
    missing = run_cli("import", str(tmp_path / "none.json"), home=home)
    assert missing.code == 2 and "cannot read: No such file or directory" in missing.err
    assert not (home / "presets").exists() or list((home / "presets").iterdir()) == []
