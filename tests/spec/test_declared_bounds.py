"""Every declared bound holds at its edge, under each version: the limit passes, one past fails.

Driven by ``spec.FIELDS``, so a field added later is covered without touching this file.
"""

from __future__ import annotations

from typing import Any

import pytest

from tui_app import spec


def _loc(path: str) -> str:
    return path.replace("*", "0")


def _text(info: spec.FieldSpec, length: int) -> str:
    lim = info.limits
    # a value that satisfies the field's pattern, padded to the length wanted
    start = "/" if lim.pattern and lim.pattern.startswith("^/") else ""
    return start + "a" * (length - len(start))


def _edges() -> list[tuple[str, str, Any, bool]]:
    cases: list[tuple[str, str, Any, bool]] = []
    for info in spec.FIELDS.values():
        for version in spec.API_VERSIONS:
            lim = info.limits_for(version)
            if info.kind == "int":
                if lim.ge is not None:
                    cases += [
                        (version, info.path, lim.ge, True),
                        (version, info.path, lim.ge - 1, False),
                    ]
                if lim.le is not None:
                    cases += [
                        (version, info.path, lim.le, True),
                        (version, info.path, lim.le + 1, False),
                    ]
                cases += [(version, info.path, r, False) for r in lim.reserved]
            elif info.kind == "str":
                if lim.max_length is not None:
                    cases.append((version, info.path, _text(info, lim.max_length), True))
                    cases.append((version, info.path, _text(info, lim.max_length + 1), False))
            else:
                cases += [(version, info.path, c, True) for c in info.choices]
                cases.append((version, info.path, "-".join(info.choices), False))
    return cases


@pytest.mark.parametrize(("version", "path", "value", "passes"), _edges())
def test_declared_edge(version: str, path: str, value: Any, passes: bool) -> None:
    issues = spec.validate_field(_loc(path), value, version)
    assert (issues == []) is passes, issues


@pytest.mark.parametrize("path", [p for p, f in spec.FIELDS.items() if f.kind == "int"])
def test_whole_numbers_only(path: str) -> None:
    for version in spec.API_VERSIONS:
        for value in ("1", 1.0, True):
            [issue] = spec.validate_field(_loc(path), value, version)
            assert issue.message.startswith("must be a whole number")


@pytest.mark.parametrize("path", [p for p, f in spec.FIELDS.items() if f.required])
def test_required_fields_say_so_when_missing(path: str) -> None:
    info = spec.FIELDS[path]
    for version in spec.API_VERSIONS:
        issues = spec.validate_field(_loc(path), None, version)
        assert bool(issues) is info.required_in(version)
        assert all(i.message.startswith("is required") for i in issues)
