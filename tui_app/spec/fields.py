"""Field declarations: the types the endpoint is made of and the rules on each field.

Named tuples (immutable, and about ten times cheaper to define at start-up than frozen
dataclasses): the form, the validator, the parser and the docs all read this one table.
"""

from __future__ import annotations

import re
from typing import Any, Literal, NamedTuple

ApiVersion = Literal["v1", "v2"]
API_VERSIONS: tuple[ApiVersion, ...] = ("v2", "v1")
BOTH: frozenset[str] = frozenset({"v1", "v2"})
V1_ONLY: frozenset[str] = frozenset({"v1"})
V2_ONLY: frozenset[str] = frozenset({"v2"})
NOWHERE: frozenset[str] = frozenset()


class Limits(NamedTuple):
    """The constraints one version of the API puts on a value."""

    min_length: int | None = None
    max_length: int | None = None
    ge: int | None = None
    le: int | None = None
    pattern: str | None = None
    pattern_hint: str = ""
    reserved: tuple[int, ...] = ()

    def merged(self, overrides: dict[str, Any]) -> Limits:
        return self._replace(**overrides) if overrides else self


class FieldSpec(NamedTuple):
    """One leaf field of the endpoint, with its text for the form and its rules per version."""

    path: str
    kind: Literal["str", "int", "enum"]
    label: str
    help: str
    unit: str = ""
    required: frozenset[str] = NOWHERE
    limits: Limits = Limits()
    v1_limits: Limits = Limits()
    choices: tuple[str, ...] = ()
    v1_name: str | None = None
    v1_string: bool = False
    keep_empty: bool = False
    example: Any = None

    def limits_for(self, version: str) -> Limits:
        return self.v1_limits if version == "v1" else self.limits

    def required_in(self, version: str) -> bool:
        return version in self.required

    @property
    def name(self) -> str:
        return self.path.rsplit(".", 1)[-1]


class GroupSpec(NamedTuple):
    """A table (``worker_config``) or an array of tables (``volumes.*``) inside the endpoint."""

    path: str
    label: str
    help: str
    required: frozenset[str] = NOWHERE
    v1_name: str | None = None

    @property
    def is_list(self) -> bool:
        return self.path.endswith(".*")

    @property
    def name(self) -> str:
        return self.path.removesuffix(".*").rsplit(".", 1)[-1]


def field(
    path: str,
    kind: Literal["str", "int", "enum"],
    label: str,
    help: str,
    *,
    unit: str = "",
    required: frozenset[str] = NOWHERE,
    v1: dict[str, Any] | None = None,
    v1_name: str | None = None,
    v1_string: bool = False,
    choices: tuple[str, ...] = (),
    keep_empty: bool = False,
    example: Any = None,
    **limits: Any,
) -> FieldSpec:
    """Declare a leaf: its v2 limits, and what differs under v1."""
    base = Limits(**limits)
    return FieldSpec(
        path=path,
        kind=kind,
        label=label,
        help=help,
        unit=unit,
        required=required,
        limits=base,
        v1_limits=base.merged(v1 or {}),
        choices=choices,
        v1_name=v1_name,
        v1_string=v1_string,
        keep_empty=keep_empty,
        example=example,
    )


_INDEX = re.compile(r"\.\d+(?=\.|$)")


def pattern_path(loc: str) -> str:
    """``volumes.1.mount_point`` -> ``volumes.*.mount_point``."""
    return _INDEX.sub(".*", loc)
