"""``ppio-endpoint validate``: lines or JSON per file, and the exit code a script can test."""

from __future__ import annotations

import json
from pathlib import Path

from tests.cli.runner import run_cli
from tui_app.home import shipped_presets_dir

GOOD = """version = 1
[endpoint]
type = "sync"
name = "demo"
product_id = "1"
image = "vllm/vllm-openai:v0.6.3"
ports = [8000, 8001]
[endpoint.worker_config]
max_replicas = 2
"""

BAD = """version = 1
[endpoint]
type = "batch"
name = "demo"
product_id = "1"
image = "vllm/vllm-openai:v0.6.3"
[endpoint.worker_config]
max_replicas = 5000
[[endpoint.envs]]
key = "HF_TOKEN"
value = "hf_aB3dE5gH7jK9mN1pQ3sT5vX7z"
"""


def _file(folder: Path, name: str, text: str) -> Path:
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


def test_shipped_templates_are_valid(home: Path) -> None:
    files = sorted(str(p) for p in shipped_presets_dir().glob("*.toml"))
    result = run_cli("validate", *files, home=home)
    assert (result.code, result.out, result.err) == (0, "", "")


def test_invalid_file_lists_each_problem(home: Path, tmp_path: Path) -> None:
    _file(tmp_path, "bad.toml", BAD)
    result = run_cli("validate", "bad.toml", home=home, cwd=tmp_path)
    assert result.code == 1
    assert result.out == ""
    assert result.err_lines == [
        "bad.toml: type: must be one of: sync, async",
        "bad.toml: worker_config.max_replicas: must be between 0 and 1000 (got 5000)",
        "bad.toml: envs.0.value: warning: looks like a secret written in clear; "
        "write ${NAME} to read it from your environment when sending",
    ]


def test_rules_follow_the_api_version(home: Path, tmp_path: Path) -> None:
    path = str(_file(tmp_path, "good.toml", GOOD))
    assert run_cli("validate", path, home=home).code == 0
    v1 = run_cli("validate", "--api-version", "v1", path, home=home)
    assert v1.code == 1
    assert f"{path}: ports: the v1 API takes exactly one port (got 2)" in v1.err_lines
    assert f"{path}: worker_config.min_replicas: is required by the v1 API" in v1.err_lines


def test_json_report_has_one_object_per_file(home: Path, tmp_path: Path) -> None:
    good = str(_file(tmp_path, "good.toml", GOOD))
    bad = str(_file(tmp_path, "bad.toml", BAD))
    result = run_cli("validate", "--json", good, bad, home=home)
    assert result.code == 1 and result.err == ""
    report = json.loads(result.out)
    assert report[0] == {"file": good, "valid": True, "errors": [], "warnings": []}
    assert report[1]["file"] == bad and report[1]["valid"] is False
    assert report[1]["errors"] == [
        {"loc": "type", "message": "must be one of: sync, async"},
        {"loc": "worker_config.max_replicas", "message": "must be between 0 and 1000 (got 5000)"},
    ]
    assert [w["loc"] for w in report[1]["warnings"]] == ["envs.0.value"]


def test_syntax_error_names_line_and_column(home: Path, tmp_path: Path) -> None:
    _file(tmp_path, "broken.toml", 'version = 1\n[endpoint]\nname = "demo\n')
    result = run_cli("validate", "broken.toml", home=home, cwd=tmp_path)
    assert result.code == 1
    [line] = result.err_lines
    assert line == "broken.toml:3:13: TOML syntax error: Illegal character '\\n'"
    as_json = json.loads(run_cli("validate", "--json", "broken.toml", home=home, cwd=tmp_path).out)
    assert as_json[0]["errors"][0]["line"] == 3 and as_json[0]["valid"] is False


def test_structure_problems_are_errors_too(home: Path, tmp_path: Path) -> None:
    text = 'version = 0\nendpont = 1\n[meta]\ndescription = 5\n[endpoint]\nnmae = "x"\n'
    _file(tmp_path, "odd.toml", text)
    result = run_cli("validate", "odd.toml", home=home, cwd=tmp_path)
    assert result.code == 1
    assert result.err_lines[:4] == [
        "odd.toml: version: must be 1 (got 0)",
        "odd.toml: endpont: unknown key 'endpont'; did you mean 'endpoint'?",
        "odd.toml: meta.description: must be text",
        "odd.toml: nmae: unknown field 'nmae'; did you mean 'name'?",
    ]


def test_one_bad_file_does_not_hide_the_others(home: Path, tmp_path: Path) -> None:
    _file(tmp_path, "broken.toml", "version = \n")
    _file(tmp_path, "bad.toml", BAD)
    _file(tmp_path, "good.toml", GOOD)
    result = run_cli(
        "validate", "--json", "broken.toml", "bad.toml", "good.toml", home=home, cwd=tmp_path
    )
    assert [(r["file"], r["valid"]) for r in json.loads(result.out)] == [
        ("broken.toml", False),
        ("bad.toml", False),
        ("good.toml", True),
    ]


def test_unreadable_input_is_exit_2(home: Path, tmp_path: Path) -> None:
    _file(tmp_path, "bad.toml", BAD)
    result = run_cli("validate", "missing.toml", "bad.toml", home=home, cwd=tmp_path)
    assert result.code == 2
    assert result.err_lines[0] == "missing.toml: no such file"
    assert (
        "bad.toml: worker_config.max_replicas: must be between 0 and 1000 (got 5000)" in result.err
    )


def test_a_preset_name_works_as_well_as_a_path(home: Path) -> None:
    assert run_cli("validate", "vllm-openai", home=home).code == 0
    missing = run_cli("validate", "no-such-preset", home=home)
    assert missing.code == 2 and "no such file or preset" in missing.err


def test_usage_errors_exit_2(home: Path) -> None:
    assert run_cli("validate", home=home).code == 2
    wrong = run_cli("validate", "--api-version", "v3", "x.toml", home=home)
    assert wrong.code == 2 and "invalid choice: 'v3'" in wrong.err
