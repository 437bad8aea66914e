"""Rules that span fields, structure problems, warnings: a passing and a failing case each."""

from __future__ import annotations

from typing import Any

import pytest

from tests.spec.models import BASE, FULL, with_value
from tui_app import spec

BOTH = ("v1", "v2")


def _messages(data: dict[str, Any], version: str, loc: str) -> list[str]:
    return [i.message for i in spec.validate(data, version).at(loc)]


@pytest.mark.parametrize("version", BOTH)
def test_min_workers_must_not_exceed_max(version: str) -> None:
    base = BASE[version]
    equal = with_value(
        with_value(base, "worker_config.min_replicas", 2), "worker_config.max_replicas", 2
    )
    assert _messages(equal, version, "worker_config.min_replicas") == []
    over = with_value(equal, "worker_config.min_replicas", 3)
    assert _messages(over, version, "worker_config.min_replicas") == [
        "must not exceed max workers (2); got 3"
    ]


@pytest.mark.parametrize("version", BOTH)
def test_network_volume_needs_an_id_and_local_needs_a_size(version: str) -> None:
    base = with_value(BASE[version], "region_id", "cn-east-1")
    good = with_value(
        base,
        "volumes",
        [
            {"type": "network", "id": "ns-1", "mount_point": "/models"},
            {"type": "local", "size": 30, "mount_point": "/scratch"},
        ],
    )
    assert spec.validate(good, version).ok
    bad = with_value(
        base,
        "volumes",
        [
            {"type": "network", "mount_point": "/models"},
            {"type": "local", "mount_point": "/scratch"},
        ],
    )
    assert _messages(bad, version, "volumes.0.id") == ["is required for a network volume"]
    assert _messages(bad, version, "volumes.1.size") == ["is required for a local volume"]


@pytest.mark.parametrize("version", BOTH)
def test_mount_points_are_unique(version: str) -> None:
    volumes = [
        {"type": "local", "size": 30, "mount_point": "/data"},
        {"type": "local", "size": 10, "mount_point": "/data/"},
    ]
    data = with_value(BASE[version], "volumes", volumes)
    assert _messages(data, version, "volumes.1.mount_point") == [
        "/data/ is already mounted by volumes.0; mount points must be unique"
    ]
    volumes[1]["mount_point"] = "/data2"
    assert spec.validate(with_value(BASE[version], "volumes", volumes), version).ok


@pytest.mark.parametrize("version", BOTH)
def test_env_names_are_unique(version: str) -> None:
    envs = [{"key": "A", "value": "1"}, {"key": "A", "value": "2"}]
    data = with_value(BASE[version], "envs", envs)
    assert _messages(data, version, "envs.1.key") == [
        "A is already set by env #1; names must be unique"
    ]
    envs[1]["key"] = "B"
    assert spec.validate(with_value(BASE[version], "envs", envs), version).ok


def test_ports_are_unique_under_v2() -> None:
    assert spec.validate(with_value(BASE["v2"], "ports", [8000, 8001]), "v2").ok
    data = with_value(BASE["v2"], "ports", [8000, 8000])
    assert _messages(data, "v2", "ports.1") == ["port 8000 is listed twice; ports must be unique"]


@pytest.mark.parametrize(
    ("ports", "expected"),
    [
        ([8080], []),
        ([], ["the v1 API takes exactly one port (got 0)"]),
        ([80, 81], ["the v1 API takes exactly one port (got 2)"]),
    ],
)
def test_v1_takes_exactly_one_port(ports: list[int], expected: list[str]) -> None:
    assert _messages(with_value(BASE["v1"], "ports", ports), "v1", "ports") == expected


def test_v2_takes_any_number_of_ports() -> None:
    for ports in ([], [80], [80, 81, 82]):
        assert _messages(with_value(BASE["v2"], "ports", ports), "v2", "ports") == []


def test_health_port_outside_the_exposed_ports_is_a_v2_warning() -> None:
    data = with_value(with_value(BASE["v2"], "ports", [8000]), "health_check.port", 9000)
    [issue] = spec.validate(data, "v2").at("health_check.port")
    assert (issue.severity, issue.message) == (
        "warning",
        "9000 is not among the exposed ports (8000)",
    )
    assert spec.validate(data, "v2").ok
    assert (
        spec.validate(with_value(data, "health_check.port", 8000), "v2").at("health_check.port")
        == []
    )


