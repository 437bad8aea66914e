"""The two request bodies rendered from one canonical table, and the table read back from them.

The v1 shape follows each field's declared ``v1_name`` (``workerConfig.maxNum``,
``volumeMounts.*.mountPath``...), so the mapping lives with the field, not here.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, NamedTuple

from .fields import FieldSpec
from .rules import is_absent
from .schema import FIELDS, GROUPS, keys_of

# Containers the v1 create page marks as required: always sent, empty if need be.
V1_CONTAINERS: tuple[str, ...] = (
    "workerConfig",
    "ports",
    "policy",
    "image",
    "products",
    "volumeMounts",
    "healthy",
)
# The order the v1 page lists its fields in; the body is built in this order.
V1_ORDER: tuple[str, ...] = (
    "name",
    "appName",
    "workerConfig",
    "ports",
    "policy",
    "image",
    "products",
    "rootfsSize",
    "volumeMounts",
    "clusterID",
    "envs",
    "healthy",
)


def clean(data: Mapping[str, Any]) -> dict[str, Any]:
    """The canonical table with empty optional values dropped (what both renderings start from)."""
    return _clean_table(data, "")


class _Slot(NamedTuple):
    """How clean() treats one key of a table, worked out once per declared key."""

    pattern: str
    drops_empty: bool  # a declared field for which "" means absent
    table: bool  # a nested table
    items: str | None  # the group of a list's items, when they are tables


def _slot(pattern: str) -> _Slot:
    spec = FIELDS.get(pattern)
    items = f"{pattern}.*"
    return _Slot(
        pattern,
        spec is not None and is_absent(spec, ""),
        pattern in GROUPS,
        items if items in GROUPS else None,
    )


def _slots(group: str) -> dict[str, _Slot]:
    return {key: _slot(f"{group}.{key}" if group else key) for key in keys_of(group)}


# key -> slot per table, computed once: clean() runs on every keystroke and response
_SLOTS = {group: _slots(group) for group in ("", *GROUPS)}


_PLAIN = frozenset({int, float, bool, type(None)})


def _clean_table(obj: Mapping[str, Any], group: str) -> dict[str, Any]:
    out: dict[str, Any] = {}
    slots = _SLOTS[group]
    # declaration order first, so files and bodies read the same whatever order came in
    keys = [k for k in slots if k in obj]
    if len(keys) < len(obj):
        keys += [k for k in obj if k not in slots]
    for key in keys:
        slot = slots.get(key) or _slot(f"{group}.{key}")
        cleaned = _clean_value(slot, obj[key])
        if cleaned is not None:
            out[key] = cleaned
    return out


def _clean_value(slot: _Slot, value: Any) -> Any:
    # exact types first: nearly every value is one, and the Mapping check is an ABC check
    kind = type(value)
    if kind is str:
        return None if slot.drops_empty and not value else value
    if kind in _PLAIN:
        return value
    if kind is dict or isinstance(value, Mapping):
        return _clean_table(value, slot.pattern) if slot.table else value
    if value is None or isinstance(value, (str, int, float)):  # subclasses of the plain ones
        return None if value == "" and slot.drops_empty else value
    if isinstance(value, list):
        if slot.items is not None:
            group = slot.items
            value = [_clean_table(v, group) if isinstance(v, Mapping) else v for v in value]
        return list(value) or None
    return value


def render_v2(data: Mapping[str, Any]) -> dict[str, Any]:
    body = clean(data)
    body.setdefault("worker_config", {})
    return body


def _leaves(data: Mapping[str, Any]) -> list[tuple[FieldSpec, Any]]:
    """(spec, value) for each scalar field outside the lists."""
    out = []
    for spec in FIELDS.values():
        if "*" in spec.path:
            continue
        head, _, rest = spec.path.partition(".")
        value = data.get(head)
        if rest:
            value = value.get(rest) if isinstance(value, Mapping) else None
        if value is not None:
            out.append((spec, value))
    return out


def _set(target: dict[str, Any], path: str, value: Any) -> None:
    head, _, rest = path.partition(".")
    if not rest:
        target[head] = value
    elif rest.startswith("*."):
        target.setdefault(head, [{}])[0][rest[2:]] = value
    else:
        _set(target.setdefault(head, {}), rest, value)


def _list_items(data: Mapping[str, Any], group: str) -> list[dict[str, Any]]:
    """A canonical array of tables (``volumes``) rendered with its items' v1 names."""
    items = []
    for item in data.get(group) or []:
        if not isinstance(item, Mapping):
            continue
        out: dict[str, Any] = {}
        for key, value in item.items():
            spec = FIELDS.get(f"{group}.*.{key}")
            if spec is not None and spec.v1_name and value is not None:
                out[spec.v1_name.rsplit(".", 1)[-1]] = value
        items.append(out)
    return items


def render_v1(data: Mapping[str, Any]) -> dict[str, Any]:
    body = clean(data)
    endpoint: dict[str, Any] = {}
    for spec, value in _leaves(body):
        if spec.v1_name:
            _set(endpoint, spec.v1_name, value)
    for group in ("volumes", "envs"):
        v1_name = GROUPS[f"{group}.*"].v1_name or group
        if body.get(group):
            endpoint[v1_name] = _list_items(body, group)
    port = FIELDS["ports.*"]
    port_key = (port.v1_name or "ports.*.port").rsplit(".", 1)[-1]
    if body.get("ports"):
        endpoint["ports"] = [{port_key: str(p) if port.v1_string else p} for p in body["ports"]]
    for container in V1_CONTAINERS:
        endpoint.setdefault(
            container, [] if container in ("ports", "products", "volumeMounts") else {}
        )
    ordered = {k: endpoint[k] for k in V1_ORDER if k in endpoint}
    return {"endpoint": ordered}


def render(data: Mapping[str, Any], version: str) -> dict[str, Any]:
    return render_v1(data) if version == "v1" else render_v2(data)


# The update call of each version: fields it cannot change, and (v1) the keys its page lists.
IMMUTABLE: dict[str, tuple[str, ...]] = {
    "v2": ("type", "app_name"),
    "v1": ("app_name", "product_id", "worker_config.rootfs_size_gb"),
}
V1_UPDATE_KEYS: tuple[str, ...] = (
    "name",
    "clusterID",
    "workerConfig",
    "ports",
    "policy",
    "image",
    "volumeMounts",
    "envs",
    "healthy",
)
# Lists a preset states in full: an update sends them even when empty, so that one
# removed from the preset is cleared on the server (an omitted field is left as it was).
STATED_LISTS: tuple[str, ...] = ("envs", "volumes", "ports")


def render_update(data: Mapping[str, Any], version: str, endpoint_id: str) -> dict[str, Any]:
    """The update body: v2 without the fields it cannot change; v1 flat with the id inside.

    Envs, volumes and ports are always sent, empty if the preset has none, so that an
    update removing the last one clears it.
    """
    if version == "v1":
        inner = render_v1(data)["endpoint"]
        inner.setdefault("envs", [])
        kept = {k: inner[k] for k in V1_UPDATE_KEYS if k in inner}
        return {"id": endpoint_id, **kept}
    body = {k: v for k, v in render_v2(data).items() if k not in IMMUTABLE["v2"]}
    for key in STATED_LISTS:
        body.setdefault(key, [])
    return body
