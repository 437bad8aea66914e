"""What only the server can know: look-up ids and the limits it publishes.

Field rules (types, lengths, required fields, cross-field rules) come from ``tui_app.spec``;
these checks run on a table that already passed them, against the sandbox's own data.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

from ...spec.account_limits import bounded_values
from ...spec.diff import value_at
from ...spec.issues import Issue
from . import data as world

# checked against the product's own bounds (product_checks), with the product named
_BY_PRODUCT = frozenset({"RootfsSize", "GPUNum"})


def _range(loc: str, value: Any, low: int, high: int, what: str = "") -> Iterator[Issue]:
    if type(value) is int and not low <= value <= high:
        suffix = f" {what}" if what else ""
        yield Issue(loc, f"must be between {low} and {high}{suffix} (got {value})")


def product_checks(data: Mapping[str, Any]) -> Iterator[Issue]:
    pid = data.get("product_id")
    product = world.PRODUCTS_BY_ID.get(pid) if isinstance(pid, str) else None
    if product is None:
        known = ", ".join(f"{p['id']} ({p['name']})" for p in world.PRODUCTS)
        yield Issue("product_id", f"{pid!r} is not a serverless product; known: {known}")
        return
    name = product["name"]
    gpu = product["resource_spec"]["gpu"]
    rootfs = product["resource_spec"]["rootfs"]
    gpus = value_at(data, "worker_config.gpu_num")
    yield from _range("worker_config.gpu_num", gpus, gpu["min"], gpu["max"], f"for {name}")
    yield from _range(
        "worker_config.rootfs_size_gb",
        value_at(data, "worker_config.rootfs_size_gb"),
        rootfs["min_gb"],
        rootfs["max_gb"],
        "GB",
    )
    region = data.get("region_id")
    if isinstance(region, str) and region:
        if region not in world.REGION_IDS:
            known = ", ".join(sorted(world.REGION_IDS))
            yield Issue("region_id", f"{region!r} is not a region; known: {known}")
        elif region not in product["region_ids"]:
            offered = ", ".join(product["region_ids"])
            yield Issue("region_id", f"{name} is not offered in {region}; it is in {offered}")


def limit_checks(data: Mapping[str, Any]) -> Iterator[Issue]:
    limits = world.LIMITS
    for loc, value, name in bounded_values(data):
        if name not in _BY_PRODUCT:
            yield from _range(loc, value, limits[f"min{name}"], limits[f"max{name}"])
    cuda = value_at(data, "worker_config.min_cuda_version")
    if isinstance(cuda, str) and cuda and cuda not in limits["cudaVersionList"]:
        offered = ", ".join(limits["cudaVersionList"])
        yield Issue("worker_config.min_cuda_version", f"must be one of {offered} (got {cuda})")


def reference_checks(data: Mapping[str, Any], version: str) -> Iterator[Issue]:
    auth = data.get("registry_auth_id")
    if isinstance(auth, str) and auth and auth not in world.AUTH_IDS:
        yield Issue("registry_auth_id", f"no registry auth with id {auth!r}")
    volumes = data.get("volumes")
    for index, volume in enumerate(volumes if isinstance(volumes, list) else []):
        if not isinstance(volume, Mapping):
            continue
        if volume.get("type") == "local":
            yield from _range(
                f"volumes.{index}.size",
                volume.get("size"),
                world.LIMITS["minLocalVolumeSize"],
                world.LIMITS["maxLocalVolumeSize"],
                "GB",
            )
        elif volume.get("type") == "network":
            yield from _storage(data, index, volume.get("id"), version)


def _storage(data: Mapping[str, Any], index: int, sid: Any, version: str) -> Iterator[Issue]:
    storage = world.STORAGES_BY_ID.get(sid) if isinstance(sid, str) else None
    if storage is None:
        yield Issue(f"volumes.{index}.id", f"no network storage with id {sid!r}")
        return
    region = data.get("region_id")
    if region and region != storage["clusterId"]:
        where = "clusterID" if version == "v1" else "region_id"
        yield Issue(
            "region_id",
            f"must match the cluster of storage {sid} ({storage['clusterId']}); "
            f"the {where} given is {region}",
        )


def server_checks(data: Mapping[str, Any], version: str) -> list[Issue]:
    return [*product_checks(data), *limit_checks(data), *reference_checks(data, version)]
