"""The field table, indexed for look-ups by location."""

from __future__ import annotations

from .declarations import DECLARATIONS
from .fields import FieldSpec, GroupSpec, pattern_path

FIELDS: dict[str, FieldSpec] = {d.path: d for d in DECLARATIONS if isinstance(d, FieldSpec)}
GROUPS: dict[str, GroupSpec] = {d.path: d for d in DECLARATIONS if isinstance(d, GroupSpec)}


def _children(group: str) -> tuple[str, ...]:
    """Keys directly inside a table (``""`` is the endpoint itself), in declaration order."""
    prefix = f"{group}." if group else ""
    keys: list[str] = []
    for decl in DECLARATIONS:
        if not decl.path.startswith(prefix):
            continue
        head = decl.path[len(prefix) :].split(".")[0]
        if head not in keys and head != "*":
            keys.append(head)
    return tuple(keys)


TOP_KEYS: tuple[str, ...] = _children("")
_KEYS = {"": TOP_KEYS, **{g: _children(g) for g in GROUPS}}


def field_for(loc: str) -> FieldSpec | None:
    """The declaration behind a concrete location such as ``volumes.1.mount_point``."""
    return FIELDS.get(pattern_path(loc))


def keys_of(group: str) -> tuple[str, ...]:
    """Allowed keys of a table: ``""`` is the endpoint itself."""
    return _KEYS[group]


def v1_aliases() -> dict[str, str]:
    """v1 (camelCase) leaf name -> canonical leaf name, for did-you-mean hints."""
    out: dict[str, str] = {}
    for spec in [*FIELDS.values(), *GROUPS.values()]:
        if spec.v1_name:
            leaf = spec.v1_name.rsplit(".", 1)[-1]
            out.setdefault(leaf, spec.path.removesuffix(".*").rsplit(".", 1)[-1])
    return out
