"""Any accepted endpoint survives a TOML save and load, and each version's render then parse."""

from __future__ import annotations

from typing import Any

from hypothesis import given, settings

from tests.property.strategies import models
from tui_app import spec
from tui_app.presets import Preset, parse_document, preset_from_document, preset_to_toml

EXAMPLES = settings(max_examples=150, deadline=None)


@EXAMPLES
@given(models("v2"))
def test_v2_model_survives_toml(data: dict[str, Any]) -> None:
    text = preset_to_toml(Preset("p", data, "described"))
    loaded = preset_from_document(parse_document(text))
    assert loaded.endpoint == spec.clean(data)
    assert loaded.description == "described"
    assert spec.validate(loaded.endpoint, "v2").ok


@EXAMPLES
@given(models("v1"))
def test_v1_model_survives_toml(data: dict[str, Any]) -> None:
    text = preset_to_toml(Preset("p", data))
    assert preset_from_document(parse_document(text)).endpoint == spec.clean(data)


@EXAMPLES
@given(models("v2"))
def test_v2_render_then_parse_is_unchanged(data: dict[str, Any]) -> None:
    parsed = spec.parse_body(spec.render(data, "v2"))
    assert (parsed.version, parsed.ignored) == ("v2", [])
    assert parsed.data == spec.clean(data)


@EXAMPLES
@given(models("v1"))
def test_v1_render_then_parse_is_unchanged(data: dict[str, Any]) -> None:
    parsed = spec.parse_body(spec.render(data, "v1"))
    assert (parsed.version, parsed.ignored) == ("v1", [])
    assert parsed.data == spec.clean(data)
