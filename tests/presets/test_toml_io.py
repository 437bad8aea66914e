"""Preset files on disk: what is written, what is read back, and what a broken file says."""

from __future__ import annotations

import os
import stat
import tomllib
from pathlib import Path

import pytest

from tests.spec.models import FULL
from tui_app import spec
from tui_app.presets import (
    Preset,
    PresetError,
    PresetUnreadable,
    load_preset_file,
    preset_to_toml,
    save_preset_file,
)


def _write(tmp_path: Path, text: str, name: str = "p.toml") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_saved_file_reads_back_unchanged(tmp_path: Path) -> None:
    path = tmp_path / "llama.toml"
    save_preset_file(path, Preset("llama", FULL, "Llama on vLLM"))
    loaded = load_preset_file(path)
    assert (loaded.name, loaded.description, loaded.path) == ("llama", "Llama on vLLM", path)
    assert loaded.endpoint == spec.clean(FULL)


def test_file_layout_uses_tables_in_field_order(tmp_path: Path) -> None:
    text = preset_to_toml(Preset("x", {"ports": [8000], **FULL}, "d"))
    headers = [line for line in text.splitlines() if line.startswith("[")]
    assert headers == [
        "[meta]",
        "[endpoint]",
        "[endpoint.worker_config]",
        "[endpoint.policy]",
        "[[endpoint.volumes]]",
        "[[endpoint.volumes]]",
        "[[endpoint.envs]]",
        "[[endpoint.envs]]",
        "[endpoint.health_check]",
    ]
    assert text.startswith("version = 1\n")
    assert "ports = [8000]\n" in text
    endpoint = text.split("[endpoint]\n", 1)[1].split("\n\n", 1)[0].splitlines()
    assert [line.split(" = ")[0] for line in endpoint][:3] == ["type", "name", "app_name"]


def test_none_and_empty_optional_values_are_never_written(tmp_path: Path) -> None:
    data = {
        "name": "x",
        "app_name": None,
        "command": "",
        "worker_config": {"max_replicas": None, "gpu_num": 1},
        "envs": [{"key": "A", "value": ""}, {"key": "B", "value": None}],
        "custom": {"kept": None, "n": 1},
    }
    text = preset_to_toml(Preset("x", data))
    assert "app_name" not in text and "command" not in text and "max_replicas" not in text
    assert tomllib.loads(text)["endpoint"] == {
        "name": "x",
        "worker_config": {"gpu_num": 1},
        "envs": [{"key": "A", "value": ""}, {"key": "B"}],
        "custom": {"n": 1},
    }


def test_odd_keys_and_values_survive(tmp_path: Path) -> None:
    data = {
        "name": 'quote " and \\ and \n newline',
        "weird key": {"a.b": [1, "two", {"x": 1}]},
        "envs": [{"key": "K", "value": "ünïcødé ☃"}],
    }
    path = tmp_path / "w.toml"
    save_preset_file(path, Preset("w", data))
    assert load_preset_file(path).endpoint == data


def test_saved_files_are_private_and_no_temp_file_remains(tmp_path: Path) -> None:
    path = tmp_path / "sub" / "p.toml"
    save_preset_file(path, Preset("p", FULL))
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert os.listdir(path.parent) == ["p.toml"]


