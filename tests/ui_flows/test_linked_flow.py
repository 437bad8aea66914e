"""Submitting a form linked to a deployed endpoint (update, no change, immutable, a taken
name) and following an endpoint after a submit, against the in-process sandbox."""

from __future__ import annotations

import copy
import itertools
from pathlib import Path
from typing import Any

from tests.ui.conftest import VALID
from tests.ui_flows.recorder import Recorder
from tui_app.api.sandbox import Sandbox, Timing
from tui_app.ui.flows.dialogs import ConfirmSubmit
from tui_app.ui.flows.follow import FollowFlow, FollowStatus
from tui_app.ui.flows.submit import Linked, SubmitEnded, SubmitFlow
from tui_app.ui.form_state import FormState
from tui_app.ui.services import Connection, Exchanges


async def none() -> None:
    """No target to resolve again in these tests."""


def sandbox_connection(home: Path, sandbox: Sandbox | None = None) -> tuple[Connection, list[Any]]:
    exchanges = Exchanges(home / "history.jsonl")
    seen: list[Any] = []
    exchanges.subscribe(seen.append)
    connection = Connection(home, {}, exchanges)
    target, problem = connection.resolve("v2")
    assert target is not None and target.sandbox, problem
    connection._kept_sandbox = sandbox
    connection.use(target)
    return connection, seen


def changed(**workers: Any) -> dict[str, Any]:
    data = copy.deepcopy(VALID)
    data["worker_config"].update(workers)
    return data


async def deployed(connection: Connection, data: dict[str, Any]) -> Any:
    client = await connection.client_now()
    made = await client.create(copy.deepcopy(data), "v2")
    return await client.get(made.id)


def flow_for(connection: Connection, data: dict[str, Any], rec: Recorder) -> SubmitFlow:
    form = FormState(data)
    return SubmitFlow(connection, form, rec.ask, rec.post, rec.run, resolve=none)


async def test_a_linked_submit_shows_the_diff_and_sends_an_update(tmp_path: Path) -> None:
    connection, seen = sandbox_connection(tmp_path)
    info = await deployed(connection, VALID)
    seen.clear()
    rec = Recorder(True)
    flow = flow_for(connection, changed(max_replicas=3), rec)
    flow.link(info)
    assert [m.label for m in rec.of(Linked)] == [f"llama-test ({info.id})"]
    flow.submit()
    await rec.drain()
    question = rec.asked[0]
    assert isinstance(question, ConfirmSubmit)
    assert question.update_of == f"llama-test ({info.id})" and not question.taken
    assert question.changes == ("worker_config.max_replicas: 2 → 3",)
    assert [e.operation for e in seen] == ["get", "update"]
    client = await connection.client_now()
    assert (await client.get(info.id)).data["worker_config"]["max_replicas"] == 3
    assert rec.of(SubmitEnded)[-1].activity == f"Updated endpoint llama-test ({info.id})"
    await client.aclose()


async def test_a_linked_submit_without_changes_sends_nothing(tmp_path: Path) -> None:
    connection, seen = sandbox_connection(tmp_path)
    info = await deployed(connection, VALID)
    seen.clear()
    rec = Recorder(True)
    flow = flow_for(connection, copy.deepcopy(VALID), rec)
    flow.link(info)
    flow.submit()
    await rec.drain()
    assert not rec.asked
    assert [e.operation for e in seen] == ["get"]
    assert f"No changes to llama-test ({info.id}): nothing sent" in rec.notes
    await connection.client.aclose()


async def test_an_immutable_change_is_refused(tmp_path: Path) -> None:
    connection, seen = sandbox_connection(tmp_path)
    info = await deployed(connection, VALID)
    seen.clear()
    rec = Recorder(True)
    flow = flow_for(connection, {**copy.deepcopy(VALID), "type": "async"}, rec)
    flow.link(info)
    flow.submit()
    await rec.drain()
    assert not rec.asked
    assert [e.operation for e in seen] == ["get"]
    assert any("cannot change: delete and create" in n for n in rec.notes)
    await connection.client.aclose()


