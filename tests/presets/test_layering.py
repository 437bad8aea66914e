"""Presets and the headless spec verbs stay free of Textual, httpx and pydantic."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest


@pytest.mark.parametrize("module", ["tui_app.presets", "tui_app.commands.spec_cmds"])
def test_module_pulls_in_no_ui_no_network_no_pydantic(module: str) -> None:
    code = f"import sys, json, {module}; print(json.dumps(sorted(sys.modules)))"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    loaded = {name.split(".")[0] for name in json.loads(out.stdout)}
    assert not loaded & {"textual", "httpx", "pydantic", "rich"}
