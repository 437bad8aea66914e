"""What the loaded catalogue says about the form: warnings, never errors (the catalogue may
be out of date, and the server decides), and the regions offered for the chosen product."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from ..spec.account_limits import UNITS, bounded_values
from ..spec.issues import Issue
from ..text_safety import one_line


def product_of(products: Sequence[Any], product_id: Any) -> Any:
    return next((p for p in products if p.id == product_id), None)


def catalogue_warnings(
    data: Mapping[str, Any], products: Sequence[Any], version: str
) -> list[Issue]:
    """An unknown product id, (v2) a region the product is not offered in, and GPUs per
    worker or root disk outside the product's bounds."""
    listed = [p for p in products if getattr(p, "source", "api") == "api"]
    product_id = data.get("product_id")
    if not listed or not isinstance(product_id, str) or not product_id:
        return []
    product = product_of(listed, product_id)
    if product is None:
        text = f"unknown product id {one_line(product_id)!r}: not in the product list"
        return [Issue("product_id", text, "warning")]
    out = _region_warning(data.get("region_id"), product, version)
    workers = data.get("worker_config")
    workers = workers if isinstance(workers, Mapping) else {}
    name = one_line(product.name)
    for key, bounds, unit in (
        ("gpu_num", product.gpu_bounds, " GPU(s)"),
        ("rootfs_size_gb", product.rootfs_bounds, " GB"),
    ):
        lead = f"{name} takes"
        out += _bound_warning(f"worker_config.{key}", workers.get(key), bounds, lead, unit)
    return out


def _region_warning(region: Any, product: Any, version: str) -> list[Issue]:
    if version != "v2" or not isinstance(region, str) or not region or not product.regions:
        return []
    if region in product.regions:
        return []
    offered = ", ".join(product.regions)
    text = f"{one_line(product.name)} is not offered in {one_line(region)!r} (offered in {offered})"
    return [Issue("region_id", text, "warning")]


def _bound_warning(
    loc: str,
    value: Any,
    bounds: tuple[int | None, int | None],
    lead: str,
    unit: str,
    source: str = "catalogue",
) -> list[Issue]:
    if not isinstance(value, int) or isinstance(value, bool):
        return []
    low, high = bounds
    if low is not None and value < low:
        return [Issue(loc, f"{lead} at least {low}{unit} ({source})", "warning")]
    if high is not None and value > high:
        return [Issue(loc, f"{lead} at most {high}{unit} ({source})", "warning")]
    return []


def region_options(
    options: list[tuple[str, str]], products: Sequence[Any], product_id: Any, version: str
) -> list[tuple[str, str]]:
    """The region choices, narrowed (v2) to the regions the chosen product is offered in."""
    product = product_of(products, product_id)
    if version != "v2" or product is None or not product.regions:
        return options
    return [(text, key) for text, key in options if key in product.regions]


def storage_choices(storages: Sequence[Any], region: Any) -> list[tuple[str, str]]:
    """(text, id) of the network storages in ``region`` (all of them when it is not set)."""
    return [
        (f"{s.name} ({s.detail})" if s.detail else s.name, s.id)
        for s in storages
        if not region or not s.region or s.region == region
    ]


def limit_warnings(data: Mapping[str, Any], limits: Mapping[str, Any] | None) -> list[Issue]:
    """Values outside the account's published limits (``None``: not known)."""
    if not limits:
        return []
    out: list[Issue] = []
    for loc, value, name in bounded_values(data):
        bounds = (_limit(limits, f"min{name}"), _limit(limits, f"max{name}"))
        unit = UNITS.get(name, "")
        out += _bound_warning(loc, value, bounds, "the account allows", unit, "endpoint limits")
    return out


def _limit(limits: Mapping[str, Any], key: str) -> int | None:
    value = limits.get(key)
    return value if isinstance(value, int) and not isinstance(value, bool) else None
