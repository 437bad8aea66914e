"""CI runs exactly the README's test command."""

from __future__ import annotations

import re

from tests import REPO_ROOT


def test_ci_runs_the_readme_test_command() -> None:
    readme = (REPO_ROOT / "README.md").read_text(encoding="utf-8")
    block = re.search(r"Install the test dependencies.*?```sh\n(.*?)\n```", readme, re.S)
    assert block is not None
    command = block.group(1)
    assert "-n auto" in command
    ci = (REPO_ROOT / ".ci" / "run").read_text(encoding="utf-8").splitlines()
    assert command in ci
