"""Input a verb cannot use gets a plain message and the documented exit code, never a traceback:
flag values out of range, empty ids, JSON nested too deep, numbers too long to convert, and a
data home nothing can be written to."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.api.conftest import sample
from tests.cli.runner import run_cli
from tests.cli_api.test_endpoints_pull_sandbox import create
from tests.sandbox_server import TEST_KEY, sandbox_server

# --- flags -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("args", "words"),
    [
        (["endpoints", "list", "--timeout", "nan"], "--timeout: must be a number of seconds"),
        (["endpoints", "list", "--timeout", "inf"], "--timeout: must be a number of seconds"),
        (["endpoints", "list", "--timeout", "0"], "--timeout: must be a number of seconds"),
        (["endpoints", "get", "--timeout", "-2", "e1"], "greater than 0 (got '-2')"),
        (["endpoints", "list", "--limit", "0"], "--limit: must be a whole number 1 or more"),
        (["endpoints", "list", "--retries", "-1"], "--retries: must be a whole number 0 or more"),
        (["sandbox", "--port", "70000"], "--port: must be a whole number between 0 and 65535"),
        (["sandbox", "--port", "-1"], "--port: must be a whole number between 0 and 65535"),
        (["sandbox", "--faults", "latency=nan"], "--faults: fault spec: latency and retry_after"),
        (["sandbox", "--faults", "retry_after=inf"], "must be finite and must not be negative"),
        (["endpoints", "get", ""], "argument ID: must not be empty"),
        (["endpoints", "delete", "--yes", " "], "argument ID: must not be empty"),
        (["pull", ""], "argument ENDPOINT_ID: must not be empty"),
    ],
    ids=lambda v: " ".join(v) if isinstance(v, list) else None,
)
def test_flag_values_out_of_range_are_refused(home: Path, args: list[str], words: str) -> None:
    run = run_cli(*args, home=home)
    assert run.code == 2
    assert words in run.err
    assert run.out == ""


# --- JSON and TOML that would break a parser -------------------------------------------------


def _deep(depth: int) -> str:
    return '{"name": "deep", "envs": ' + "[" * depth + "]" * depth + "}"


HUGE_INT = '{"name": "big", "worker_config": {"max_replicas": ' + "1" * 5000 + "}}"


@pytest.mark.parametrize(
    ("text", "words"),
    [
        (_deep(100_000), "the JSON is nested deeper than 64 levels"),
        (_deep(200), "the JSON is nested deeper than 64 levels"),
        (HUGE_INT, "a number has more than 4300 digits"),
        (
            "curl https://x.example/v2/endpoints --data '" + _deep(100_000) + "'",
            "the --data body cannot be used: the JSON is nested deeper than 64 levels",
        ),
        (
            "curl https://x.example/v2/endpoints --data '" + HUGE_INT + "'",
            "the --data body cannot be used: a number has more than 4300 digits",
        ),
    ],
    ids=["json-100000-deep", "json-200-deep", "json-huge-int", "curl-deep", "curl-huge-int"],
)
def test_import_refuses_deep_json_and_huge_numbers(
    home: Path, tmp_path: Path, text: str, words: str
) -> None:
    source = tmp_path / "body.txt"
    source.write_text(text)
    run = run_cli("import", str(source), home=home)
    assert run.code == 2
    assert words in run.err
    assert not (home / "presets").exists()


def test_submit_refuses_a_json_body_with_a_huge_number(home: Path, tmp_path: Path) -> None:
    source = tmp_path / "body.json"
    source.write_text(HUGE_INT)
    run = run_cli("submit", "--dry-run", str(source), home=home)
    assert run.code == 2
    assert f"{source}: a number has more than 4300 digits" in run.err


def test_a_v1_number_sent_as_a_very_long_string_is_left_to_validation(
    home: Path, tmp_path: Path
) -> None:
    body = {
        "endpoint": {"appName": "app", "name": "longnum", "workerConfig": {"maxNum": "9" * 5000}}
    }
    source = tmp_path / "v1.json"
    source.write_text(json.dumps(body))
    run = run_cli("import", str(source), home=home)
    assert run.code == 0
    assert "worker_config.max_replicas: must be a whole number, not text ('9999" in run.err


@pytest.mark.parametrize("verb", ["validate", "render"])
def test_a_preset_with_a_huge_integer_is_a_located_error(
    home: Path, tmp_path: Path, verb: str
) -> None:
    preset = tmp_path / "big.toml"
    preset.write_text('version = 1\n[endpoint]\nname = "big"\nports = [' + "8" * 5000 + "]\n")
    run = run_cli(verb, str(preset), home=home)
    assert run.code == 1
    assert f"{preset}:4:10: a number has more than 4300 digits" in run.err


# --- a data home nothing can be written to ---------------------------------------------------


@pytest.fixture
def blocked_home(tmp_path: Path) -> Path:
    """A home whose parent is a regular file: mkdir fails for everyone, root included."""
    parent = tmp_path / "not-a-folder"
    parent.write_text("")
    return parent / "home"


def test_import_into_an_unwritable_home_says_so(blocked_home: Path, tmp_path: Path) -> None:
    source = tmp_path / "body.json"
    source.write_text(json.dumps({"name": "ro", "image": "a/b:1", "product_id": "1"}))
    run = run_cli("import", str(source), home=blocked_home)
    assert run.code == 2
    assert run.err_lines[-1] == (
        f"ppio-endpoint: cannot save preset 'ro': cannot write {blocked_home}/presets/ro.toml: "
        "Not a directory (is PPIO_ENDPOINT_HOME a writable folder?)"
    )


def test_pull_into_an_unwritable_home_says_so_and_history_is_off(blocked_home: Path) -> None:
    with sandbox_server() as server:
        endpoint_id = create(server, sample(name="pulled"))
        env = {"PPIO_BASE_URL": server.base_url, "PPIO_API_KEY": TEST_KEY}
        run = run_cli("pull", endpoint_id, home=blocked_home, env=env)
    assert run.code == 2
    assert (
        f"ppio-endpoint: history is off: cannot write {blocked_home}/history.jsonl: "
        "Not a directory (is PPIO_ENDPOINT_HOME a writable folder?)"
    ) in run.err_lines
    assert run.err_lines[-1].startswith(
        f"ppio-endpoint: cannot save preset 'pulled': cannot write {blocked_home}/presets/"
    )
