"""``apply`` and ``diff`` as a CI job runs them: presets in files against the loopback sandbox."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from tests.api.conftest import SAMPLE, sample
from tests.sandbox_server import LoopbackSandbox
from tui_app.presets import Preset
from tui_app.presets.toml_io import preset_to_toml
from tui_app.spec.routes import SANDBOX_PREFIX

V1 = SANDBOX_PREFIX["v1"]


def write(folder: Path, name: str, **changes: Any) -> Path:
    path = folder / f"{name}.toml"
    path.write_text(preset_to_toml(Preset(name, sample(name=name, **changes))))
    return path


def deployed(server: LoopbackSandbox, name: str) -> dict[str, Any]:
    found = [d for d in server.sandbox.endpoints.values() if d["name"] == name]
    assert len(found) == 1
    return found[0]


def updates(server: LoopbackSandbox, version: str) -> list[Any]:
    if version == "v1":
        return server.received_at("POST", f"{V1}/endpoint/update")
    return [b for m, p, b in server.sandbox.received if m == "PUT"]


@pytest.mark.parametrize("version", ["v2", "v1"])
def test_create_check_edit_diff_update_loop(
    cli, server: LoopbackSandbox, tmp_path: Path, version: str
) -> None:
    envs = [{"key": "MODEL", "value": "llama"}, {"key": "OLD_VAR", "value": "1"}]
    alpha, beta = write(tmp_path, "alpha", envs=envs), write(tmp_path, "beta")
    flags = ("--api-version", version)

    before = cli("apply", "--check", *flags, str(alpha), str(beta))
    assert before.code == 4
    assert "+ create alpha" in before.out and "+ create beta" in before.out
    assert "at min" in before.out and "estimate from list prices" in before.out
    assert server.creates(version) == [] and server.sandbox.endpoints == {}

    made = cli("apply", "--yes", *flags, str(alpha), str(beta))
    assert made.code == 0, made.err
    assert len(server.creates(version)) == 2
    assert sorted(d["name"] for d in server.sandbox.endpoints.values()) == ["alpha", "beta"]
    assert made.out.count("created") == 2

    again = cli("apply", "--check", *flags, str(alpha), str(beta))
    assert again.code == 0, again.out
    assert "= unchanged alpha" in again.out and "= unchanged beta" in again.out

    workers = {**SAMPLE["worker_config"], "max_replicas": 5}
    write(tmp_path, "alpha", worker_config=workers, envs=[])  # every env removed
    differs = cli("diff", *flags, str(alpha))
    assert differs.code == 4
    lines = differs.out.splitlines()
    assert "worker_config.max_replicas: 3 → 5" in lines
    assert "envs: − MODEL" in lines and "envs: − OLD_VAR" in lines

    applied = cli("apply", "--yes", *flags, str(alpha), str(beta))
    assert applied.code == 0, applied.err
    assert "~ update alpha" in applied.out and "= unchanged beta" in applied.out
    assert len(server.creates(version)) == 2  # no second endpoint
    assert len(server.sandbox.endpoints) == 2
    assert len(updates(server, version)) == 1
    alpha_now = deployed(server, "alpha")
    assert alpha_now["worker_config"]["max_replicas"] == 5
    assert "envs" not in alpha_now  # the last env is gone on the server
    assert cli("diff", *flags, str(alpha)).code == 0


def test_one_failing_preset_does_not_stop_the_others(
    cli, server: LoopbackSandbox, tmp_path: Path
) -> None:
    names = ["alpha", "beta", "gamma", "delta"]
    files = [str(write(tmp_path, n)) for n in names]
    assert cli("apply", "--yes", *files).code == 0
    workers = {**SAMPLE["worker_config"], "max_replicas": 4}
    for name in names:
        write(tmp_path, name, worker_config=workers)
    server.sandbox.fail_names = {"beta"}
    result = cli("apply", "--yes", "--json", "--retries", "0", "--concurrency", "2", *files)
    assert result.code == 3
    rows = [json.loads(line) for line in result.out.splitlines()]
    assert [r["name"] for r in rows] == names
    assert {r["name"]: r["result"] for r in rows} == {
        "alpha": "updated",
        "beta": "failed",
        "gamma": "updated",
        "delta": "updated",
    }
    assert [r["exit"] for r in rows] == [0, 3, 0, 0]
    assert all(r["changes"] == ["worker_config.max_replicas: 3 → 4"] for r in rows)
    assert deployed(server, "gamma")["worker_config"]["max_replicas"] == 4
    assert deployed(server, "beta")["worker_config"]["max_replicas"] == 3


def test_check_as_json_lines(cli, server: LoopbackSandbox, tmp_path: Path) -> None:
    broken = write(tmp_path, "broken", worker_config={**SAMPLE["worker_config"], "gpu_num": -1})
    result = cli("apply", "--check", "--json", str(write(tmp_path, "alpha")), str(broken))
    assert result.code == 1  # invalid beats drift
    rows = [json.loads(line) for line in result.out.splitlines()]
    assert [(r["name"], r["action"], r["exit"]) for r in rows] == [
        ("broken", "invalid", 1),
        ("alpha", "create", 4),
    ]
    assert rows[1]["cost"].startswith("$0.69/h at min – $2.07/h at max")
    assert "+ create alpha" in result.err  # with --json the plan goes to stderr
    assert server.creates() == []


def test_an_immutable_change_is_planned_as_cannot_and_never_sent(
    cli, server: LoopbackSandbox, tmp_path: Path
) -> None:
    alpha = write(tmp_path, "alpha")
    assert cli("apply", "--yes", str(alpha)).code == 0
    write(tmp_path, "alpha", type="async", image="registry.example.com/team/server:2.0")
    check = cli("apply", "--check", str(alpha))
    assert check.code == 1
    assert "! cannot alpha" in check.out
    assert "type: sync → async (cannot change: delete and create)" in check.out
    refused = cli("apply", "--yes", str(alpha))
    assert refused.code == 1
    assert updates(server, "v2") == []
    assert deployed(server, "alpha")["image"] == SAMPLE["image"]


def test_apply_without_a_terminal_needs_yes(cli, server: LoopbackSandbox, tmp_path: Path) -> None:
    result = cli("apply", str(write(tmp_path, "alpha")))
    assert result.code == 1
    assert "add --yes" in result.err
    assert server.creates() == []


def test_diff_against_a_given_id_and_a_missing_name(
    cli, server: LoopbackSandbox, tmp_path: Path
) -> None:
    alpha = write(tmp_path, "alpha", ports=[8080, 9000])
    missing = cli("diff", str(alpha))
    assert missing.code == 4 and missing.out == "+ create alpha\n"
    assert cli("apply", "--yes", str(write(tmp_path, "other"))).code == 0
    other_id = next(iter(server.sandbox.endpoints))
    shown = cli("diff", str(alpha), other_id)
    assert shown.code == 4
    assert "name: other → alpha" in shown.out.splitlines()
    assert "ports: [8080] → [8080, 9000]" in shown.out.splitlines()


def test_a_field_the_preset_leaves_out_is_shown_as_kept_not_as_a_difference(
    cli, server: LoopbackSandbox, tmp_path: Path
) -> None:
    alpha = write(tmp_path, "alpha", command="--model meta-llama/Llama-3.1-8B")
    assert cli("apply", "--yes", str(alpha)).code == 0
    write(tmp_path, "alpha", command=None)  # the command taken out of the preset
    shown = cli("diff", str(alpha))
    assert shown.code == 0, shown.out  # no update could take it away: not a difference
    assert shown.out == ""
    assert (
        "= command: --model meta-llama/Llama-3.1-8B (kept as deployed: the preset leaves it "
        "out, and an update does not clear it)"
    ) in shown.err.splitlines()
