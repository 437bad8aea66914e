"""A ``${NAME}`` reference is stored as written, never as its value, even while the variable
is set: checked in the bytes of the files on disk (preset, draft, imported preset)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tui_app.cli import main
from tui_app.presets import Draft, DraftStore, Preset, PresetStore, load_preset_file

SECRET = "hf_SetInTheEnvironment0123456789abcd"
REFERENCE = "${HF_TOKEN}"
ENDPOINT = {
    "type": "sync",
    "name": "with-reference",
    "product_id": "1",
    "image": "vllm/vllm-openai:v0.6.3",
    "worker_config": {"max_replicas": 2},
    "envs": [
        {"key": "HF_TOKEN", "value": REFERENCE},
        {"key": "MIXED", "value": "Bearer ${HF_TOKEN}"},
    ],
}


@pytest.fixture(autouse=True)
def token_is_set(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("HF_TOKEN", SECRET)
    monkeypatch.setenv("PPIO_ENDPOINT_HOME", str(tmp_path / "home"))


def assert_reference_kept(raw: bytes) -> None:
    assert SECRET.encode() not in raw
    assert b"${HF_TOKEN}" in raw
    assert b"Bearer ${HF_TOKEN}" in raw


def test_a_saved_preset_file_holds_the_reference_not_the_value(tmp_path: Path) -> None:
    store = PresetStore(tmp_path / "home", shipped_dir=tmp_path / "none")
    path = store.save(Preset("with-reference", ENDPOINT))
    assert_reference_kept(path.read_bytes())
    assert load_preset_file(path).endpoint["envs"][0] == {"key": "HF_TOKEN", "value": REFERENCE}


def test_renaming_keeps_the_reference(tmp_path: Path) -> None:
    store = PresetStore(tmp_path / "home", shipped_dir=tmp_path / "none")
    store.save(Preset("before", ENDPOINT))
    assert_reference_kept(store.rename("before", "after").read_bytes())


def test_a_draft_file_holds_the_reference_not_the_value(tmp_path: Path) -> None:
    drafts = DraftStore(tmp_path / "home")
    drafts.save(Draft(ENDPOINT, None, "v2"))
    assert_reference_kept(drafts.path.read_bytes())


def test_import_keeps_the_reference(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    source = tmp_path / "body.json"
    source.write_text(json.dumps(ENDPOINT), encoding="utf-8")
    assert main(["import", str(source)]) == 0
    path = Path(capsys.readouterr().out.strip())
    assert path == tmp_path / "home" / "presets" / "with-reference.toml"
    assert_reference_kept(path.read_bytes())
