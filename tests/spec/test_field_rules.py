"""Every field rule, under each API version, with a value that passes and one that fails.

The numbers are the published ones (the v1 and v2 create pages), written out here so a
changed declaration shows up as a failing test, not as a silently different rule.
"""

from __future__ import annotations

from typing import Any

import pytest

from tests.spec.models import BASE, with_value, without
from tui_app import spec

BOTH = ("v1", "v2")
A = "a"

# (location, value, versions, expected message or None for "no complaint at this location")
CASES: list[tuple[str, Any, tuple[str, ...], str | None]] = [
    # type: enum, v2 only requires it
    ("type", "async", BOTH, None),
    ("type", "Sync", BOTH, "must be one of: sync, async; did you mean 'sync'?"),
    ("type", 1, BOTH, "must be one of: sync, async"),
    # name: 1-255 under v2, 0-220 under v1
    ("name", A * 255, ("v2",), None),
    ("name", A * 256, ("v2",), "must be at most 255 characters (has 256)"),
    ("name", A * 220, ("v1",), None),
    ("name", A * 221, ("v1",), "must be at most 220 characters under the v1 API (has 221)"),
    ("name", ["x"], BOTH, "must be text"),
    # app_name: lowercase letters, digits, '-'; <= 255
    ("app_name", "my-app-2", BOTH, None),
    ("app_name", "My_App", BOTH, "may contain only lowercase letters, digits and '-'"),
    ("app_name", "my-app\n", BOTH, "may contain only lowercase letters, digits and '-'"),
    ("app_name", A * 255, BOTH, None),
    ("app_name", A * 256, BOTH, "must be at most 255 characters (has 256)"),
    # product_id: 1-255
    ("product_id", A * 255, BOTH, None),
    ("product_id", A * 256, BOTH, "must be at most 255 characters (has 256)"),
    # region_id (v1 clusterID): <= 255
    ("region_id", A * 255, BOTH, None),
    ("region_id", A * 256, BOTH, "must be at most 255 characters (has 256)"),
    # image: 1-500 under v2, 0-511 under v1
    ("image", A * 500, ("v2",), None),
    ("image", A * 501, ("v2",), "must be at most 500 characters (has 501)"),
    ("image", A * 511, ("v1",), None),
    ("image", A * 512, ("v1",), "must be at most 511 characters under the v1 API (has 512)"),
    # registry_auth_id: <= 255
    ("registry_auth_id", A * 255, BOTH, None),
    ("registry_auth_id", A * 256, BOTH, "must be at most 255 characters (has 256)"),
    # command: unbounded under v2, <= 2047 under v1
    ("command", A * 5000, ("v2",), None),
    ("command", A * 2047, ("v1",), None),
    ("command", A * 2048, ("v1",), "must be at most 2047 characters under the v1 API (has 2048)"),
    ("entrypoint", 5, BOTH, "must be text"),
    # worker counts and timeouts: whole numbers >= 0
    ("worker_config.min_replicas", 0, BOTH, None),
    ("worker_config.min_replicas", -1, BOTH, "must not be negative (got -1)"),
    ("worker_config.min_replicas", "1", BOTH, "must be a whole number, not text ('1')"),
    ("worker_config.min_replicas", True, BOTH, "must be a whole number, not true/false"),
    ("worker_config.min_replicas", 1.5, BOTH, "must be a whole number, not 1.5"),
    ("worker_config.max_replicas", 1000, BOTH, None),
    ("worker_config.max_replicas", 1001, BOTH, "must be between 0 and 1000 (got 1001)"),
    ("worker_config.max_replicas", -1, BOTH, "must be between 0 and 1000 (got -1)"),
    ("worker_config.idle_timeout", 0, BOTH, None),
    ("worker_config.idle_timeout", -5, BOTH, "must not be negative (got -5)"),
    ("worker_config.max_concurrent_per_worker", 64, BOTH, None),
    ("worker_config.max_concurrent_per_worker", -1, BOTH, "must not be negative (got -1)"),
    ("worker_config.gpu_num", 8, BOTH, None),
    ("worker_config.gpu_num", -1, BOTH, "must not be negative (got -1)"),
    ("worker_config.rootfs_size_gb", 100, BOTH, None),
    ("worker_config.rootfs_size_gb", -1, BOTH, "must not be negative (got -1)"),
    ("worker_config.request_timeout", 3600, BOTH, None),
    ("worker_config.request_timeout", -1, BOTH, "must not be negative (got -1)"),
    ("worker_config.min_cuda_version", "12.4", BOTH, None),
    ("worker_config.min_cuda_version", "12", BOTH, "must look like a CUDA version such as 12.4"),
    ("worker_config.min_cuda_version", "12.4\n", BOTH, "must look like a CUDA version"),
    # policy
    ("policy.type", "concurrency", BOTH, None),
    ("policy.type", "queu", BOTH, "must be one of: queue, concurrency; did you mean 'queue'?"),
    ("policy.value", 0, BOTH, None),
    ("policy.value", -1, BOTH, "must not be negative (got -1)"),
    # volumes
    ("volumes.0.type", "local", BOTH, None),
    ("volumes.0.type", "nfs", BOTH, "must be one of: local, network"),
    ("volumes.0.id", A * 255, BOTH, None),
    ("volumes.0.id", A * 256, BOTH, "must be at most 255 characters (has 256)"),
    ("volumes.0.size", 30, BOTH, None),
    ("volumes.0.size", -30, BOTH, "must not be negative (got -30)"),
    ("volumes.0.mount_point", "/data", BOTH, None),
    ("volumes.0.mount_point", "data", BOTH, "must be an absolute path starting with '/'"),
    ("volumes.0.mount_point", "/" + A * 400, ("v2",), None),
    ("volumes.0.mount_point", "/" + A * 254, ("v1",), None),
    (
        "volumes.0.mount_point",
        "/" + A * 255,
        ("v1",),
        "must be at most 255 characters under the v1 API (has 256)",
    ),
    # envs
    ("envs.0.key", "HF_HOME", BOTH, None),
    ("envs.0.key", "A=B", BOTH, "must not contain '=' or whitespace"),
    ("envs.0.key", "A B", BOTH, "must not contain '=' or whitespace"),
    ("envs.0.key", "", BOTH, "is required"),
    ("envs.0.value", "", BOTH, None),
    ("envs.0.value", 5, BOTH, "must be text"),
    # ports: 1-65535, and v1 refuses the platform's own ports
    ("ports.0", 1, BOTH, None),
    ("ports.0", 65535, BOTH, None),
    ("ports.0", 0, BOTH, "must be between 1 and 65535 (got 0)"),
    ("ports.0", 65536, BOTH, "must be between 1 and 65535 (got 65536)"),
    ("ports.0", "8080", BOTH, "must be a whole number, not text ('8080')"),
    ("ports.0", 2222, ("v2",), None),
    (
        "ports.0",
        2223,
        ("v1",),
        "2223 is reserved by the platform; the v1 API refuses 2222, 2223, 2224",
    ),
    # health check
    ("health_check.path", "/healthz", BOTH, None),
    ("health_check.path", "healthz", BOTH, "must start with '/'"),
    ("health_check.port", 8080, BOTH, None),
    ("health_check.port", 70000, BOTH, "must be between 1 and 65535 (got 70000)"),
]


