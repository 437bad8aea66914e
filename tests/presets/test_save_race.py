"""Several processes saving the same new preset name at the same moment: exactly one creates
it, every other one is told it already exists, and the file is one complete preset."""

from __future__ import annotations

import multiprocessing
import os
import subprocess
import sys
import tomllib
from pathlib import Path

from tui_app.presets import Preset, PresetStore, load_preset_file

RACERS = 8


def save_at_barrier(home: str, number: int, barrier, results) -> None:
    endpoint = {"name": f"racer-{number}", "image": "x" * 20000}  # big enough to take a while
    barrier.wait()
    try:
        PresetStore(Path(home)).save(Preset("same", endpoint), "same", overwrite=False)
    except FileExistsError as exc:
        results.put((number, f"refused: {exc}"))
    else:
        results.put((number, "saved"))


def test_exactly_one_concurrent_save_wins(tmp_path: Path) -> None:
    context = multiprocessing.get_context("spawn")
    barrier, results = context.Barrier(RACERS), context.Queue()
    racers = [
        context.Process(target=save_at_barrier, args=(str(tmp_path), n, barrier, results))
        for n in range(RACERS)
    ]
    for racer in racers:
        racer.start()
    outcomes = dict(results.get(timeout=60) for _ in racers)
    for racer in racers:
        racer.join(30)

    winners = [n for n, outcome in outcomes.items() if outcome == "saved"]
    assert len(winners) == 1
    losers = [outcome for outcome in outcomes.values() if outcome != "saved"]
    assert losers == ["refused: a preset named 'same' already exists"] * (RACERS - 1)
    folder = tmp_path / "presets"
    assert [p.name for p in folder.iterdir()] == ["same.toml"]  # no temp file left behind
    preset = load_preset_file(folder / "same.toml")
    assert preset.endpoint["name"] == f"racer-{winners[0]}"
    assert preset.endpoint["image"] == "x" * 20000


def test_concurrent_imports_of_one_name_leave_one_preset(tmp_path: Path) -> None:
    home = tmp_path / "home"
    env = {k: v for k, v in os.environ.items() if not k.startswith("PPIO_")}
    env |= {"PPIO_ENDPOINT_HOME": str(home), "NO_COLOR": "1"}
    bodies = [f'{{"name": "from-{n}", "image": "img:{n}"}}' for n in range(4)]
    procs = [
        subprocess.Popen(
            [sys.executable, "-m", "tui_app", "import", "--name", "shared", "-"],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            env=env,
        )
        for _ in bodies
    ]
    outputs = [p.communicate(body, timeout=60) for p, body in zip(procs, bodies, strict=True)]
    codes = [p.returncode for p in procs]
    assert sorted(codes) == [0, 2, 2, 2]
    for code, (_, err) in zip(codes, outputs, strict=True):
        if code == 2:
            assert "a preset named 'shared' already exists; use --force" in err
    doc = tomllib.loads((home / "presets" / "shared.toml").read_text())
    winner = codes.index(0)
    assert doc["endpoint"]["name"] == f"from-{winner}"
