"""Any accepted endpoint survives a TOML save and load, and each version's render then parse."""

from __future__ import annotations

from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

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


def _emptied(body: dict[str, Any], blanks: list[Any]) -> dict[str, Any]:
    """The body as a server may send it: keys reversed, absent fields present but empty."""
    out = dict(reversed(list(body.items())))
    fillers = iter(blanks)
    for path, field in spec.FIELDS.items():
        if "." in path or path in out or field.keep_empty:
            continue
        blank = next(fillers, None)
        if blank is not None or path.endswith("_id"):
            out[path] = blank
    for table in ("worker_config", "health_check"):
        if isinstance(out.get(table), dict):
            out[table] = dict(reversed(list(out[table].items())))
    out.setdefault("envs", [])
    return out


@EXAMPLES
@given(models("v2"), st.lists(st.sampled_from([None, "", []]), max_size=20))
def test_a_v2_answer_with_empty_values_reads_as_the_clean_table(
    data: dict[str, Any], blanks: list[Any]
) -> None:
    body = _emptied(spec.render(data, "v2"), blanks)
    parsed = spec.parse_body(body)
    assert parsed.data == spec.clean(data)
    assert list(parsed.data) == list(spec.clean(data))  # declaration order, whatever came in
