"""``presets list | show | path`` and ``fields`` (which also writes the README's table)."""

from __future__ import annotations

import re
from pathlib import Path

from tests import REPO_ROOT
from tests.cli.runner import run_cli
from tui_app import spec
from tui_app.home import shipped_presets_dir

MINE = 'version = 1\n[meta]\ndescription = "my own"\n[endpoint]\nname = "m"\n'


def test_list_shows_user_presets_and_templates(home: Path) -> None:
    (home / "presets").mkdir()
    (home / "presets" / "mine.toml").write_text(MINE, encoding="utf-8")
    (home / "presets" / "broken.toml").write_text("version = 1\n[endpoint\n", encoding="utf-8")
    result = run_cli("presets", "list", home=home)
    assert result.code == 0
    lines = result.out.splitlines()
    assert lines[0].split() == ["NAME", "SOURCE", "DESCRIPTION"]
    assert lines[1].split(None, 2) == ["mine", "user", "my own"]
    names = [line.split()[0] for line in lines[2:]]
    assert names == sorted(p.stem for p in shipped_presets_dir().glob("*.toml"))
    assert all(line.split()[1] == "template" for line in lines[2:])
    [skipped] = result.err_lines
    assert skipped.startswith(f"ppio-endpoint: skipped {home / 'presets' / 'broken.toml'}:2:")


def test_show_prints_the_file(home: Path) -> None:
    result = run_cli("presets", "show", "tgi", home=home)
    assert result.code == 0
    assert result.out == (shipped_presets_dir() / "tgi.toml").read_text(encoding="utf-8")
    missing = run_cli("presets", "show", "nothing-here", home=home)
    assert missing.code == 2 and "nothing-here: no such file or preset" in missing.err


def test_path_of_the_folder_and_of_a_preset(home: Path) -> None:
    assert run_cli("presets", "path", home=home).out.strip() == str(home / "presets")
    assert run_cli("presets", "path", "comfyui", home=home).out.strip() == str(
        shipped_presets_dir() / "comfyui.toml"
    )
    assert run_cli("presets", "path", "ghost", home=home).code == 2
    assert run_cli("presets", home=home).code == 2


def test_fields_lists_every_declared_field(home: Path) -> None:
    result = run_cli("fields", home=home)
    assert result.code == 0
    rows = [line for line in result.out.splitlines() if line.startswith("| `")]
    assert [re.match(r"\| `([^`]+)`", r).group(1) for r in rows] == list(spec.FIELDS)
    name = next(r for r in rows if r.startswith("| `name`"))
    assert name == "| `name` | Name |  | 1-255 chars | `name` | <= 220 chars | v2 |"
    port = next(r for r in rows if r.startswith("| `ports.*`"))
    assert "not 2222, 2223, 2224; sent as text" in port


def test_readme_field_reference_is_the_generated_table(home: Path) -> None:
    readme = (REPO_ROOT / "README.md").read_text(encoding="utf-8")
    match = re.search(r"<!-- fields:start -->\n(.*?)<!-- fields:end -->", readme, re.S)
    assert match, "README.md lacks the fields:start / fields:end markers"
    assert match.group(1).strip() == run_cli("fields", home=home).out.strip(), (
        "README's field table is stale: regenerate it with `ppio-endpoint fields`"
    )


def test_help_lists_exit_codes(home: Path) -> None:
    result = run_cli("validate", "--help", home=home)
    assert result.code == 0 and "exit codes: 0 ok, 1 invalid, 2 usage error" in result.out
