"""Row actions: detail, delete with the typed name, copy, diff and update from a preset,
open in the editor."""

from __future__ import annotations

import tomllib

from textual.widgets import DataTable, Input, Static

from tests.ui.conftest import PRESET_TOML, editor, write_preset
from tests.ui_endpoints.conftest import (
    endpoint,
    names,
    ready,
    sandbox_with,
    settle,
    show_endpoints,
)
from tui_app.ui.screens.confirm import ConfirmModal
from tui_app.ui.screens.prompt import PromptModal


def modal_text(app) -> str:
    return "\n".join(str(s.render()) for s in app.screen.query(Static))


def sent(sandbox, method: str) -> list:
    return [r for r in sandbox.received if r[0] == method]


async def type_answer(pilot, text: str) -> None:
    screen = pilot.app.screen
    assert isinstance(screen, PromptModal)
    field = screen.query_one(Input)
    field.value = ""
    field.focus()
    await pilot.press(*text, "enter")
    await settle(pilot)


async def test_detail_shows_status_workers_and_the_config(make_app) -> None:
    app = make_app()
    async with app.run_test(size=(200, 50)) as pilot:
        await ready(pilot)
        wc = {**endpoint("x")["worker_config"], "min_replicas": 1}
        await sandbox_with(pilot, endpoint("alpha", worker_config=wc))
        await show_endpoints(pilot)
        await pilot.press("enter")
        await settle(pilot)
        text = modal_text(app)
        assert "status: " in text
        assert "worker " in text and "healthy" in text and "log: " in text
        assert '"image": "vllm/vllm-openai:v0.6.3"' in text


async def test_delete_needs_the_typed_name(make_app) -> None:
    app = make_app()
    async with app.run_test(size=(200, 40)) as pilot:
        await ready(pilot)
        sandbox = await sandbox_with(pilot, endpoint("alpha"))
        screen = await show_endpoints(pilot)
        await pilot.press("delete")
        await settle(pilot)
        await type_answer(pilot, "alphx")
        assert sent(sandbox, "DELETE") == []
        assert names(screen) == ["alpha"]
        assert any("does not match" in n for n in app.notes)
        await pilot.press("delete")
        await settle(pilot)
        await type_answer(pilot, "alpha")
        assert len(sent(sandbox, "DELETE")) == 1
        assert sandbox.endpoints == {}
        assert names(screen) == []


async def test_copy_id_writes_the_clipboard(make_app) -> None:
    app = make_app()
    async with app.run_test(size=(200, 40)) as pilot:
        await ready(pilot)
        sandbox = await sandbox_with(pilot, endpoint("alpha"))
        await show_endpoints(pilot)
        await pilot.press("c")
        await pilot.pause()
        eid = next(iter(sandbox.endpoints))
        assert app.clipboard == eid
        assert any(f"Copied the id {eid}" in n for n in app.notes)


async def pick_preset(pilot, name: str) -> None:
    await settle(pilot)
    await pilot.press(*name, "enter")
    await settle(pilot)


async def test_diff_against_a_preset(make_app, home) -> None:
    write_preset(home, "llama-test", PRESET_TOML.replace("max_replicas = 2", "max_replicas = 3"))
    app = make_app()
    async with app.run_test(size=(200, 40)) as pilot:
        await ready(pilot)
        await sandbox_with(pilot, endpoint("llama-test"))
        await show_endpoints(pilot)
        await pilot.press("d")
        await pick_preset(pilot, "llama-test")
        assert "worker_config.max_replicas: 2 → 3" in modal_text(app)


async def test_update_from_a_preset_sends_it_and_no_changes_sends_nothing(make_app, home) -> None:
    write_preset(home, "same", PRESET_TOML)
    write_preset(home, "more", PRESET_TOML.replace("max_replicas = 2", "max_replicas = 3"))
    app = make_app()
    async with app.run_test(size=(200, 40)) as pilot:
        await ready(pilot)
        sandbox = await sandbox_with(pilot, endpoint("llama-test"))
        screen = await show_endpoints(pilot)
        await pilot.press("u")
        await pick_preset(pilot, "same")
        assert sent(sandbox, "PUT") == []
        assert any("No changes" in n and "nothing sent" in n for n in app.notes)
        await pilot.press("u")
        await pick_preset(pilot, "more")
        assert isinstance(app.screen, ConfirmModal)
        assert "worker_config.max_replicas: 2 → 3" in modal_text(app)
        await pilot.press("y")
        await settle(pilot)
        puts = sent(sandbox, "PUT")
        assert len(puts) == 1
        body = puts[0][2]
        assert body["worker_config"]["max_replicas"] == 3
        eid = next(iter(sandbox.endpoints))
        assert sandbox.endpoints[eid]["worker_config"]["max_replicas"] == 3
        assert str(screen.query_one(DataTable).get_row(eid)[2]).endswith("(0–3)")