async def test_a_taken_name_offers_to_update_the_existing_one(tmp_path: Path) -> None:
    connection, seen = sandbox_connection(tmp_path)
    rec = Recorder(True, True)
    flow = flow_for(connection, {**changed(max_replicas=4), "name": "taken-later"}, rec)
    flow.submit()
    _, look_up = rec.work.pop(0)
    await look_up  # nothing of that name yet: the create is confirmed
    assert rec.asked[0].update_of is None
    # someone deploys the name before the create reaches the server
    info = await deployed(connection, {**VALID, "name": "taken-later"})
    seen.clear()
    await rec.drain()
    offer = rec.asked[1]
    assert isinstance(offer, ConfirmSubmit) and offer.taken
    assert offer.changes == ("worker_config.max_replicas: 2 → 4",)
    operations = [e.operation for e in seen]
    assert operations[-1] == "update" and operations.count("create") == 1
    client = await connection.client_now()
    assert (await client.get(info.id)).data["worker_config"]["max_replicas"] == 4
    assert flow.linked is not None and flow.linked.id == info.id
    await client.aclose()


async def follow_statuses(tmp_path: Path, data: dict[str, Any]) -> list[FollowStatus]:
    ticks = itertools.count(0, 0.5)
    box = Sandbox(clock=lambda: next(ticks), timing=Timing(boot=2, worker_boot=3, period=1e6))
    connection, _ = sandbox_connection(tmp_path, box)
    rec = Recorder(True)
    follow = FollowFlow(connection, rec.post, rec.run, interval=0)
    flow = SubmitFlow(
        connection,
        FormState(data),
        rec.ask,
        rec.post,
        rec.run,
        resolve=none,
        followed=follow.start,
    )
    flow.submit()
    assert await rec.drain() == ["io", "submit", "follow"]
    await connection.client.aclose()
    return rec.of(FollowStatus)


async def test_a_submit_is_followed_until_it_runs(tmp_path: Path) -> None:
    statuses = await follow_statuses(tmp_path, changed(min_replicas=1))
    assert "initializing" in statuses[0].text and not statuses[0].final
    last = statuses[-1]
    assert last.final and not last.failed and ": running" in last.text
    assert ".sandbox.local" in statuses[0].text and ".sandbox.local" in last.text


async def test_a_never_healthy_image_is_followed_until_it_fails(tmp_path: Path) -> None:
    data = {**changed(min_replicas=1), "image": "example/never-healthy:1"}
    statuses = await follow_statuses(tmp_path, data)
    last = statuses[-1]
    assert last.final and last.failed
    assert "never passed the health check" in last.text


async def test_a_renamed_linked_form_creates_instead_of_updating(tmp_path: Path) -> None:
    connection, seen = sandbox_connection(tmp_path)
    info = await deployed(connection, VALID)
    seen.clear()
    rec = Recorder(True)
    flow = flow_for(connection, {**copy.deepcopy(VALID), "name": "another-one"}, rec)
    flow.link(info)
    flow.submit()
    await rec.drain()
    assert rec.asked[0].update_of is None
    assert [e.operation for e in seen] == ["list", "create"]
    await connection.client.aclose()


async def test_an_unlinked_form_named_like_a_deployed_endpoint_updates_it(tmp_path: Path) -> None:
    """A pulled preset carries its endpoint's name: submitting it updates, never creates."""
    connection, seen = sandbox_connection(tmp_path)
    info = await deployed(connection, VALID)
    seen.clear()
    rec = Recorder(True)
    flow = flow_for(connection, changed(max_replicas=5), rec)
    flow.submit()
    await rec.drain()
    assert [m.label for m in rec.of(Linked)] == [f"llama-test ({info.id})"]
    question = rec.asked[0]
    assert isinstance(question, ConfirmSubmit)
    assert question.update_of == f"llama-test ({info.id})" and not question.taken
    assert question.changes == ("worker_config.max_replicas: 2 → 5",)
    assert [e.operation for e in seen] == ["list", "get", "update"]
    client = await connection.client_now()
    assert (await client.get(info.id)).data["worker_config"]["max_replicas"] == 5
    assert len(await client.list_endpoints()) == 1
    await client.aclose()


async def test_a_failed_name_look_up_falls_back_to_the_create_confirm(tmp_path: Path) -> None:
    box = Sandbox()
    connection, seen = sandbox_connection(tmp_path, box)
    client = await connection.client_now()
    await client.create(copy.deepcopy(VALID), "v2")
    seen.clear()
    box.set_faults(errors=100, error_status=500)  # every look-up request fails
    rec = Recorder(False)
    flow_for(connection, copy.deepcopy(VALID), rec).submit()
    await rec.drain()
    assert len(rec.asked) == 1 and rec.asked[0].update_of is None
    assert {e.operation for e in seen} == {"list"}  # tried, failed, nothing else sent
    await client.aclose()
