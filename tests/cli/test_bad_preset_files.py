"""``presets list`` with broken files among good ones: each is reported, the rest still list,
nothing hangs on a FIFO, and temp files of interrupted saves are cleaned up, never listed."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.bad_files import BAD_NAMES, write_bad_files
from tests.cli.runner import run_cli

GOOD = 'version = 1\n[meta]\ndescription = "fine"\n[endpoint]\nname = "g"\n'


def listed_names(out: str) -> list[str]:
    return [line.split()[0] for line in out.splitlines()[1:]]


def skipped(err: str) -> list[str]:
    prefix = "ppio-endpoint: skipped "
    return [line[len(prefix) :] for line in err.splitlines() if line.startswith(prefix)]


def test_each_bad_file_is_reported_and_the_good_ones_still_list(home: Path) -> None:
    folder = home / "presets"
    folder.mkdir()
    (folder / "a-good.toml").write_text(GOOD)
    (folder / "z-good.toml").write_text(GOOD)
    write_bad_files(folder, GOOD)

    result = run_cli("presets", "list", home=home)  # fails on any traceback

    assert result.code == 0
    names = listed_names(result.out)
    assert names[:2] == ["a-good", "z-good"]
    problems = {Path(line.split(":")[0]).name: line for line in skipped(result.err)}
    assert set(problems) == BAD_NAMES
    assert problems["latin1.toml"].endswith(":3:19: is not UTF-8 text")
    assert "nested too deeply" in problems["deep.toml"]
    assert "digits" in problems["bigint.toml"]
    assert "is a folder" in problems["folder.toml"]
    assert "does not exist" in problems["dangling.toml"]
    assert "larger than 1024 KiB" in problems["huge.toml"]


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads files whatever their mode")
def test_an_unreadable_file_is_reported(home: Path) -> None:
    folder = home / "presets"
    folder.mkdir()
    (folder / "good.toml").write_text(GOOD)
    (folder / "locked.toml").write_text(GOOD)
    (folder / "locked.toml").chmod(0)
    result = run_cli("presets", "list", home=home)
    assert "good" in listed_names(result.out)
    [problem] = skipped(result.err)
    assert "locked.toml: cannot read: Permission denied" in problem


def test_a_fifo_is_skipped_without_being_opened(home: Path) -> None:
    folder = home / "presets"
    folder.mkdir()
    (folder / "good.toml").write_text(GOOD)
    os.mkfifo(folder / "pipe.toml")
    env = {k: v for k, v in os.environ.items() if not k.startswith("PPIO_")}
    env |= {"PPIO_ENDPOINT_HOME": str(home), "NO_COLOR": "1"}
    # opening a FIFO for reading waits for a writer: before, this never returned
    proc = subprocess.run(
        [sys.executable, "-m", "tui_app", "presets", "list"],
        capture_output=True,
        text=True,
        env=env,
        timeout=20,
    )
    assert proc.returncode == 0
    assert "good" in listed_names(proc.stdout)
    [problem] = skipped(proc.stderr)
    assert "pipe.toml: cannot read: is not a regular file" in problem


def test_old_temp_files_of_a_save_are_removed_and_fresh_ones_kept(home: Path) -> None:
    folder = home / "presets"
    folder.mkdir()
    (folder / "good.toml").write_text(GOOD)
    old = folder / ".good.toml.k3j4h5g6.tmp"
    fresh = folder / ".other.toml.ab12cd34.tmp"
    for temp in (old, fresh):
        temp.write_text(GOOD)
    two_hours_ago = time.time() - 7200
    os.utime(old, (two_hours_ago, two_hours_ago))

    result = run_cli("presets", "list", home=home)

    assert result.code == 0 and result.err == ""
    assert "good" in listed_names(result.out)
    assert not any("tmp" in name or name.startswith(".") for name in listed_names(result.out))
    assert not old.exists()
    assert fresh.exists()  # may be a save under way in another process
