"""Core layers import neither Textual nor httpx."""

import json
import subprocess
import sys


def _modules_after(statement: str) -> set[str]:
    code = f"import sys, json; {statement}; print(json.dumps(sorted(sys.modules)))"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    return set(json.loads(out.stdout))


def _top(modules: set[str]) -> set[str]:
    return {m.split(".")[0] for m in modules}


def test_spec_pulls_in_no_textual_no_httpx_no_pydantic() -> None:
    loaded = _top(_modules_after("import tui_app.spec"))
    assert not loaded & {"textual", "httpx", "pydantic", "rich"}
