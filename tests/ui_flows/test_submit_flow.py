"""SubmitFlow without an app: the in-process sandbox as the server, answers from a list."""

from __future__ import annotations

from pathlib import Path

from tests.ui.conftest import VALID
from tests.ui_flows.recorder import Recorder
from tui_app.ui.flows.dialogs import ConfirmSubmit, Prompt
from tui_app.ui.flows.submit import SubmitBlocked, SubmitEnded, SubmitFlow, SubmitStarted
from tui_app.ui.form_state import FormState
from tui_app.ui.services import Connection, Exchanges


async def none() -> None:
    """No target to resolve again in these tests."""


def sandbox_connection(home: Path, exchanges: Exchanges) -> Connection:
    connection = Connection(home, {}, exchanges)
    target, problem = connection.resolve("v2")
    assert target is not None and target.sandbox, problem
    connection.use(target)
    return connection


async def test_a_confirmed_submit_creates_the_endpoint_and_reports_it(tmp_path: Path) -> None:
    exchanges = Exchanges(tmp_path / "history.jsonl")
    seen: list[object] = []
    exchanges.subscribe(seen.append)
    connection = sandbox_connection(tmp_path, exchanges)
    rec = Recorder(True)
    flow = SubmitFlow(connection, FormState(VALID), rec.ask, rec.post, rec.run, resolve=none)
    flow.submit()
    assert not rec.asked  # the name is looked up first
    _, work = rec.work.pop(0)
    await work
    question = rec.asked[0]
    assert isinstance(question, ConfirmSubmit) and question.sandbox
    assert question.resolved["name"] == "llama-test" and question.update_of is None
    assert flow.in_flight and [m.where for m in rec.of(SubmitStarted)] == ["the SANDBOX"]
    assert await rec.drain() == ["submit"]
    ended = rec.of(SubmitEnded)
    assert len(ended) == 1 and not ended[0].failed
    assert ended[0].activity == f"Created endpoint {flow.last_result.id}"
    assert not flow.in_flight
    # one list by name (nothing of that name yet), then the create
    assert [e.operation for e in seen] == ["list", "create"]
    await connection.client.aclose()


async def test_errors_and_unset_variables_block_the_submit_before_asking(tmp_path: Path) -> None:
    connection = sandbox_connection(tmp_path, Exchanges(tmp_path / "history.jsonl"))
    rec = Recorder(True)
    form = FormState({**VALID, "worker_config": {**VALID["worker_config"], "max_replicas": 5000}})
    SubmitFlow(connection, form, rec.ask, rec.post, rec.run, resolve=none).submit()
    blocked = rec.of(SubmitBlocked)
    assert blocked[0].issues[0].loc == "worker_config.max_replicas"
    assert blocked[0].text.startswith("Not sent: 1 error(s)")

    rec = Recorder(None)  # esc at the value's prompt
    form = FormState({**VALID, "envs": [{"key": "TOKEN", "value": "${NOT_SET}"}]})
    SubmitFlow(connection, form, rec.ask, rec.post, rec.run, resolve=none).submit()
    blocked = rec.of(SubmitBlocked)
    assert "(${NOT_SET})" in blocked[0].text and blocked[0].issues[0].loc.startswith("envs.0")
    assert form.send_problems == blocked[0].issues
    [prompt] = rec.asked
    assert isinstance(prompt, Prompt) and prompt.password and "${NOT_SET}" in prompt.title
    assert not rec.work and connection.client is None


async def test_values_typed_for_unset_variables_are_sent_and_redacted(tmp_path: Path) -> None:
    exchanges = Exchanges(tmp_path / "history.jsonl")
    connection = sandbox_connection(tmp_path, exchanges)
    rec = Recorder("secret-one-0123456789", "secret-two-0123456789", True)
    envs = [{"key": "A", "value": "${TWO}"}, {"key": "B", "value": "${ONE}"}]
    form = FormState({**VALID, "envs": envs})
    flow = SubmitFlow(connection, form, rec.ask, rec.post, rec.run, resolve=none)
    flow.submit()
    await rec.drain()  # the name is looked up before the confirm
    assert [type(q) for q in rec.asked] == [Prompt, Prompt, ConfirmSubmit]
    assert ["${ONE}" in rec.asked[0].title, "${TWO}" in rec.asked[1].title] == [True, True]
    sent = rec.asked[2].resolved["envs"]
    assert sent == [
        {"key": "A", "value": "secret-two-0123456789"},
        {"key": "B", "value": "secret-one-0123456789"},
    ]
    await rec.drain()
    assert not rec.of(SubmitBlocked) and form.data["envs"] == envs
    assert "secret-one" not in connection.redact("x secret-one-0123456789 y")
    await connection.client.aclose()