def test_a_failed_save_leaves_the_old_file_whole(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "p.toml"
    save_preset_file(path, Preset("p", FULL, "old"))
    before = path.read_bytes()

    def crash(*args: object) -> None:
        raise OSError("disk full")

    monkeypatch.setattr(os, "replace", crash)
    with pytest.raises(OSError, match="disk full"):
        save_preset_file(path, Preset("p", {**FULL, "name": "new"}, "new"))
    assert path.read_bytes() == before
    assert os.listdir(tmp_path) == ["p.toml"]


def test_syntax_error_names_file_line_and_column(tmp_path: Path) -> None:
    path = _write(tmp_path, 'version = 1\n[endpoint]\nname = "x\n')
    with pytest.raises(PresetError) as caught:
        load_preset_file(path)
    error = caught.value
    assert (error.path, error.line, error.column) == (path, 3, 10)
    assert str(error).startswith(f"{path}:3:10: TOML syntax error: ")


def test_an_integer_past_the_digit_limit_is_a_located_preset_error(tmp_path: Path) -> None:
    path = _write(tmp_path, 'version = 1\n[endpoint]\nname = "x"\n\n  gpu = ' + "7" * 5000 + "\n")
    with pytest.raises(PresetError) as caught:
        load_preset_file(path)
    error = caught.value
    assert (error.path, error.line, error.column) == (path, 5, 9)
    assert str(error) == f"{path}:5:9: a number has more than 4300 digits"


def test_error_at_the_end_of_the_file_points_at_the_last_line(tmp_path: Path) -> None:
    path = _write(tmp_path, "version = 1\n[endpoint]\nname = ")
    with pytest.raises(PresetError) as caught:
        load_preset_file(path)
    assert (caught.value.line, caught.value.column) == (3, 8)
    assert "at the end of the file" in caught.value.message


def test_duplicate_table_is_a_syntax_error(tmp_path: Path) -> None:
    path = _write(tmp_path, "version = 1\n[endpoint]\nname = 'a'\n[endpoint]\n")
    with pytest.raises(PresetError, match="TOML syntax error"):
        load_preset_file(path)


def test_bytes_that_are_not_utf8(tmp_path: Path) -> None:
    path = tmp_path / "p.toml"
    path.write_bytes(b'version = 1\n[endpoint]\nname = "\xff"\n')
    with pytest.raises(PresetError) as caught:
        load_preset_file(path)
    assert (caught.value.line, caught.value.column, caught.value.message) == (
        3,
        9,
        "is not UTF-8 text",
    )


def test_missing_file_is_unreadable_not_invalid(tmp_path: Path) -> None:
    with pytest.raises(PresetUnreadable, match="no such file"):
        load_preset_file(tmp_path / "nope.toml")
    with pytest.raises(PresetUnreadable, match="is a folder"):
        load_preset_file(tmp_path)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ('[endpoint]\nname = "x"\n', "version: is required: the preset format version, 1"),
        ('version = "1"\n[endpoint]\n', "version: must be the whole number 1"),
        ("version = 0\n[endpoint]\n", "version: must be 1 (got 0)"),
        (
            "version = 2\n[endpoint]\n",
            "version: preset format 2 is newer than this program reads (1); update ppio-endpoint",
        ),
        ("version = 1\n", "endpoint: is required: the [endpoint] table"),
        ('version = 1\nendpoint = "x"\n', "endpoint: must be a table ([endpoint])"),
        ("version = 1\n[endpont]\n", "endpont: unknown key 'endpont'; did you mean 'endpoint'?"),
        (
            'version = 1\nname = "x"\n[endpoint]\n',
            "name: unknown key 'name'; endpoint fields belong under [endpoint]",
        ),
        ('version = 1\nmeta = "x"\n[endpoint]\n', "meta: must be a table ([meta])"),
        ("version = 1\n[meta]\ndescription = 5\n[endpoint]\n", "meta.description: must be text"),
        (
            'version = 1\n[meta]\ndescripton = "x"\n[endpoint]\n',
            "meta.descripton: unknown key 'descripton'; did you mean 'description'?",
        ),
    ],
)
def test_structure_problems_name_the_key(tmp_path: Path, text: str, message: str) -> None:
    path = _write(tmp_path, text)
    with pytest.raises(PresetError) as caught:
        load_preset_file(path)
    assert caught.value.message == message


def test_structure_problem_points_at_its_line(tmp_path: Path) -> None:
    path = _write(tmp_path, 'version = 1\n\n# comment\nendpont = "x"\n[endpoint]\n')
    with pytest.raises(PresetError) as caught:
        load_preset_file(path)
    assert (
        str(caught.value) == f"{path}:4: endpont: unknown key 'endpont'; did you mean 'endpoint'?"
    )


def test_endpoint_rules_are_left_to_the_caller(tmp_path: Path) -> None:
    path = _write(
        tmp_path, "version = 1\n[endpoint]\n[endpoint.worker_config]\nmax_replicas = -4\n"
    )
    preset = load_preset_file(path)
    assert preset.endpoint == {"worker_config": {"max_replicas": -4}}
    assert not spec.validate(preset.endpoint).ok
