"""Theme loading with broken user theme files among good ones: each is reported, the good one
loads, and a FIFO is not opened (which would wait for a writer forever)."""

from __future__ import annotations

import os
import threading
from pathlib import Path

from tui_app.ui.themes import ThemeSet, load_themes

GOOD = 'name = "mine"\n[colors]\nprimary = "#112233"\n'


def test_each_bad_theme_is_reported_and_the_rest_load(tmp_path: Path) -> None:
    folder = tmp_path / "themes"
    folder.mkdir()
    (folder / "good.toml").write_text(GOOD)
    (folder / "latin1.toml").write_bytes(b'name = "caf\xe9"\n')
    (folder / "syntax.toml").write_text("name = \n")
    (folder / "deep.toml").write_text("x = " + "[" * 5000 + "]" * 5000 + "\n")
    (folder / "bigint.toml").write_text("x = " + "9" * 5000 + "\n")
    (folder / "folder.toml").mkdir()
    (folder / "dangling.toml").symlink_to(folder / "nowhere.toml")
    (folder / "huge.toml").write_text(GOOD + "# " + "x" * (1024 * 1024) + "\n")
    os.mkfifo(folder / "pipe.toml")

    found: list[ThemeSet] = []
    worker = threading.Thread(target=lambda: found.append(load_themes(tmp_path)), daemon=True)
    worker.start()
    worker.join(20)
    assert found, "loading the themes did not finish"
    [themes] = found

    assert themes.themes["mine"].primary == "#112233"
    assert "ppio-dark" in themes.themes  # the shipped ones are unaffected
    problems = {Path(p.split(":")[0]).name: p for p in themes.problems}
    assert set(problems) == {
        "latin1.toml",
        "syntax.toml",
        "deep.toml",
        "bigint.toml",
        "folder.toml",
        "dangling.toml",
        "huge.toml",
        "pipe.toml",
    }
    assert "nested too deeply" in problems["deep.toml"]
    assert "is not a regular file" in problems["pipe.toml"]
    assert "larger than 1024 KiB" in problems["huge.toml"]
