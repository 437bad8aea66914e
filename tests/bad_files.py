"""A folder of TOML files each broken in its own way, for tests of per-file isolation."""

from __future__ import annotations

from pathlib import Path

BAD_NAMES = {
    "latin1.toml",
    "syntax.toml",
    "deep.toml",
    "bigint.toml",
    "folder.toml",
    "dangling.toml",
    "huge.toml",
}


def write_bad_files(folder: Path, good: str) -> None:
    """One file per way of being unreadable; ``good`` (a valid file's text) pads the huge one."""
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "latin1.toml").write_bytes(b'version = 1\n[meta]\ndescription = "caf\xe9"\n')
    (folder / "syntax.toml").write_text("version = 1\n[endpoint\n")
    (folder / "deep.toml").write_text("x = " + "[" * 5000 + "]" * 5000 + "\n")
    (folder / "bigint.toml").write_text("x = " + "9" * 5000 + "\n")
    (folder / "folder.toml").mkdir()
    (folder / "dangling.toml").symlink_to(folder / "nowhere.toml")
    (folder / "huge.toml").write_text(good + "# " + "x" * (1024 * 1024) + "\n")
