"""The API layer loads without Textual; the sandbox and client load only when asked for."""

from __future__ import annotations

import json
import subprocess
import sys


def _top_modules_after(statement: str) -> set[str]:
    code = f"import sys, json; {statement}; print(json.dumps(sorted(sys.modules)))"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    return {m.split(".")[0] for m in json.loads(out.stdout)}


def test_import_tui_app_api_pulls_in_no_textual() -> None:
    loaded = _top_modules_after("import tui_app.api")
    assert not loaded & {"textual", "rich", "pydantic"}


def test_the_client_and_the_sandbox_pull_in_no_textual() -> None:
    loaded = _top_modules_after(
        "import tui_app.api as a; a.PpioClient; a.Sandbox; a.serve_sandbox; "
        "import tui_app.commands.api_cmds"
    )
    assert "httpx" in loaded
    assert not loaded & {"textual", "rich", "pydantic"}
