"""A newcomer's first submit works: every shipped template is accepted by the sandbox."""

from __future__ import annotations

import pytest

from tui_app import spec
from tui_app.api import PpioClient, Target
from tui_app.home import shipped_presets_dir
from tui_app.presets import load_preset_file

TEMPLATES = sorted(shipped_presets_dir().glob("*.toml"))


@pytest.mark.parametrize("version", ["v2", "v1"])
@pytest.mark.parametrize("path", TEMPLATES, ids=[p.stem for p in TEMPLATES])
async def test_a_shipped_template_is_created_in_the_sandbox(path, version: str) -> None:
    preset = load_preset_file(path, shipped=True)
    data, _ = spec.resolve(preset.endpoint, {"HF_TOKEN": "hf_" + "x" * 30})
    async with PpioClient(Target("sandbox", "http://sandbox.local", version, sandbox=True)) as c:
        created = await c.create(data)
        info = await c.get(created.id)
    assert info.name == preset.endpoint["name"]
    assert c.sandbox is not None and list(c.sandbox.endpoints) == [created.id]


def test_there_are_templates_to_check() -> None:
    assert len(TEMPLATES) >= 3
