"""Preset names are counted the way the file system counts them: in UTF-8 bytes.

A preset name may be at most 200 bytes, so ``NAME.toml`` (and the ``.NAME.toml.XXXXXXXX.tmp``
file an atomic save writes first) stay under NAME_MAX, 255 bytes. Names of multibyte
characters (CJK 3 bytes, emoji 4, a letter with a combining mark 1 + 2) are tried at the
limit and just past it, through the store and through ``ppio-endpoint import --name``.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from tui_app.cli import main
from tui_app.presets import Preset, PresetStore, safe_name

LIMIT = 200  # bytes, as the message says
NAME_MAX = 255  # bytes per file name on Linux and macOS file systems
MESSAGE = "a preset name must be at most 200 bytes long"

CJK = "模"  # 3 bytes
EMOJI = "🚀"  # 4 bytes
COMBINED = "e\u0301"  # 'e' + COMBINING ACUTE ACCENT: 1 + 2 bytes, two code points

# (id, name exactly at the limit, name one step past it)
AT_AND_OVER = [
    ("cjk", CJK * 66 + "ab", CJK * 67),
    ("emoji", EMOJI * 50, EMOJI * 50 + "a"),
    ("combining", COMBINED * 66 + "ab", COMBINED * 67),
    ("mixed", "llama-" + CJK * 30 + EMOJI * 10 + COMBINED * 21 + "a", "llama-" + CJK * 65),
]
IDS = [case[0] for case in AT_AND_OVER]
BODY = {"name": "imported", "image": "vllm/vllm-openai:v0.6.3", "worker_config": {}}


def size(name: str) -> int:
    return len(name.encode("utf-8"))


def test_the_cases_sit_where_they_claim() -> None:
    for _, at, over in AT_AND_OVER:
        assert size(at) == LIMIT
        assert LIMIT < size(over) <= LIMIT + 4
        # counted in characters, every one of them would look short enough
        assert len(over) < LIMIT


def files(home: Path) -> list[str]:
    folder = home / "presets"
    return sorted(os.listdir(folder)) if folder.exists() else []


@pytest.fixture
def store(tmp_path: Path) -> PresetStore:
    shipped = tmp_path / "shipped"
    shipped.mkdir()
    return PresetStore(tmp_path / "home", shipped_dir=shipped)


@pytest.mark.parametrize(("case", "at", "over"), AT_AND_OVER, ids=IDS)
def test_the_store_saves_at_the_byte_limit_and_refuses_past_it(
    store: PresetStore, case: str, at: str, over: str
) -> None:
    with pytest.raises(ValueError, match=MESSAGE):
        safe_name(over)
    with pytest.raises(ValueError, match=MESSAGE):
        store.save(Preset(over, BODY))
    assert files(store.home) == []  # nothing written, not even a temporary file

    path = store.save(Preset(at, BODY))
    assert files(store.home) == [f"{at}.toml"]  # exactly that name, no temp file left
    assert path.is_file() and path.name == f"{at}.toml"
    assert size(path.name) <= NAME_MAX
    assert store.load(at).endpoint["image"] == BODY["image"]

    with pytest.raises(ValueError, match=MESSAGE):
        store.rename(at, over)
    assert files(store.home) == [f"{at}.toml"]


def test_a_name_the_file_system_would_refuse_is_a_plain_message(store: PresetStore) -> None:
    far_over = CJK * 86  # 258 bytes: NAME_MAX would refuse it with "File name too long"
    assert len(far_over) < LIMIT
    with pytest.raises(ValueError, match=MESSAGE):
        store.save(Preset(far_over, BODY))
    assert files(store.home) == []


@pytest.fixture
def home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    path = tmp_path / "home"
    path.mkdir()
    monkeypatch.setenv("PPIO_ENDPOINT_HOME", str(path))
    return path


@pytest.fixture
def body_file(tmp_path: Path) -> Path:
    path = tmp_path / "body.json"
    path.write_text(json.dumps(BODY), encoding="utf-8")
    return path


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    assert "Traceback" not in err
    return code, out, err


@pytest.mark.parametrize(("case", "at", "over"), AT_AND_OVER, ids=IDS)
def test_import_name_past_the_byte_limit_exits_2_and_writes_nothing(
    home: Path, body_file: Path, capsys: pytest.CaptureFixture[str], case: str, at: str, over: str
) -> None:
    code, out, err = run(capsys, "import", "--name", over, str(body_file))
    assert code == 2
    assert out == ""
    assert f"ppio-endpoint: {MESSAGE}; choose one with --name" in err.splitlines()
    assert files(home) == []


@pytest.mark.parametrize(("case", "at", "over"), AT_AND_OVER, ids=IDS)
def test_import_name_at_the_byte_limit_writes_that_file(
    home: Path, body_file: Path, capsys: pytest.CaptureFixture[str], case: str, at: str, over: str
) -> None:
    code, out, err = run(capsys, "import", "--name", at, str(body_file))
    assert code == 0, err
    path = home / "presets" / f"{at}.toml"
    assert out.strip() == str(path)
    assert files(home) == [f"{at}.toml"]
    assert f"as preset {at!r}" in err


def test_import_of_a_long_multibyte_endpoint_name_asks_for_another(
    home: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """With no --name the endpoint's own name is used; 70 CJK characters is 210 bytes."""
    long_name = CJK * 70
    source = tmp_path / "long.json"
    source.write_text(json.dumps({**BODY, "name": long_name}), encoding="utf-8")
    code, out, err = run(capsys, "import", str(source))
    assert code == 2
    assert out == ""
    assert f"ppio-endpoint: {MESSAGE}; choose one with --name" in err.splitlines()
    assert files(home) == []
