"""Theme files: shipped ones load, user ones load and override, broken ones are reported once."""

from __future__ import annotations

from pathlib import Path

import pytest

from tui_app.home import shipped_themes_dir
from tui_app.ui.themes import DEFAULT_THEME, load_themes, read_theme

SHIPPED = sorted(shipped_themes_dir().glob("*.toml"))


def test_at_least_five_themes_ship_including_the_default() -> None:
    names = set(load_themes(Path("/nonexistent")).themes)
    assert len(SHIPPED) >= 5
    assert {DEFAULT_THEME, "ppio-light", "high-contrast", "ember", "terminal"} <= names


@pytest.mark.parametrize("path", SHIPPED, ids=lambda p: p.stem)
def test_each_shipped_theme_is_valid(path: Path) -> None:
    theme = read_theme(path)
    assert theme.name == path.stem
    assert theme.primary


def test_terminal_theme_uses_the_terminals_own_colours() -> None:
    theme = read_theme(shipped_themes_dir() / "terminal.toml")
    assert theme.ansi is True
    assert theme.primary.startswith("ansi_")


def test_user_theme_is_loaded_and_can_replace_a_shipped_one(tmp_path: Path) -> None:
    folder = tmp_path / "themes"
    folder.mkdir()
    (folder / "mine.toml").write_text('name = "mine"\n[colors]\nprimary = "#112233"\n')
    (folder / "dark.toml").write_text(
        'name = "ppio-dark"\ndark = true\n[colors]\nprimary = "#ff0000"\n'
    )
    found = load_themes(tmp_path)
    assert found.problems == []
    assert found.themes["mine"].primary == "#112233"
    assert found.themes["ppio-dark"].primary == "#ff0000"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ('name = "x"\n[colors\nprimary = "#fff"\n', "line 2"),
        (
            'name = "x"\n[colors]\nprimary = "blurple"\n',
            "colors.primary = 'blurple' is not a colour",
        ),
        ('[colors]\nprimary = "#fff"\n', "name is required"),
        ('name = "x"\n[colors]\nsecondary = "#fff"\n', "primary is required"),
        ('name = "x"\ncolour = 1\n[colors]\nprimary = "#fff"\n', "unknown key 'colour'"),
        ('name = "x"\ndark = "yes"\n[colors]\nprimary = "#fff"\n', "dark must be true or false"),
    ],
)
def test_a_broken_theme_yields_one_clear_message_and_others_still_load(
    tmp_path: Path, text: str, expected: str
) -> None:
    folder = tmp_path / "themes"
    folder.mkdir()
    (folder / "broken.toml").write_text(text)
    found = load_themes(tmp_path)
    assert len(found.problems) == 1
    assert "broken.toml" in found.problems[0]
    assert expected in found.problems[0]
    assert DEFAULT_THEME in found.themes