def _ids() -> list[str]:
    return [f"{loc}={str(v)[:12]!r}-{'+'.join(vs)}" for loc, v, vs, _ in CASES]


@pytest.mark.parametrize(("loc", "value", "versions", "expected"), CASES, ids=_ids())
def test_field_rule(loc: str, value: Any, versions: tuple[str, ...], expected: str | None) -> None:
    for version in versions:
        report = spec.validate(with_value(BASE[version], loc, value), version)
        messages = [i.message for i in report.at(loc) if i.severity == "error"]
        if expected is None:
            assert messages == [], version
        else:
            assert any(expected in m for m in messages), (version, messages)
        # the form checks one field alone with the same rule
        alone = [i.message for i in spec.validate_field(loc, value, version)]
        assert alone == [] if expected is None else any(expected in m for m in alone)


REQUIRED: list[tuple[str, str, str | None]] = [
    ("v2", "type", "is required"),
    ("v1", "type", None),
    ("v2", "name", "is required"),
    ("v1", "name", None),
    ("v2", "product_id", "is required"),
    ("v1", "product_id", "is required"),
    ("v2", "image", "is required"),
    ("v1", "image", "is required"),
    ("v2", "worker_config.max_replicas", "is required"),
    ("v1", "worker_config.max_replicas", "is required"),
    ("v2", "worker_config.min_replicas", None),
    ("v1", "worker_config.min_replicas", "is required by the v1 API"),
    ("v1", "worker_config.idle_timeout", "is required by the v1 API"),
    ("v1", "worker_config.max_concurrent_per_worker", "is required by the v1 API"),
    ("v1", "worker_config.gpu_num", "is required by the v1 API"),
    ("v1", "worker_config.rootfs_size_gb", "is required by the v1 API"),
    ("v1", "worker_config.request_timeout", "is required by the v1 API"),
    ("v1", "policy.type", "is required"),
    ("v1", "policy.value", "is required"),
    ("v1", "health_check.path", "is required by the v1 API"),
]


@pytest.mark.parametrize(("version", "loc", "expected"), REQUIRED)
def test_required_per_version(version: str, loc: str, expected: str | None) -> None:
    base = BASE[version]
    present = spec.validate(base, version)
    assert present.ok, present.issues
    report = spec.validate(without(base, loc) if _has(base, loc) else base, version)
    messages = [i.message for i in report.at(loc)]
    assert messages == ([] if expected is None else [expected])


def _has(data: dict[str, Any], loc: str) -> bool:
    head, _, rest = loc.partition(".")
    return head in data and (not rest or rest in data[head])


def test_optional_groups_may_be_left_out_under_v2() -> None:
    assert "policy" not in BASE["v2"] and spec.validate(BASE["v2"], "v2").ok
    half = with_value(BASE["v2"], "policy.value", 10)
    assert [str(i) for i in spec.validate(half, "v2").errors] == ["policy.type: is required"]


def test_v2_needs_the_worker_config_table() -> None:
    report = spec.validate(without(BASE["v2"], "worker_config"), "v2")
    assert [str(i) for i in report.errors] == ["worker_config.max_replicas: is required"]


def test_empty_text_counts_as_missing_for_required_fields() -> None:
    report = spec.validate(with_value(BASE["v2"], "name", ""), "v2")
    assert [i.message for i in report.at("name")] == ["is required"]


def test_single_field_check_of_an_unknown_location() -> None:
    assert [i.message for i in spec.validate_field("worker_config.maxNum", 2)] == [
        "is not a field of an endpoint"
    ]
