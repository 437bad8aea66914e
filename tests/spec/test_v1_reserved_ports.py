"""Each port the v1 create page reserves is refused under v1, with the whole message; v2
publishes no reserved ports and accepts them.

The numbers are copied from the v1 create page (seeds/ppio-v1-create-endpoint.md, ``ports``:
"支持的端口号范围：1-65535，其中 2222、2223、2224 为内部端口，不可使用"), not from the code.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.api.conftest import SAMPLE
from tests.sandbox_server import FakeClock
from tests.spec.models import BASE, with_value
from tui_app import spec
from tui_app.api.sandbox import Sandbox
from tui_app.cli import main
from tui_app.presets import Preset, save_preset_file

RESERVED = [2222, 2223, 2224]


def message(port: int) -> str:
    return f"{port} is reserved by the platform; the v1 API refuses 2222, 2223, 2224"


@pytest.mark.parametrize("port", RESERVED)
def test_v1_refuses_each_reserved_port_with_the_full_message(port: int) -> None:
    report = spec.validate(with_value(BASE["v1"], "ports.0", port), "v1")
    assert [(i.loc, i.message) for i in report.errors] == [("ports.0", message(port))]
    assert [i.message for i in spec.validate_field("ports.0", port, "v1")] == [message(port)]


@pytest.mark.parametrize("port", RESERVED)
def test_v2_accepts_the_ports_v1_reserves(port: int) -> None:
    assert spec.validate(with_value(BASE["v2"], "ports.0", port), "v2").ok
    assert spec.validate_field("ports.0", port, "v2") == []


@pytest.mark.parametrize("port", [2221, 2225])
def test_v1_accepts_the_neighbours_of_the_reserved_ports(port: int) -> None:
    assert spec.validate(with_value(BASE["v1"], "ports.0", port), "v1").ok


@pytest.mark.parametrize("port", RESERVED)
def test_validate_command_prints_the_full_message(
    port: int, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("PPIO_ENDPOINT_HOME", str(tmp_path / "home"))
    path = tmp_path / "reserved.toml"
    save_preset_file(path, Preset("reserved", with_value(BASE["v1"], "ports.0", port)))
    assert f"ports = [{port}]" in path.read_text()
    code = main(["validate", "--api-version", "v1", str(path)])
    err = capsys.readouterr().err
    assert code == 1
    assert err.splitlines() == [f"{path}: ports.0: {message(port)}"]


@pytest.mark.parametrize("port", RESERVED)
def test_the_sandbox_refuses_each_reserved_port_under_v1(port: int) -> None:
    box = Sandbox(seed=1, clock=FakeClock())
    body = spec.render_v1({**SAMPLE, "ports": [port], "health_check": {"path": "/healthz"}})
    reply = box.handle(
        "POST",
        "/gpu-instance/openapi/v1/endpoint/create",
        {"Authorization": "Bearer sk-test-key-12345678"},
        json.dumps(body).encode(),
    )
    assert reply.status == 400
    assert reply.body["metadata"]["field"] == "ports.0.port"
    assert reply.body["message"] == f"ports.0.port: {message(port)}"
    assert box.endpoints == {}
