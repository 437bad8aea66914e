"""Reading successful answers into the types callers use, tolerating the documented quirks.

Numbers may come as strings, statuses as objects or bare strings, wrappers may or may
not be there; anything unreadable in one item is skipped rather than failing the list.
"""

from __future__ import annotations

import datetime
import math
from collections.abc import Mapping
from typing import Any

from .. import spec
from .types import ApiError, Choice, EndpointInfo, Product

# What PPIO's sync guide names as the serverless GPUs, with the ids seen in practice;
# used when a v1 origin serves no v2 product list.
BUILT_IN_PRODUCTS: tuple[Product, ...] = (
    Product("1", "RTX 4090 24GB", 24, (), None, source="built-in"),
    Product("2", "RTX 3090 24GB", 24, (), None, source="built-in"),
)


def expect_object(body: Any, what: str) -> Mapping[str, Any]:
    if isinstance(body, Mapping):
        return body
    shown = str(body)[:80] if body is not None else "an empty body"
    raise ApiError(
        "invalid_response", f"the server's answer to {what} is not a JSON object: {shown}"
    )


def _text(value: Any) -> str:
    if isinstance(value, str):
        return value
    return "" if value is None else str(value)


def as_int(value: Any) -> int | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value
    if isinstance(value, float) and value.is_integer():
        return int(value)
    if isinstance(value, str) and value.strip().isdigit():
        try:
            return int(value.strip())
        except ValueError:  # past the int-digit limit, or digits int() does not read
            return None
    return None


def _state(item: Mapping[str, Any], *keys: str) -> str:
    """``status: {status: "running"}``, ``state: {state: ...}`` or a bare string."""
    for key in keys:
        value = item.get(key)
        if isinstance(value, Mapping):
            inner = value.get(key) or value.get("status") or value.get("state")
            if inner:
                return _text(inner)
        elif isinstance(value, str) and value:
            return value
    return "unknown"


def _why(item: Mapping[str, Any], *keys: str) -> tuple[str, str]:
    """The ``error`` and ``message`` beside a status object, when there are any."""
    for key in keys:
        value = item.get(key)
        if isinstance(value, Mapping):
            return _text(value.get("error")), _text(value.get("message"))
    return "", ""


def _worker(item: Any) -> dict[str, Any] | None:
    if not isinstance(item, Mapping):
        return None
    healthy = item.get("health", item.get("healthy"))
    row = {
        "id": _text(item.get("id")),
        "status": _state(item, "status", "state"),
        "healthy": healthy if isinstance(healthy, bool) else None,
        "log": _text(item.get("log")) or None,
    }
    error, message = _why(item, "status", "state")
    if error or message:
        row.update(error=error, message=message)
    return row


def endpoint_info(item: Any, version: str) -> EndpointInfo:
    """One endpoint of a get or list answer, in either version's spelling."""
    obj = expect_object(item, "the endpoint request")
    if version == "v1" and isinstance(obj.get("endpoint"), Mapping):
        obj = obj["endpoint"]
    parsed = spec.from_v1(obj) if version == "v1" else spec.from_v2(obj)
    workers = obj.get("workers")
    rows = [w for w in map(_worker, workers if isinstance(workers, list) else []) if w]
    error, message = _why(obj, "status", "state")
    return EndpointInfo(
        id=_text(obj.get("id")),
        name=_text(parsed.data.get("name") or obj.get("name")),
        status=_state(obj, "status", "state"),
        url=_text(obj.get("url")) or None,
        version=version,
        data=parsed.data,
        workers=tuple(rows),
        created_at=created_time(obj),
        error=error,
        message=message,
    )


def created_time(obj: Mapping[str, Any]) -> float | None:
    """Unix seconds from ``created_at`` (v2, documented) or ``createdAt`` (seen in v1 answers).

    Seconds, milliseconds (a number past year 5000 read as seconds) or an ISO 8601 time.
    """
    for key in ("created_at", "createdAt"):
        value = obj.get(key)
        if isinstance(value, str) and value.strip():
            text = value.strip()
            try:
                value = float(text)
            except ValueError:
                return _iso_seconds(text)
        if isinstance(value, int | float) and not isinstance(value, bool) and math.isfinite(value):
            return value / 1000 if value > 1e11 else float(value)
    return None


def _iso_seconds(text: str) -> float | None:
    try:
        moment = datetime.datetime.fromisoformat(text)
    except ValueError:
        return None
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=datetime.UTC)
    return moment.timestamp()


