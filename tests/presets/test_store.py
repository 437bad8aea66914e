"""The preset store: names, listing, precedence, read-only templates."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from tests.spec.models import FULL
from tui_app.presets import Preset, PresetError, PresetNotFound, PresetStore, safe_name

TEMPLATE = 'version = 1\n[meta]\ndescription = "shipped one"\n[endpoint]\nname = "tpl"\n'


@pytest.fixture
def store(tmp_path: Path) -> PresetStore:
    shipped = tmp_path / "shipped"
    shipped.mkdir()
    (shipped / "vllm.toml").write_text(TEMPLATE, encoding="utf-8")
    return PresetStore(tmp_path / "home", shipped)


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("llama", "llama"),
        ("  Llama 3 prod  ", "Llama 3 prod"),
        ("x.toml", "x"),
        ("a.b-c_d", "a.b-c_d"),
    ],
)
def test_safe_names(name: str, expected: str) -> None:
    assert safe_name(name) == expected


@pytest.mark.parametrize(
    ("name", "message"),
    [
        ("", "must not be empty"),
        ("   ", "must not be empty"),
        ("../etc/passwd", "must not contain '/'"),
        ("a/b", "must not contain '/'"),
        ("a\\b", "must not contain '/' or '\\'"),
        ("..", "must not contain '..'"),
        ("x..y", "must not contain '..'"),
        (".hidden", "must not start with '.'"),
        ("bell\x07", "must not contain control characters"),
        ("nul\x00", "must not contain control characters"),
        ("x" * 201, "at most 200 bytes"),
    ],
)
def test_unsafe_names_are_refused_with_a_reason(name: str, message: str) -> None:
    with pytest.raises(ValueError, match=re.escape(message)):
        safe_name(name)


def test_names_never_reach_outside_the_presets_folder(store: PresetStore) -> None:
    for name in ("../../escape", "/abs/path", "..", "a/../../b"):
        with pytest.raises(ValueError):
            store.save(Preset(name, FULL))
    assert not (store.home.parent / "escape.toml").exists()


def test_save_then_load_by_name(store: PresetStore) -> None:
    path = store.save(Preset("mine", FULL, "my preset"))
    assert path == store.home / "presets" / "mine.toml"
    loaded = store.load("mine")
    assert (loaded.name, loaded.description, loaded.shipped) == ("mine", "my preset", False)
    assert store.exists("mine") and not store.exists("other")


def test_save_under_another_name_and_refuse_to_overwrite(store: PresetStore) -> None:
    store.save(Preset("a", FULL), "b")
    assert store.load("b").name == "b"
    with pytest.raises(FileExistsError, match="'b' already exists"):
        store.save(Preset("a", FULL), "b", overwrite=False)


def test_user_preset_shadows_the_template_of_the_same_name(store: PresetStore) -> None:
    assert store.load("vllm").shipped is True
    store.save(Preset("vllm", {"name": "mine"}))
    assert store.load("vllm").endpoint == {"name": "mine"}
    entries, errors = store.entries()
    assert [(e.name, e.shipped) for e in entries] == [("vllm", False), ("vllm", True)]
    assert errors == []
    # the template stays reachable by its path
    assert store.load(str(entries[1].path)).endpoint == {"name": "tpl"}


def test_load_accepts_a_path(store: PresetStore, tmp_path: Path) -> None:
    path = tmp_path / "elsewhere.toml"
    path.write_text(TEMPLATE, encoding="utf-8")
    assert store.load(str(path)).name == "elsewhere"


def test_unknown_name(store: PresetStore) -> None:
    with pytest.raises(PresetNotFound, match="no preset named 'ghost'"):
        store.load("ghost")


def test_a_bad_file_never_stops_the_others_listing(store: PresetStore) -> None:
    store.save(Preset("good", FULL, "fine"))
    (store.user_dir / "broken.toml").write_text("version = 1\n[endpoint\n", encoding="utf-8")
    (store.user_dir / "old.toml").write_text("version = 9\n[endpoint]\n", encoding="utf-8")
    (store.user_dir / ".p.toml.123.tmp").write_text("junk", encoding="utf-8")
    (store.user_dir / "notes.txt").write_text("junk", encoding="utf-8")
    entries, errors = store.entries()
    assert [(e.name, e.shipped, e.description) for e in entries] == [
        ("good", False, "fine"),
        ("vllm", True, "shipped one"),
    ]
    assert sorted(Path(str(e.path)).name for e in errors) == ["broken.toml", "old.toml"]
    assert all(isinstance(e, PresetError) for e in errors)
    assert any(e.line == 2 for e in errors)


def test_entries_with_no_folders_at_all(tmp_path: Path) -> None:
    assert PresetStore(tmp_path / "none", tmp_path / "none2").entries() == ([], [])


def test_rename(store: PresetStore) -> None:
    store.save(Preset("a", FULL))
    path = store.rename("a", "b")
    assert path.name == "b.toml" and not store.exists("a") and store.load("b").endpoint
    store.save(Preset("c", FULL))
    with pytest.raises(FileExistsError):
        store.rename("b", "c")
    with pytest.raises(ValueError, match="must not contain '/'"):
        store.rename("b", "../b")


def test_delete_user_presets_only(store: PresetStore) -> None:
    store.save(Preset("a", FULL))
    store.delete("a")
    assert not store.exists("a")
    with pytest.raises(ValueError, match="'vllm' is a shipped template and cannot be changed"):
        store.delete("vllm")
    with pytest.raises(ValueError, match="shipped template"):
        store.rename("vllm", "x")
    with pytest.raises(PresetNotFound):
        store.delete("a")
    assert (store.shipped_dir / "vllm.toml").exists()


def test_path_for_is_inside_the_user_folder(store: PresetStore) -> None:
    assert store.path_for("x") == store.home / "presets" / "x.toml"


def test_locate_prefers_the_user_file(store: PresetStore) -> None:
    assert store.locate("vllm") == store.shipped_dir / "vllm.toml"
    store.save(Preset("vllm", FULL))
    assert store.locate("vllm") == store.user_dir / "vllm.toml"
    with pytest.raises(PresetNotFound):
        store.locate("ghost")
