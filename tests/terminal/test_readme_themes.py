"""The README's "Themes and terminals" section stays true to the code."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

from tests import REPO_ROOT
from tests.terminal.conftest import launched
from tui_app.home import shipped_themes_dir
from tui_app.ui.themes import read_theme

README = (REPO_ROOT / "README.md").read_text(encoding="utf-8")


def section() -> str:
    start = README.index("## Themes and terminals")
    return README[start : README.index("\n## ", start + 1)]


def test_the_example_user_theme_loads(tmp_path: Path) -> None:
    block = re.search(r"```toml\n(# \$PPIO_ENDPOINT_HOME/themes/.*?)```", section(), re.S)
    assert block is not None
    path = tmp_path / "example.toml"
    path.write_text(block.group(1))
    theme = read_theme(path)
    assert theme.name == "night-owl"
    assert theme.variables["footer-key-foreground"] == "#FFCB6B"


def test_the_example_config_is_what_launch_reads(home: Path) -> None:
    block = re.search(r"```toml\n(# \$PPIO_ENDPOINT_HOME/config.toml.*?)```", section(), re.S)
    assert block is not None
    (home / "config.toml").write_text(block.group(1))
    app = launched()
    assert app.theme == tomllib.loads(block.group(1))["ui"]["theme"]
    assert app.settings.cursor_blink is False


def test_every_shipped_theme_is_named() -> None:
    for path in shipped_themes_dir().glob("*.toml"):
        assert f"`{path.stem}`" in section(), path.stem


def test_the_keys_link_has_a_target() -> None:
    assert "](#keys)" in section()
    assert '<a id="keys"></a>' in README
