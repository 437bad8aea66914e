"""Reading request bodies and API responses of either version back into the canonical table.

Responses have documented quirks: v1 sends some numbers back as strings and ports as
either strings or integers; both versions add read-only fields (id, status, workers...).
Those are tolerated; any other key that cannot be placed is reported, never dropped silently.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any, NamedTuple

from .fields import FieldSpec
from .render import clean
from .schema import FIELDS, GROUPS, keys_of

V2_READ_ONLY = frozenset(
    {"id", "status", "url", "workers", "member_id", "owner_id", "created_at", "updated_at", "log"}
)
V1_READ_ONLY = frozenset({"id", "state", "url", "workers", "log", "createdAt", "updatedAt", "type"})
# v1 responses carry fields the create call does not take; these map onto canonical ones.
V1_READ_ALIASES = {"workerConfig.cudaVersion": "worker_config.min_cuda_version"}
V1_IGNORED = frozenset(
    {
        "healthy.initialDelay",
        "healthy.period",
        "healthy.timeout",
        "healthy.successThreshold",
        "healthy.failureThreshold",
    }
)


class BodyError(ValueError):
    """The input is not a body or response of either API version."""


@dataclass
class Parsed:
    version: str
    data: dict[str, Any]
    ignored: list[str] = field(default_factory=list)
    endpoint_id: str | None = None


def _coerce(spec: FieldSpec | None, value: Any) -> Any:
    """Numbers sent back as strings become numbers again; anything else is left for validation."""
    if spec is not None and spec.kind == "int" and isinstance(value, str):
        text = value.strip()
        if text.lstrip("-").isdigit():
            try:
                return int(text)
            except ValueError:  # past the int-digit limit, or digits int() does not read
                return value
    return value


class _Key(NamedTuple):
    """How one allowed key of a table is read."""

    pattern: str
    table: bool  # a nested table
    tables: bool  # a list of tables
    item: FieldSpec | None  # the spec of a list's items
    own: FieldSpec | None  # the spec of a scalar
    drops_empty: bool  # "" means absent here (a declared field that does not keep it)


def _plan(group: str) -> dict[str, _Key]:
    plan = {}
    for key in keys_of(group):
        pattern = f"{group}.{key}" if group else key
        plan[key] = _Key(
            pattern,
            pattern in GROUPS,
            f"{pattern}.*" in GROUPS,
            FIELDS.get(f"{pattern}.*"),
            FIELDS.get(pattern),
            pattern in FIELDS and not FIELDS[pattern].keep_empty,
        )
    return plan


# per table, computed once (as render's patterns are): every response read goes through here
_PLANS = {group: _plan(group) for group in ("", *GROUPS)}


def _v2_table(
    obj: Mapping[str, Any], group: str, prefix: str, ignored: list[str]
) -> dict[str, Any]:
    """The table read and cleaned in one pass: the same as ``clean()`` of what it reads
    (empty optional values dropped, keys in declaration order), at half the cost; every
    answer the client reads comes through here."""
    out: dict[str, Any] = {}
    plan = _PLANS[group]
    for key, value in obj.items():
        step = plan.get(key)
        if step is None:
            if group or key not in V2_READ_ONLY:
                ignored.append(f"{prefix}{key}")
            continue
        if step.table and isinstance(value, Mapping):
            out[key] = _v2_table(value, step.pattern, f"{prefix}{key}.", ignored)
        elif isinstance(value, list):
            if step.tables:
                items = [
                    _v2_table(v, f"{step.pattern}.*", f"{prefix}{key}.{i}.", ignored)
                    if isinstance(v, Mapping)
                    else v
                    for i, v in enumerate(value)
                ]
            else:
                items = [_coerce(step.item, v) for v in value]
            if items:
                out[key] = items
        else:
            value = _coerce(step.own, value)
            if value is not None and not (value == "" and step.drops_empty):
                out[key] = value
    if len(out) > 1:
        out = {key: out[key] for key in plan if key in out}
    return out


def from_v2(body: Mapping[str, Any]) -> Parsed:
    ignored: list[str] = []
    data = _v2_table(body, "", "", ignored)
    endpoint_id = body.get("id") if isinstance(body.get("id"), str) else None
    return Parsed("v2", data, ignored, endpoint_id)


def _v1_index() -> dict[str, str]:
    """v1 path -> canonical path, for scalar fields and list items alike."""
    index = {spec.v1_name: spec.path for spec in FIELDS.values() if spec.v1_name}
    index.update(V1_READ_ALIASES)
    return index


def _flatten(obj: Any, prefix: str = "") -> list[tuple[str, str, Any]]:
    """(pattern, concrete path, value) for every leaf of a v1 body."""
    out: list[tuple[str, str, Any]] = []
    if isinstance(obj, Mapping):
        for key, value in obj.items():
            out += _flatten(value, f"{prefix}{key}.")
    elif isinstance(obj, list):
        for index, value in enumerate(obj):
            out += [
                (pat.replace(f"{prefix}{index}.", f"{prefix}*.", 1), path, v)
                for pat, path, v in _flatten(value, f"{prefix}{index}.")
            ]
    else:
        out.append((prefix[:-1], prefix[:-1], obj))
    return out


def _put(data: dict[str, Any], canonical: str, concrete_v1: str, value: Any) -> None:
    """Place a value at a canonical path; list indices come from the v1 path."""
    indices = [p for p in concrete_v1.split(".") if p.isdigit()]
    parts = canonical.split(".")
    target: Any = data
    for n, part in enumerate(parts[:-1]):
        nxt = parts[n + 1]
        if part == "*":
            continue
        if nxt == "*":
            items = target.setdefault(part, [])
            index = int(indices.pop(0)) if indices else 0
            while len(items) <= index:
                items.append({})
            if n + 2 == len(parts):
                items[index] = value
                return
            target = items[index]
        else:
            target = target.setdefault(part, {})
    target[parts[-1]] = value


def from_v1(body: Mapping[str, Any]) -> Parsed:
    inner = body.get("endpoint") if isinstance(body.get("endpoint"), Mapping) else body
    index = _v1_index()
    data: dict[str, Any] = {}
    ignored: list[str] = []
    for pattern, path, value in _flatten(inner):
        canonical = index.get(pattern)
        if canonical is None:
            if path.split(".")[0] not in V1_READ_ONLY and pattern not in V1_IGNORED:
                ignored.append(path)
            continue
        if canonical == "ports.*":
            _put(data, canonical, path, _coerce(FIELDS["ports.*"], value))
        else:
            _put(data, canonical, path, _coerce(FIELDS.get(canonical), value))
    endpoint_id = inner.get("id") if isinstance(inner.get("id"), str) else None
    return Parsed("v1", clean(data), ignored, endpoint_id)


_V1_MARKERS = frozenset(
    {"workerConfig", "volumeMounts", "healthy", "products", "rootfsSize", "appName"}
)
_V2_MARKERS = frozenset(
    {"worker_config", "product_id", "health_check", "volumes", "app_name", "type"}
)


def detect(body: Any) -> str:
    """Which version a single endpoint body or response is in."""
    if not isinstance(body, Mapping):
        raise BodyError("expected a JSON object")
    if isinstance(body.get("endpoint"), Mapping):
        return "v1"
    keys = set(body)
    if keys & _V1_MARKERS:
        return "v1"
    if keys & _V2_MARKERS or isinstance(body.get("image"), str):
        return "v2"
    raise BodyError(
        "not an endpoint body of either API version (no worker config, image or product)"
    )


def parse_body(body: Any) -> Parsed:
    """A create/update body or a get response of either version, detected."""
    return from_v1(body) if detect(body) == "v1" else from_v2(body)


def parse_list(body: Any) -> list[Parsed]:
    """A list response: v2 ``{data: [...]}`` or v1 ``{endpoints: [...]}``."""
    if isinstance(body, Mapping):
        if isinstance(body.get("data"), list):
            return [from_v2(item) for item in body["data"] if isinstance(item, Mapping)]
        if isinstance(body.get("endpoints"), list):
            return [from_v1(item) for item in body["endpoints"] if isinstance(item, Mapping)]
    raise BodyError("not an endpoint list of either API version")