async def test_update_refuses_an_immutable_change(make_app, home) -> None:
    write_preset(home, "other", PRESET_TOML.replace('type = "sync"', 'type = "async"'))
    app = make_app()
    async with app.run_test(size=(200, 40)) as pilot:
        await ready(pilot)
        sandbox = await sandbox_with(pilot, endpoint("llama-test"))
        await show_endpoints(pilot)
        await pilot.press("u")
        await pick_preset(pilot, "other")
        assert sent(sandbox, "PUT") == []
        assert any("cannot change: delete and create" in n for n in app.notes)


async def test_open_in_the_editor_as_an_unsaved_linked_preset(make_app) -> None:
    app = make_app()
    async with app.run_test(size=(200, 40)) as pilot:
        await ready(pilot)
        sandbox = await sandbox_with(pilot, endpoint("alpha", image="img/x:1"))
        await show_endpoints(pilot)
        await pilot.press("e")
        await settle(pilot)
        assert type(app.screen).__name__ == "EditorScreen"
        form = editor(app)
        assert form.state.get("name") == "alpha"
        assert form.state.get("image") == "img/x:1"
        assert form.state.preset_name is None
        assert form.linked_endpoint_id == next(iter(sandbox.endpoints))
        assert tomllib.loads(PRESET_TOML)  # the preset format is untouched


WITH_REFERENCE = PRESET_TOML.replace("max_replicas = 2", "max_replicas = 3").replace(
    "ports = [8000]\n",
    'ports = [8000]\nenvs = [{ key = "CALLBACK", value = "${CALLBACK_URL}" }]\n',
)
CALLBACK = "https://hooks.example.com/notify?sig=q7ZsK2vBn"


async def test_update_from_a_preset_uses_values_set_for_the_session_and_keeps_them_hidden(
    make_app, home
) -> None:
    write_preset(home, "with-ref", WITH_REFERENCE)
    app = make_app()
    async with app.run_test(size=(200, 40)) as pilot:
        await ready(pilot)
        sandbox = await sandbox_with(pilot, endpoint("llama-test"))
        await show_endpoints(pilot)
        await pilot.press("u")
        await pick_preset(pilot, "with-ref")
        assert sent(sandbox, "PUT") == []  # not set anywhere yet: nothing sent
        assert any("${CALLBACK_URL}" in n and "for this session" in n for n in app.notes)
        # set in the editor, as its palette does, then the update from this screen again
        editor(app).submit_flow.set_value({"CALLBACK_URL": CALLBACK})
        await pilot.press("u")
        await pick_preset(pilot, "with-ref")
        await pilot.press("y")
        await settle(pilot)
        puts = sent(sandbox, "PUT")
        assert len(puts) == 1
        assert {"key": "CALLBACK", "value": CALLBACK} in puts[0][2]["envs"]
        client = app.services.connection.client
        await client.flush_history()
    history = (home / "history.jsonl").read_text()
    assert "${CALLBACK_URL}" in history
    assert "q7ZsK2vBn" not in history


async def test_the_diff_shows_a_field_the_preset_leaves_out_as_kept(make_app, home) -> None:
    write_preset(home, "llama-test", PRESET_TOML)  # no command
    app = make_app()
    async with app.run_test(size=(200, 40)) as pilot:
        await ready(pilot)
        await sandbox_with(pilot, endpoint("llama-test", command="vllm serve --port 8000"))
        await show_endpoints(pilot)
        await pilot.press("d")
        await pick_preset(pilot, "llama-test")
        text = modal_text(app)
        assert "no differences" in text
        assert "command: vllm serve --port 8000 (kept as deployed" in text
