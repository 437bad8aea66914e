"""Fault injection: ``latency=0.2,error_rate=0.1,rate_limit=2,retry_after=1,drop_after_create=1``.

- ``latency``: seconds added to every answer (given after the request is processed, so a
  client that times out on a create leaves the endpoint stored, as a slow server would);
- ``error_rate``: fraction of requests answered with ``error_status`` (default 503) instead;
- ``errors``: the next N requests are answered with ``error_status``;
- ``rate_limit``: the next N requests are answered 429 with ``Retry-After: retry_after``;
- ``drop_after_create``: the next N creates are stored, then the connection is closed
  without an answer.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, fields

_HELP = {
    "latency": "seconds",
    "error_rate": "a fraction between 0 and 1",
    "error_status": "an HTTP status between 500 and 599",
    "errors": "a whole number of requests",
    "rate_limit": "a whole number of requests",
    "retry_after": "seconds",
    "drop_after_create": "a whole number of creates",
}


@dataclass
class FaultSpec:
    latency: float = 0.0
    error_rate: float = 0.0
    error_status: int = 503
    errors: int = 0
    rate_limit: int = 0
    retry_after: float = 1.0
    drop_after_create: int = 0

    def __post_init__(self) -> None:
        if not all(math.isfinite(v) and v >= 0 for v in (self.latency, self.retry_after)):
            raise ValueError(
                "fault spec: latency and retry_after must be finite and must not be negative "
                f"(got latency={self.latency}, retry_after={self.retry_after})"
            )
        if not 0.0 <= self.error_rate <= 1.0:
            raise ValueError(
                f"fault spec: error_rate must be between 0 and 1 (got {self.error_rate})"
            )
        if not 500 <= self.error_status <= 599:
            raise ValueError(
                f"fault spec: error_status must be a 5xx status (got {self.error_status})"
            )
        if min(self.errors, self.rate_limit, self.drop_after_create) < 0:
            raise ValueError(
                "fault spec: errors, rate_limit and drop_after_create must not be negative"
            )

    @classmethod
    def parse(cls, text: str) -> FaultSpec:
        """Read ``name=value,name=value``; a bad name or value raises ValueError saying which."""
        values: dict[str, float | int] = {}
        kinds = {f.name: f.type for f in fields(cls)}
        for part in filter(None, (p.strip() for p in text.split(","))):
            name, sep, raw = part.partition("=")
            name = name.strip()
            if name not in kinds:
                raise ValueError(f"fault spec: unknown fault {name!r}; known: {', '.join(kinds)}")
            if not sep:
                raise ValueError(f"fault spec: {name} needs a value, e.g. {name}=1")
            values[name] = _number(name, raw.strip(), kinds[name] == "int")
        return cls(**values)  # type: ignore[arg-type]

    def describe(self) -> str:
        active = [f"{f.name}={getattr(self, f.name)}" for f in fields(self) if self._active(f.name)]
        return ", ".join(active) or "none"

    def _active(self, name: str) -> bool:
        if name == "error_status":
            return self.error_rate > 0 or self.errors > 0
        if name == "retry_after":
            return self.rate_limit > 0
        return bool(getattr(self, name))


def _number(name: str, raw: str, whole: bool) -> float | int:
    try:
        return int(raw) if whole else float(raw)
    except ValueError:
        raise ValueError(f"fault spec: {name} needs {_HELP[name]} (got {raw[:40]!r})") from None