def test_v1_needs_a_cluster_when_a_network_volume_is_mounted() -> None:
    volume = [{"type": "network", "id": "ns-1", "mount_point": "/models"}]
    data = with_value(BASE["v1"], "volumes", volume)
    assert _messages(data, "v1", "region_id") == [
        "is required by the v1 API when a network volume is mounted (sent as clusterID)"
    ]
    assert spec.validate(with_value(data, "region_id", "cn-east-1"), "v1").ok
    assert _messages(with_value(BASE["v2"], "volumes", volume), "v2", "region_id") == []


def test_fields_v1_cannot_express_are_warnings_under_v1_only() -> None:
    data = with_value(with_value(FULL, "type", "async"), "health_check.port", 9000)
    v1 = spec.validate(data, "v1")
    warned = {i.loc for i in v1.warnings}
    assert warned == {"type", "entrypoint", "worker_config.min_cuda_version", "health_check.port"}
    assert v1.ok
    assert spec.validate(FULL, "v2").issues == ()


def test_v1_stays_quiet_about_values_it_implies() -> None:
    # v1 endpoints are sync and probe their single port: nothing is lost by leaving these out
    assert FULL["type"] == "sync"
    assert FULL["health_check"]["port"] == FULL["ports"][0]
    warned = {i.loc for i in spec.validate(FULL, "v1").warnings}
    assert "type" not in warned
    assert "health_check.port" not in warned


@pytest.mark.parametrize("version", BOTH)
def test_a_clear_secret_in_an_env_value_is_a_warning(version: str) -> None:
    envs = [{"key": "HF_TOKEN", "value": "hf_" + "Ab3" * 10}]
    report = spec.validate(with_value(BASE[version], "envs", envs), version)
    [issue] = report.at("envs.0.value")
    assert issue.severity == "warning" and "looks like a secret" in issue.message
    assert report.ok
    envs[0]["value"] = "${HF_TOKEN}"
    assert spec.validate(with_value(BASE[version], "envs", envs), version).issues == ()


@pytest.mark.parametrize("version", BOTH)
def test_unknown_fields_are_named_with_a_suggestion(version: str) -> None:
    data = with_value(BASE[version], "worker_config.maxNum", 3)
    assert _messages(data, version, "worker_config.maxNum") == [
        "unknown field 'maxNum'; did you mean 'max_replicas'?"
    ]
    data = with_value(BASE[version], "imgae", "x")
    assert _messages(data, version, "imgae") == ["unknown field 'imgae'; did you mean 'image'?"]


@pytest.mark.parametrize(
    ("loc", "value", "where", "expected"),
    [
        ("worker_config", 5, "worker_config", "must be a table of fields"),
        ("volumes", {"type": "local"}, "volumes", "must be a list"),
        ("volumes", [5], "volumes.0", "must be a table of fields"),
        ("ports", 8080, "ports", "must be a list"),
    ],
)
def test_wrong_shapes_are_named(loc: str, value: Any, where: str, expected: str) -> None:
    for version in BOTH:
        assert expected in _messages(with_value(BASE[version], loc, value), version, where)


def test_not_a_table_at_all() -> None:
    assert [str(i) for i in spec.validate(["x"]).issues] == [
        "(endpoint): the endpoint must be a table of fields"
    ]


def test_env_references_resolve_only_from_the_given_environment() -> None:
    data = with_value(BASE["v2"], "envs", [{"key": "HF_TOKEN", "value": "${HF_TOKEN}"}])
    resolved, problems = spec.resolve(data, {"HF_TOKEN": "hf_secret"})
    assert problems == [] and resolved["envs"][0]["value"] == "hf_secret"
    assert data["envs"][0]["value"] == "${HF_TOKEN}"  # the preset itself keeps the reference
    _, problems = spec.resolve(data, {})
    assert [str(i) for i in problems] == [
        "envs.0.value: refers to ${HF_TOKEN}, which is not set in your environment"
    ]
    assert spec.secret_values(data, {"HF_TOKEN": "hf_secret"}) == ["hf_secret"]
