"""A cost estimate from list prices: product price per GPU-hour × GPUs per worker × workers.

No answer carries a cost; this is what the published price list implies, for the least and
the most workers the configuration allows, and for the workers up now when that is known.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

LABEL = "estimate from list prices"


@dataclass(frozen=True)
class Cost:
    """Dollars per hour at ``min_replicas`` (low) and ``max_replicas`` (high) workers."""

    low: float
    high: float
    now: float | None = None

    def describe(self) -> str:
        text = f"${self.low:.2f}/h at min – ${self.high:.2f}/h at max"
        if self.now is not None:
            text += f", now ${self.now:.2f}/h"
        return f"{text} ({LABEL})"


def _count(table: Mapping[str, Any], key: str, default: int) -> int:
    value = table.get(key)
    return value if isinstance(value, int) and not isinstance(value, bool) else default


def estimate(
    data: Mapping[str, Any], price_per_hour: float | None, workers_up: int | None = None
) -> Cost | None:
    """The cost of ``data`` at a per-GPU hourly price, or None without a price."""
    if price_per_hour is None:
        return None
    workers = data.get("worker_config")
    workers = workers if isinstance(workers, Mapping) else {}
    gpus = _count(workers, "gpu_num", 1)
    low = _count(workers, "min_replicas", 0)
    high = max(low, _count(workers, "max_replicas", low))
    per_worker = price_per_hour * gpus
    now = per_worker * workers_up if workers_up is not None else None
    return Cost(per_worker * low, per_worker * high, now)


def moves(before: Cost | None, after: Cost | None) -> bool:
    """Whether a change moves the estimate (both known and different)."""
    if before is None or after is None:
        return False
    return (round(before.low, 4), round(before.high, 4)) != (
        round(after.low, 4),
        round(after.high, 4),
    )
