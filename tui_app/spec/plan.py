"""One preset against what is deployed: create, update, unchanged, or cannot (pure)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any, Literal

from .diff import CANNOT, Change, diff

Action = Literal["create", "update", "unchanged", "cannot"]
SYMBOLS: dict[str, str] = {"create": "+", "update": "~", "unchanged": "=", "cannot": "!"}


@dataclass(frozen=True)
class Step:
    """What applying one preset would do. ``endpoint_id`` is the deployed one, if any."""

    name: str
    action: Action
    changes: tuple[Change, ...] = ()
    endpoint_id: str = ""
    detail: str = ""

    @property
    def symbol(self) -> str:
        return SYMBOLS[self.action]

    @property
    def sends(self) -> bool:
        """Applying it sends a create or an update."""
        return self.action in ("create", "update")

    def headline(self) -> str:
        where = f" ({self.endpoint_id})" if self.endpoint_id else ""
        detail = f": {self.detail}" if self.detail else ""
        return f"{self.symbol} {self.action} {self.name}{where}{detail}"


def plan_step(
    name: str,
    preset: Mapping[str, Any],
    deployed: Mapping[str, Any] | None,
    version: str,
    endpoint_id: str = "",
) -> Step:
    """Compare a preset with the endpoint of its name (None when there is none)."""
    if deployed is None:
        return Step(name, "create")
    changes = tuple(diff(preset, deployed, version))
    if any(c.immutable for c in changes):
        return Step(name, "cannot", changes, endpoint_id, CANNOT)
    return Step(name, "update" if changes else "unchanged", changes, endpoint_id)
