"""The templates in presets/: readable, valid under both versions, no secret in clear."""

from __future__ import annotations

from pathlib import Path

import pytest

from tui_app import spec
from tui_app.home import shipped_presets_dir
from tui_app.presets import PresetStore, load_preset_file

TEMPLATES = sorted(shipped_presets_dir().glob("*.toml"))


def test_at_least_six_templates_ship() -> None:
    assert len(TEMPLATES) >= 6


@pytest.mark.parametrize("path", TEMPLATES, ids=lambda p: p.stem)
@pytest.mark.parametrize("version", ["v2", "v1"])
def test_template_is_valid(path: Path, version: str) -> None:
    preset = load_preset_file(path)
    report = spec.validate(preset.endpoint, version)
    assert report.ok, [str(i) for i in report.errors]
    if version == "v2":
        assert report.issues == ()
    assert preset.description


@pytest.mark.parametrize("path", TEMPLATES, ids=lambda p: p.stem)
def test_template_secrets_are_references(path: Path) -> None:
    envs = load_preset_file(path).endpoint.get("envs", [])
    for env in envs:
        assert not spec.looks_secret(env["key"], env["value"])
    tokens = [e["value"] for e in envs if e["key"] == "HF_TOKEN"]
    assert tokens in ([], ["${HF_TOKEN}"])


def test_the_kinds_of_server_the_templates_cover() -> None:
    endpoints = [load_preset_file(p).endpoint for p in TEMPLATES]
    images = " ".join(e["image"] for e in endpoints)
    for image in (
        "vllm/vllm-openai",
        "text-generation-inference",
        "comfyui",
        "stable-diffusion-webui",
        "faster-whisper",
    ):
        assert image in images
    batch = [e for e in endpoints if e["type"] == "async"]
    assert any(v["type"] == "network" for e in batch for v in e.get("volumes", []))


def test_store_lists_templates_as_shipped(tmp_path: Path) -> None:
    entries, errors = PresetStore(tmp_path).entries()
    assert errors == []
    assert {e.path for e in entries if e.shipped} == set(TEMPLATES)
