"""``render --format curl`` run by bash: ``${HF_TOKEN}`` is expanded when the command runs,
nothing else in the body is, and ``import`` of that command gives the reference back."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from pathlib import Path

import pytest

from tests.cli.runner import run_cli
from tests.cli.test_render_import_cmd import PRESET, V2_BODY
from tui_app.presets import load_preset_file

pytestmark = pytest.mark.skipif(shutil.which("bash") is None, reason="needs bash")

TRICKY = "it's $HOME `id` $(id)\nsecond line \\ \" end"
# curl stands in as a function: one line per header, then the --data argument as it arrived
FAKE_CURL = r"""curl() {
  while [ $# -gt 0 ]; do
    case "$1" in
      --header) printf 'header: %s\n' "$2"; shift ;;
      --data) printf '%s' "$2" > "$DATA_OUT"; shift ;;
    esac
    shift
  done
}
"""


def _preset(tmp_path: Path) -> str:
    note = '[[endpoint.envs]]\nkey = "NOTE"\nvalue = ' + json.dumps(TRICKY) + "\n"
    text = PRESET.replace("[endpoint.health_check]", note + "[endpoint.health_check]")
    path = tmp_path / "demo.toml"
    path.write_text(text, encoding="utf-8")
    return str(path)


def run_in_bash(command: str, tmp_path: Path, **env: str) -> tuple[str, str]:
    out = tmp_path / "data.out"
    environ = {**os.environ, "DATA_OUT": str(out), **env}
    proc = subprocess.run(
        ["bash", "-c", FAKE_CURL + command],
        capture_output=True,
        text=True,
        env=environ,
        timeout=30,
    )
    assert proc.returncode == 0, proc.stderr
    return proc.stdout, out.read_text(encoding="utf-8")


def test_bash_expands_the_reference_and_nothing_else(home: Path, tmp_path: Path) -> None:
    result = run_cli("render", "--format", "curl", _preset(tmp_path), home=home)
    assert result.code == 0
    assert "hf_from_env_123" not in result.out
    headers, data = run_in_bash(
        result.out, tmp_path, HF_TOKEN="hf_from_env_123", PPIO_API_KEY="sk-run-key-000"
    )
    assert "header: Authorization: Bearer sk-run-key-000" in headers
    sent = json.loads(data)
    assert sent["envs"] == [
        {"key": "HF_TOKEN", "value": "hf_from_env_123"},
        {"key": "NOTE", "value": TRICKY},  # quotes, $, backticks and newlines kept as written
    ]
    assert {k: v for k, v in sent.items() if k != "envs"} == {
        k: v for k, v in V2_BODY.items() if k != "envs"
    }


def test_a_value_with_shell_characters_arrives_unexpanded(home: Path, tmp_path: Path) -> None:
    result = run_cli("render", "--format", "curl", _preset(tmp_path), home=home)
    _, data = run_in_bash(result.out, tmp_path, HF_TOKEN=TRICKY)
    assert f'"value": "{TRICKY}"' in data  # the variable's own text, not run by the shell


def test_import_of_the_rendered_curl_gives_the_reference_back(home: Path, tmp_path: Path) -> None:
    rendered = run_cli("render", "--format", "curl", _preset(tmp_path), home=home)
    curl_file = tmp_path / "request.sh"
    curl_file.write_text(rendered.out, encoding="utf-8")
    imported = run_cli("import", str(curl_file), "--name", "back", home=home)
    assert imported.code == 0, imported.err
    envs = load_preset_file(Path(imported.out.strip())).endpoint["envs"]
    assert envs == [
        {"key": "HF_TOKEN", "value": "${HF_TOKEN}"},
        {"key": "NOTE", "value": TRICKY},
    ]
