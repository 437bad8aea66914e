"""Rules that span more than one field. Each reads defensively: the fields may be invalid."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

from .issues import Issue
from .schema import FIELDS


def _table(data: Mapping[str, Any], key: str) -> Mapping[str, Any]:
    value = data.get(key)
    return value if isinstance(value, Mapping) else {}


def _tables(data: Mapping[str, Any], key: str) -> Iterator[tuple[int, Mapping[str, Any]]]:
    value = data.get(key)
    if isinstance(value, list):
        for index, item in enumerate(value):
            if isinstance(item, Mapping):
                yield index, item


def _present(value: Any) -> bool:
    return value is not None and value != ""


def _int(value: Any) -> int | None:
    return value if type(value) is int else None


def replicas(data: Mapping[str, Any]) -> Iterator[Issue]:
    workers = _table(data, "worker_config")
    low, high = _int(workers.get("min_replicas")), _int(workers.get("max_replicas"))
    if low is not None and high is not None and low > high:
        yield Issue(
            "worker_config.min_replicas", f"must not exceed max workers ({high}); got {low}"
        )


def volumes(data: Mapping[str, Any]) -> Iterator[Issue]:
    seen: dict[str, int] = {}
    for index, volume in _tables(data, "volumes"):
        kind = volume.get("type")
        if kind == "network" and not _present(volume.get("id")):
            yield Issue(f"volumes.{index}.id", "is required for a network volume")
        if kind == "local" and volume.get("size") is None:
            yield Issue(f"volumes.{index}.size", "is required for a local volume")
        mount = volume.get("mount_point")
        if isinstance(mount, str) and mount:
            key = mount.rstrip("/") or "/"
            if key in seen:
                yield Issue(
                    f"volumes.{index}.mount_point",
                    f"{mount} is already mounted by volumes.{seen[key]}; "
                    "mount points must be unique",
                )
            else:
                seen[key] = index


def env_keys(data: Mapping[str, Any]) -> Iterator[Issue]:
    seen: dict[str, int] = {}
    for index, env in _tables(data, "envs"):
        key = env.get("key")
        if isinstance(key, str) and key:
            if key in seen:
                yield Issue(
                    f"envs.{index}.key",
                    f"{key} is already set by env #{seen[key] + 1}; names must be unique",
                )
            else:
                seen[key] = index


def _ports(data: Mapping[str, Any]) -> list[Any]:
    value = data.get("ports")
    return value if isinstance(value, list) else []


def ports(data: Mapping[str, Any], version: str) -> Iterator[Issue]:
    seen: set[int] = set()
    listed = _ports(data)
    for index, port in enumerate(listed):
        if type(port) is int:
            if port in seen:
                yield Issue(f"ports.{index}", f"port {port} is listed twice; ports must be unique")
            seen.add(port)
    if version == "v1" and len(listed) != 1:
        yield Issue("ports", f"the v1 API takes exactly one port (got {len(listed)})")


def health_port(data: Mapping[str, Any], version: str) -> Iterator[Issue]:
    port = _int(_table(data, "health_check").get("port"))
    listed = [p for p in _ports(data) if type(p) is int]
    if version == "v2" and port is not None and listed and port not in listed:
        shown = ", ".join(map(str, listed))
        yield Issue(
            "health_check.port", f"{port} is not among the exposed ports ({shown})", "warning"
        )


def v1_cluster(data: Mapping[str, Any], version: str) -> Iterator[Issue]:
    if version != "v1" or _present(data.get("region_id")):
        return
    if any(v.get("type") == "network" for _, v in _tables(data, "volumes")):
        yield Issue(
            "region_id",
            "is required by the v1 API when a network volume is mounted (sent as clusterID)",
        )


def _lookup(data: Mapping[str, Any], path: str) -> Any:
    head, _, rest = path.partition(".")
    if not rest:
        return data.get(head)
    return _table(data, head).get(rest)


def _implied_by_v1(data: Mapping[str, Any], path: str, value: Any) -> bool:
    """v1 serves one HTTP port and only sync endpoints, so these values lose nothing."""
    if path == "type":
        return value == "sync"
    if path == "health_check.port":
        return _ports(data) == [value]
    return False


def v1_unsupported(data: Mapping[str, Any], version: str) -> Iterator[Issue]:
    if version != "v1":
        return
    for spec in FIELDS.values():
        if spec.v1_name is not None or "*" in spec.path:
            continue
        value = _lookup(data, spec.path)
        if _present(value) and not _implied_by_v1(data, spec.path, value):
            yield Issue(
                spec.path,
                f"{spec.label} cannot be expressed in the v1 API; it is left out of the body",
                "warning",
            )


def cross_rules(data: Mapping[str, Any], version: str) -> list[Issue]:
    return [
        *replicas(data),
        *volumes(data),
        *env_keys(data),
        *ports(data, version),
        *health_port(data, version),
        *v1_cluster(data, version),
        *v1_unsupported(data, version),
    ]