def endpoint_items(body: Mapping[str, Any], version: str) -> list[EndpointInfo]:
    key = "endpoints" if version == "v1" else "data"
    items = body.get(key)
    if not isinstance(items, list):
        items = body.get("data") or body.get("endpoints") or []
    out = []
    for item in items if isinstance(items, list) else []:
        if isinstance(item, Mapping) and item.get("id") is not None:
            out.append(endpoint_info(item, version))
    return out


def _price(pricing: Any) -> float | None:
    if not isinstance(pricing, Mapping):
        return None
    postpaid = pricing.get("postpaid")
    final = as_int(postpaid.get("final_price")) if isinstance(postpaid, Mapping) else None
    if final is None:
        return None
    precision = as_int(pricing.get("precision"))
    return final / 10 ** (precision if precision is not None else 0)


def product(item: Mapping[str, Any]) -> Product | None:
    pid = item.get("id")
    if pid is None:
        return None
    spec_ = item.get("resource_spec")
    gpu = spec_.get("gpu") if isinstance(spec_, Mapping) else None
    memory = as_int(gpu.get("memory_gb")) if isinstance(gpu, Mapping) else None
    regions = item.get("region_ids")
    deployable = item.get("deployable")
    rootfs = spec_.get("rootfs") if isinstance(spec_, Mapping) else None
    return Product(
        id=_text(pid),
        name=_text(item.get("name")) or _text(pid),
        gpu_memory_gb=memory,
        regions=tuple(_text(r) for r in regions) if isinstance(regions, list) else (),
        price_per_hour=_price(item.get("pricing")),
        deployable=deployable if isinstance(deployable, bool) else True,
        gpu_bounds=_bounds(gpu, "min", "max"),
        rootfs_bounds=_bounds(rootfs, "min_gb", "max_gb"),
    )


def _bounds(table: Any, low: str, high: str) -> tuple[int | None, int | None]:
    if not isinstance(table, Mapping):
        return (None, None)
    return (as_int(table.get(low)), as_int(table.get(high)))


def data_rows(body: Any, *keys: str) -> list[Mapping[str, Any]]:
    """The list of rows in a look-up answer: ``{data: [...]}``, another key, or a bare list."""
    if isinstance(body, list):
        rows: Any = body
    elif isinstance(body, Mapping):
        rows = next((body[k] for k in ("data", *keys) if isinstance(body.get(k), list)), [])
    else:
        rows = []
    return [r for r in rows if isinstance(r, Mapping)]


def products(body: Any) -> list[Product]:
    return [p for p in map(product, data_rows(body, "products")) if p is not None]


def regions_from_products(items: list[Product]) -> list[Choice]:
    offered: dict[str, list[str]] = {}
    for item in items:
        for region in item.regions:
            offered.setdefault(region, []).append(item.name)
    return [Choice(r, r, ", ".join(names)) for r, names in offered.items()]


def clusters(body: Any) -> list[Choice]:
    out = []
    for row in data_rows(body, "clusters"):
        gpus = row.get("availableGpuType")
        detail = ", ".join(map(str, gpus)) if isinstance(gpus, list) else ""
        if row.get("supportNetworkStorage"):
            detail = f"{detail}; network storage" if detail else "network storage"
        out.append(Choice(_text(row.get("id")), _text(row.get("name") or row.get("id")), detail))
    return out


def registry_auths(body: Any) -> list[Choice]:
    # the answer carries passwords in clear; only id, name and user name go any further
    return [
        Choice(
            _text(r.get("id")),
            _text(r.get("name") or r.get("id")),
            f"user {_text(r.get('username'))}" if r.get("username") else "",
        )
        for r in data_rows(body, "auths")
    ]


def storages(body: Any) -> list[Choice]:
    out = []
    for row in data_rows(body, "networkStorages", "storages"):
        sid = _text(row.get("storageId") or row.get("id"))
        size = as_int(row.get("storageSize"))
        cluster = _text(row.get("clusterId"))
        where = _text(row.get("clusterName")) or cluster
        detail = " in ".join(p for p in (f"{size} GB" if size is not None else "", where) if p)
        out.append(Choice(sid, _text(row.get("storageName")) or sid, detail, cluster))
    return out


def limits(body: Any) -> dict[str, Any]:
    obj = expect_object(body, "the limits request")
    inner = obj.get("data")
    return dict(inner) if isinstance(inner, Mapping) else dict(obj)
