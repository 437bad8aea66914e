"""What differs between a preset and a deployed endpoint, field by field, in preset names.

Both sides are canonical tables (a preset's ``endpoint`` table; ``EndpointInfo.data`` of a
get). A scalar field the preset leaves out is not compared: an update leaves it as it is
deployed (:func:`kept` names those, to be shown beside the differences). Envs, volumes and
ports are stated in full by the preset: one it does not list is a change (the update clears
it). What the answer does not carry is not compared: a field the v1 API has no place for,
an immutable field missing from the answer, an env value the server masks, or an env value
that is still a ``${NAME}`` reference. Env values are never shown, only their keys.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from .render import IMMUTABLE, clean
from .schema import FIELDS
from .secrets import env_ref

CANNOT = "cannot change: delete and create"
NOT_SET = "(not set)"
KEPT = "kept as deployed: the preset leaves it out, and an update does not clear it"


@dataclass(frozen=True)
class Change:
    """One difference: ``path`` is the preset's field name (``worker_config.max_replicas``,
    ``envs``), ``text`` what changes from deployed to preset (``2 → 3``, ``+ HF_HOME``)."""

    path: str
    text: str
    immutable: bool = False

    def describe(self) -> str:
        tail = f" ({CANNOT})" if self.immutable else ""
        return f"{self.path}: {self.text}{tail}"


def diff(preset: Mapping[str, Any], deployed: Mapping[str, Any], version: str) -> list[Change]:
    """The changes an update from ``preset`` would make to ``deployed`` (empty: the same)."""
    want, have = clean(preset), clean(deployed)
    fixed = IMMUTABLE.get(version, ())
    out: list[Change] = []
    for spec in FIELDS.values():
        if "*" in spec.path or (version == "v1" and not spec.v1_name):
            continue
        wanted, held = value_at(want, spec.path), value_at(have, spec.path)
        if wanted is None or wanted == held or (held is None and spec.path in fixed):
            continue
        out.append(Change(spec.path, f"{_show(held)} → {_show(wanted)}", spec.path in fixed))
    out += _env_changes(want.get("envs"), have.get("envs"))
    out += _volume_changes(want.get("volumes"), have.get("volumes"))
    ports_wanted, ports_held = _list(want.get("ports")), _list(have.get("ports"))
    if sorted(map(str, ports_wanted)) != sorted(map(str, ports_held)):
        out.append(Change("ports", f"{_ports(ports_held)} → {_ports(ports_wanted)}"))
    return out


def kept(preset: Mapping[str, Any], deployed: Mapping[str, Any], version: str) -> list[Change]:
    """The deployed fields the preset leaves out: an update keeps them as they are, so
    applying the preset does not make the endpoint match it. Shown, never counted as a
    difference (no update could remove them)."""
    want, have = clean(preset), clean(deployed)
    fixed = IMMUTABLE.get(version, ())
    out: list[Change] = []
    for spec in FIELDS.values():
        if "*" in spec.path or spec.path in fixed or (version == "v1" and not spec.v1_name):
            continue
        held = value_at(have, spec.path)
        if held is not None and value_at(want, spec.path) is None:
            out.append(Change(spec.path, f"{_show(held)} ({KEPT})"))
    return out


def kept_lines(preset: Mapping[str, Any], deployed: Mapping[str, Any], version: str) -> str:
    """:func:`kept` as lines to follow a list of differences (each line starts a new one)."""
    return "".join(f"\n{c.describe()}" for c in kept(preset, deployed, version))


def immutable_changes(
    preset: Mapping[str, Any], deployed: Mapping[str, Any], version: str
) -> list[Change]:
    """The changes no update can make: the endpoint has to be deleted and created again."""
    return [c for c in diff(preset, deployed, version) if c.immutable]


def value_at(table: Mapping[str, Any], path: str) -> Any:
    """The value at a dotted path of at most two parts (``worker_config.gpu_num``)."""
    head, _, rest = path.partition(".")
    value = table.get(head)
    if rest:
        return value.get(rest) if isinstance(value, Mapping) else None
    return value


def _show(value: Any) -> str:
    return NOT_SET if value is None else str(value)


def _list(value: Any) -> list[Any]:
    return list(value) if isinstance(value, list) else []


def _ports(ports: list[Any]) -> str:
    return "[" + ", ".join(map(str, ports)) + "]"


def masked(value: Any) -> bool:
    """A value the server hid (``****``): it cannot be compared."""
    return isinstance(value, str) and len(value) >= 3 and set(value) == {"*"}


def _by(items: Any, key: str) -> dict[str, Mapping[str, Any]]:
    return {str(i.get(key)): i for i in _list(items) if isinstance(i, Mapping)}


def _env_changes(wanted: Any, held: Any) -> list[Change]:
    want, have = _by(wanted, "key"), _by(held, "key")
    out = [Change("envs", f"+ {k}") for k in want if k not in have]
    out += [Change("envs", f"− {k}") for k in have if k not in want]
    for key in (k for k in want if k in have):
        mine, theirs = want[key].get("value"), have[key].get("value")
        if env_ref(mine) or masked(theirs) or mine == theirs:
            continue
        out.append(Change("envs", f"~ {key} (value differs)"))
    return out


def _volume_changes(wanted: Any, held: Any) -> list[Change]:
    want, have = _by(wanted, "mount_point"), _by(held, "mount_point")
    out = [Change("volumes", f"+ {k}") for k in want if k not in have]
    out += [Change("volumes", f"− {k}") for k in have if k not in want]
    for point in (k for k in want if k in have):
        mine, theirs = want[point], have[point]
        keys = [k for k in mine if k != "mount_point" and mine[k] != theirs.get(k)]
        if keys:
            what = ", ".join(f"{k} {_show(theirs.get(k))} → {_show(mine[k])}" for k in keys)
            out.append(Change("volumes", f"~ {point} ({what})"))
    return out
