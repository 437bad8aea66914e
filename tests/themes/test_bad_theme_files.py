"""Theme loading with broken user theme files among good ones: each is reported, the good one
loads, and a FIFO is not opened (which would wait for a writer forever)."""

from __future__ import annotations

import os
import threading
from pathlib import Path

from tests.bad_files import BAD_NAMES, write_bad_files
from tui_app.ui.themes import ThemeSet, load_themes

GOOD = 'name = "mine"\n[colors]\nprimary = "#112233"\n'


def test_each_bad_theme_is_reported_and_the_rest_load(tmp_path: Path) -> None:
    folder = tmp_path / "themes"
    folder.mkdir()
    (folder / "good.toml").write_text(GOOD)
    write_bad_files(folder, GOOD)
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
    assert set(problems) == BAD_NAMES | {"pipe.toml"}
    assert "nested too deeply" in problems["deep.toml"]
    assert "is not a regular file" in problems["pipe.toml"]
    assert "larger than 1024 KiB" in problems["huge.toml"]
