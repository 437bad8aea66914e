"""Hypothesis strategies: valid endpoint tables per version, and arbitrary TOML documents.

Leaf values come from the field declarations (``spec.FIELDS``) and are kept only when the
field's own rule accepts them, so the generator follows the spec instead of restating it.
"""

from __future__ import annotations

import datetime as dt
from functools import cache
from typing import Any

from hypothesis import assume
from hypothesis import strategies as st

from tui_app import spec
from tui_app.spec.schema import keys_of
from tui_app.spec.secrets import ENV_REF

TOML_INT = 2**63 - 1
TEXT_CAP = 80  # long enough to cross short limits; unbounded fields need no 10k-char strings


def _v1_sendable(path: str) -> bool:
    return spec.FIELDS[path].v1_name is not None


def _accepts(info: spec.FieldSpec, value: str, version: str, present: bool) -> bool:
    return bool(value or not present) and spec.check_value(info, value, version) is None


@cache
def leaf(path: str, version: str, *, present: bool = True) -> st.SearchStrategy[Any]:
    """A value the field's own rule accepts under ``version`` (built once, drawn many times)."""
    info = spec.FIELDS[path]
    lim = info.limits_for(version)
    if info.kind == "enum":
        return st.sampled_from(info.choices)
    if info.kind == "int":
        low = lim.ge if lim.ge is not None else -TOML_INT
        high = lim.le if lim.le is not None else TOML_INT
        values = st.integers(low, high) | st.integers(low, min(high, low + 100))
        return values.filter(lambda v: v not in lim.reserved)
    size = min(lim.max_length or TEXT_CAP, TEXT_CAP)
    if lim.pattern:
        values = st.from_regex(lim.pattern).map(lambda s: s[:size])
    else:
        values = st.text(min_size=1 if present else 0, max_size=size)
    return values.filter(lambda s: _accepts(info, s, version, present))


def _table(draw: Any, group: str, version: str) -> dict[str, Any]:
    """A table with every required leaf and a random subset of the optional ones."""
    out: dict[str, Any] = {}
    for key in keys_of(group):
        path = f"{group}.{key}" if group else key
        info = spec.FIELDS.get(path)
        if info is None or (version == "v1" and not _v1_sendable(path)):
            continue
        if info.required_in(version) or draw(st.booleans()):
            out[key] = draw(leaf(path, version, present=info.required_in(version)))
    return out


REFS = st.from_regex(ENV_REF, fullmatch=True)


def _mount_key(mount: str) -> str:
    return mount.rstrip("/") or "/"


@st.composite
def volumes(draw: Any, version: str) -> list[dict[str, Any]]:
    items = draw(st.lists(st.sampled_from(("local", "network")), max_size=3))
    out = []
    for kind in items:
        volume = {"type": kind, "mount_point": draw(leaf("volumes.*.mount_point", version))}
        if kind == "network":
            volume["id"] = draw(leaf("volumes.*.id", version))
        else:
            volume["size"] = draw(leaf("volumes.*.size", version))
        out.append(volume)
    assume(len({_mount_key(v["mount_point"]) for v in out}) == len(out))
    return out


@st.composite
def envs(draw: Any, version: str) -> list[dict[str, str]]:
    keys = draw(st.lists(leaf("envs.*.key", version), max_size=4, unique=True))
    return [
        {"key": k, "value": draw(leaf("envs.*.value", version, present=False) | REFS)} for k in keys
    ]


@st.composite
def models(draw: Any, version: str) -> dict[str, Any]:
    """An endpoint table that ``spec.validate(..., version)`` accepts."""
    data = _table(draw, "", version)
    workers = _table(draw, "worker_config", version)
    if "min_replicas" in workers and "max_replicas" in workers:
        low, high = sorted((workers["min_replicas"], workers["max_replicas"]))
        workers["min_replicas"], workers["max_replicas"] = low, high
    data["worker_config"] = workers
    if version == "v1" or draw(st.booleans()):
        data["policy"] = _table(draw, "policy", version)
    if draw(st.booleans()):
        data["volumes"] = draw(volumes(version))
    if draw(st.booleans()):
        data["envs"] = draw(envs(version))
    port_count = (1, 1) if version == "v1" else (0, 4)
    ports = draw(
        st.lists(
            leaf("ports.*", version), min_size=port_count[0], max_size=port_count[1], unique=True
        )
    )
    if ports or draw(st.booleans()):
        data["ports"] = ports
    if version == "v1" or draw(st.booleans()):
        data["health_check"] = _table(draw, "health_check", version)
    if version == "v1" and any(v["type"] == "network" for v in data.get("volumes", [])):
        data["region_id"] = draw(leaf("region_id", version))
    report = spec.validate(data, version)
    assume(report.ok)
    return data


# --- arbitrary TOML ----------------------------------------------------------------------

NAMES = sorted(
    {"version", "meta", "endpoint", "description"}
    | {p.removesuffix(".*").rsplit(".", 1)[-1] for p in [*spec.FIELDS, *spec.GROUPS]}
)
keys = st.sampled_from(NAMES) | st.text(max_size=8)
scalars = (
    st.booleans()
    | st.integers(-TOML_INT, TOML_INT)
    | st.floats(allow_nan=True)
    | st.text(max_size=20)
    | st.dates()
    | st.times()
    | st.datetimes(timezones=st.none() | st.just(dt.UTC))
)
values = st.recursive(
    scalars,
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(keys, inner, max_size=5),
    max_leaves=25,
)
tables = st.dictionaries(keys, values, max_size=8)
documents = st.fixed_dictionaries(
    {},
    optional={
        "version": st.sampled_from([1, 1, 1, 0, 2, "1"]) | scalars,
        "meta": st.fixed_dictionaries({}, optional={"description": scalars}) | values,
        "endpoint": tables | values,
    },
).flatmap(lambda doc: tables.map(lambda extra: {**extra, **doc}))
