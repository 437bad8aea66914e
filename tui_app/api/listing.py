"""The deployed endpoints as rows of a list: the cells shown, how each column sorts, the filter.

Pure: the screen fetches (``list_endpoints``, ``products``) and renders; this says what a row
holds. Cells are plain strings straight from the answer: the screen makes them safe to show.
"""

from __future__ import annotations

import json
import time
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from ..spec.cost import estimate
from .follow import snapshot
from .redact import Redactor
from .types import EndpointInfo, Product

COLUMNS: tuple[str, ...] = (
    "Name",
    "Status",
    "Workers",
    "GPU",
    "Region",
    "Image",
    "URL",
    "Created",
    "Cost",
)
# the longest each column's cell gets in the list (the detail shows it all); the status
# keeps to the state and the error code, so 80 columns still show the workers and the GPU
LIMITS: tuple[int, ...] = (40, 30, 14, 24, 16, 40, 48, 16, 14)
UNKNOWN = "—"


@dataclass(frozen=True)
class Prices:
    """What the product list says: a name and a price per GPU-hour by product id."""

    names: Mapping[str, str]
    per_hour: Mapping[str, float]

    @classmethod
    def of(cls, products: Sequence[Product]) -> Prices:
        return cls(
            {p.id: p.name for p in products},
            {p.id: p.price_per_hour for p in products if p.price_per_hour},
        )


NO_PRICES = Prices({}, {})


@dataclass(frozen=True)
class Row:
    """One endpoint as a row: ``cells`` in :data:`COLUMNS` order, ``keys`` to sort them by."""

    id: str
    cells: tuple[str, ...]
    keys: tuple[Any, ...]


def _int(table: Mapping[str, Any], key: str) -> int | None:
    value = table.get(key)
    return value if isinstance(value, int) and not isinstance(value, bool) else None


def workers_text(info: EndpointInfo) -> str:
    """``up/desired (min–max)``: desired is min_replicas, as ``endpoints status`` counts it."""
    shot = snapshot(info)
    workers = info.data.get("worker_config")
    workers = workers if isinstance(workers, Mapping) else {}
    low, high = _int(workers, "min_replicas"), _int(workers, "max_replicas")
    bounds = f" ({UNKNOWN if low is None else low}–{UNKNOWN if high is None else high})"
    return f"{shot.up}/{shot.desired}{bounds}"


def status_text(info: EndpointInfo) -> str:
    reason = snapshot(info).reason
    return f"{info.status}: {reason}" if reason else info.status


def created_text(created_at: float | None) -> str:
    if created_at is None:
        return UNKNOWN
    return time.strftime("%Y-%m-%d %H:%M", time.localtime(created_at))


def cost_now(info: EndpointInfo, prices: Prices) -> float | None:
    """Dollars per hour for the workers up now, from list prices; None when unknown."""
    price = prices.per_hour.get(str(info.data.get("product_id")))
    cost = estimate(info.data, price, info.workers_up)
    return cost.now if cost is not None else None


def row(info: EndpointInfo, prices: Prices = NO_PRICES) -> Row:
    data = info.data
    product = str(data.get("product_id") or "")
    gpu = prices.names.get(product, product) or UNKNOWN
    region = str(data.get("region_id") or UNKNOWN)
    now = cost_now(info, prices)
    cells = (
        info.name,
        status_text(info),
        workers_text(info),
        gpu,
        region,
        str(data.get("image") or UNKNOWN),
        info.url or UNKNOWN,
        created_text(info.created_at),
        UNKNOWN if now is None else f"now ${now:.2f}/h",
    )
    keys = (
        info.name.lower(),
        cells[1].lower(),
        (info.workers_up, len(info.workers)),
        gpu.lower(),
        region.lower(),
        cells[5].lower(),
        cells[6].lower(),
        info.created_at or 0.0,
        -1.0 if now is None else now,
    )
    return Row(info.id, cells, keys)


def shown(rows: Sequence[Row], name_filter: str, sort: int, reverse: bool) -> list[Row]:
    """The rows whose name contains ``name_filter`` (any case), sorted by column ``sort``."""
    wanted = name_filter.strip().lower()
    kept = [r for r in rows if wanted in r.cells[0].lower()] if wanted else list(rows)
    return sorted(kept, key=lambda r: (r.keys[sort], r.id), reverse=reverse)


def detail_text(info: EndpointInfo) -> str:
    """Status, reason, each worker, and the endpoint as the form sees it (review JSON,
    env values that look secret masked, as ``endpoints get`` prints them)."""
    shot = snapshot(info)
    lines = [f"id: {info.id}", f"status: {info.status}"]
    if info.error:
        lines.append(f"error: {info.error}")
    if info.message:
        lines.append(f"message: {info.message}")
    lines.append(f"url: {info.url or UNKNOWN}")
    lines.append(f"workers up: {workers_text(info)}")
    for worker in shot.workers:
        health = {True: "healthy", False: "unhealthy", None: "health unknown"}[worker.healthy]
        reason = f" · {worker.reason}" if worker.reason else ""
        lines.append(f"worker {worker.id}: {worker.status}, {health}{reason}")
        lines.append(f"  log: {worker.log or UNKNOWN}")
    body = json.dumps(Redactor().body(info.data), indent=2, ensure_ascii=False)
    return "\n".join([*lines, "", "endpoint (as the form reads it):", body])
