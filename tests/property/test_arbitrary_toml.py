"""Whatever TOML a user writes, the answer is a clean message, never an exception."""

from __future__ import annotations

import json
import tempfile
from pathlib import Path
from typing import Any

import tomli_w
from hypothesis import given, settings
from hypothesis import strategies as st

from tests.property.strategies import documents
from tui_app import spec
from tui_app.commands.spec_cmds import check_file
from tui_app.presets import (
    Preset,
    PresetError,
    PresetStore,
    load_preset_file,
    parse_document,
    preset_to_toml,
)
from tui_app.presets.toml_io import _strip_none

EXAMPLES = settings(max_examples=150, deadline=None)


def _check_issues(issues: Any) -> None:
    for issue in issues:
        assert isinstance(issue.loc, str) and isinstance(issue.message, str) and issue.message


def _through_everything(path: Path) -> None:
    try:
        preset = load_preset_file(path)
    except PresetError as exc:
        assert str(exc).startswith(str(path))
    else:
        for version in ("v1", "v2"):
            _check_issues(spec.validate(preset.endpoint, version).issues)
        # a preset is saved whatever it holds (the form saves half-done work too)
        again = parse_document(preset_to_toml(preset))
        assert isinstance(again["endpoint"], dict)
    store = PresetStore(path.parent / "home", path.parent)
    for version in ("v1", "v2"):
        result = check_file(str(path), version, store)
        _check_issues(result.errors + result.warnings)
        assert result.as_dict()["valid"] is not bool(result.errors)
    store.entries()


@EXAMPLES
@given(documents)
def test_any_toml_document_gets_a_clean_answer(doc: dict[str, Any]) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "p.toml"
        path.write_text(tomli_w.dumps(doc), encoding="utf-8")
        _through_everything(path)


@EXAMPLES
@given(st.text(max_size=200) | st.binary(max_size=100).map(lambda b: b.decode("latin-1")))
def test_any_text_gets_a_clean_answer(text: str) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "p.toml"
        path.write_bytes(text.encode("utf-8", "surrogatepass"))
        _through_everything(path)


@EXAMPLES
@given(st.binary(max_size=100))
def test_any_bytes_get_a_clean_answer(raw: bytes) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "p.toml"
        path.write_bytes(b"version = 1\n[endpoint]\nname = '" + raw + b"'\n")
        _through_everything(path)


@EXAMPLES
@given(documents)
def test_any_endpoint_table_saves_and_loads(doc: dict[str, Any]) -> None:
    endpoint = doc.get("endpoint")
    if not isinstance(endpoint, dict):
        endpoint = doc
    text = preset_to_toml(Preset("p", endpoint))
    # what comes back is what was given, less the empty values a preset never stores
    # (compared as JSON text: NaN equals itself there, and key order is the writer's)
    assert _canonical(parse_document(text)["endpoint"]) == _canonical(
        _strip_none(spec.clean(endpoint))
    )


def _canonical(value: Any) -> str:
    return json.dumps(value, sort_keys=True, default=str)
