"""Submitting, end to end over real loopback HTTP to the sandbox: the body that arrives is the
one Review showed; errors block it; a slow answer can be cancelled; v1 sends the v1 shape."""

from __future__ import annotations

from typing import Any

import pytest
from textual.widgets import Button

from tests.sandbox_server import TEST_KEY, sandbox_server
from tests.ui.conftest import VALID, editor, load, ready, row, settle, type_into
from tui_app.ui.screens.confirm import ConfirmModal
from tui_app.ui.screens.prompt import PromptModal


@pytest.fixture
def server():
    with sandbox_server() as running:
        yield running


def live_app(make_app, server, **kwargs: Any):
    environ = {"PPIO_API_KEY": TEST_KEY, **kwargs.pop("environ", {})}
    return make_app(base_url=server.base_url, environ=environ, **kwargs)


async def submit_confirmed(pilot) -> None:
    """F5, then y at the confirm modal, then wait for the request to finish."""
    await pilot.press("f5")
    await pilot.pause()
    await pilot.press("y")
    await settle(pilot)


async def review_body(pilot) -> dict[str, Any]:
    editor(pilot.app).action_section("review")
    await pilot.pause()
    return editor(pilot.app).review.body


async def test_header_shows_the_live_target_with_the_key_masked(make_app, server) -> None:
    app = live_app(make_app, server)
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(pilot)
        header = editor(app).header.target_text
        assert server.base_url in header
        assert "v2" in header
        assert "****5678" in header
        assert TEST_KEY not in header
        assert "SANDBOX" not in header
        assert editor(app).header.user_host == "tester@ci-box"


async def test_the_sandbox_receives_exactly_the_review_body(make_app, server) -> None:
    app = live_app(make_app, server)
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(pilot)
        data = {**VALID, "envs": [{"key": "MODEL", "value": "llama"}]}
        await load(pilot, data)
        shown = await review_body(pilot)

        await pilot.press("f5")
        await pilot.pause()
        modal = app.screen
        assert isinstance(modal, ConfirmModal)
        assert app.focused is modal.query_one("#cancel", Button)  # the safe answer first
        for fact in ("llama-test", "GPUs per worker: 1", "0–2", "vllm/vllm-openai:v0.6.3"):
            assert fact in str(modal.body)
        assert server.base_url in str(modal.body)
        await pilot.press("y")
        await settle(pilot)

        assert server.creates() == [shown]
        assert editor(app).status.activity.startswith("Created endpoint")
        created = next(iter(server.sandbox.endpoints))
        assert created in editor(app).status.activity
        log = editor(app).request_log()
        lines = [(e.method, e.path, e.status) for e in log.exchanges.values()]
        assert ("POST", "/gpus/v2/endpoints", 200) in lines


async def test_enter_on_the_confirm_cancels(make_app, server) -> None:
    app = live_app(make_app, server)
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(pilot)
        await load(pilot, VALID)
        await pilot.press("f5")
        await pilot.pause()
        await pilot.press("enter")
        await settle(pilot)
        assert server.creates() == []
        assert not isinstance(app.screen, ConfirmModal)


async def test_errors_block_the_submit_and_jump_to_the_first(make_app, server) -> None:
    app = live_app(make_app, server)
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(pilot)
        broken = {**VALID, "worker_config": {**VALID["worker_config"], "max_replicas": 5000}}
        broken.pop("image")
        await load(pilot, broken)
        editor(app).action_section("health")
        await pilot.pause()
        await pilot.press("f5")
        await settle(pilot)
        assert server.creates() == []
        assert not isinstance(app.screen, ConfirmModal)
        # first error in form order is the image (General), and it now shows its message
        assert editor(app).tabs.active == "tab-general"
        assert app.focused is row(app, "image").editor
        assert "is required" in row(app, "image").message
        assert "between 0 and 1000" in row(app, "worker_config.max_replicas").message
        assert any("Not sent: 2 error(s)" in n for n in app.notes)
        # f8 goes on to the next one
        await pilot.press("f8")
        await pilot.pause()
        assert editor(app).tabs.active == "tab-workers"
        assert app.focused is row(app, "worker_config.max_replicas").editor


async def test_env_references_resolve_when_sending_and_stay_secret(make_app, server, home) -> None:
    secret = "hf_abcdefghijklmnopqrstuvwxyz123456"
    app = live_app(make_app, server, environ={"HF_TOKEN": secret})
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(pilot)
        data = {**VALID, "envs": [{"key": "HF_TOKEN", "value": "${HF_TOKEN}"}]}
        await load(pilot, data)
        assert (await review_body(pilot))["envs"] == [{"key": "HF_TOKEN", "value": "${HF_TOKEN}"}]
        await submit_confirmed(pilot)
        assert server.creates()[0]["envs"] == [{"key": "HF_TOKEN", "value": secret}]
        history = (home / "history.jsonl").read_text()
        assert "HF_TOKEN" in history
        assert secret not in history
        assert TEST_KEY not in history


async def test_unset_env_reference_is_an_error_under_the_env_table(make_app, server) -> None:
    app = live_app(make_app, server)
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(pilot)
        data = {**VALID, "envs": [{"key": "HF_TOKEN", "value": "${NOT_SET_ANYWHERE}"}]}
        await load(pilot, data)
        await pilot.press("f5")
        await pilot.pause()
        assert isinstance(app.screen, PromptModal)  # its value for this session?
        await pilot.press("escape")
        await settle(pilot)
        assert server.creates() == []
        assert editor(app).tabs.active == "tab-env"
        issues = editor(app).table("envs").issues
        assert "NOT_SET_ANYWHERE" in issues["envs.0.value"]
        assert any("${NOT_SET_ANYWHERE}" in n for n in app.notes)


async def test_cancel_during_a_slow_response(make_app, server) -> None:
    app = live_app(make_app, server)
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(pilot)
        await load(pilot, VALID)
        await pilot.press("f5")
        await settle(pilot)  # the name look-up answers before the confirm
        assert isinstance(app.screen, ConfirmModal)
        server.set_faults(latency=30)
        await pilot.press("y")
        await pilot.pause()
        assert editor(app).submitting
        assert editor(app).status.is_busy

        # the UI still answers while the request waits: typing works, a second submit is refused
        await type_into(pilot, "name", "still-typing")
        assert editor(app).state.get("name") == "still-typing"
        await pilot.press("f5")
        await pilot.pause()
        assert not isinstance(app.screen, ConfirmModal)
        assert any("already in flight" in n for n in app.notes)

        await pilot.press("escape")
        await settle(pilot)
        assert not editor(app).submitting
        assert editor(app).status.activity == "Submit cancelled"
        assert any("may still be created" in n for n in app.notes)
        server.set_faults(latency=0)


async def test_switching_to_v1_rerenders_review_and_sends_the_v1_shape(make_app, server) -> None:
    app = live_app(make_app, server)
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(pilot)
        await load(pilot, {**VALID, "region_id": "cn-east-1"})
        assert "endpoint" not in await review_body(pilot)
        await pilot.press("f4")
        await settle(pilot)
        assert editor(app).state.version == "v1"
        body = await review_body(pilot)
        assert set(body) == {"endpoint"}
        assert body["endpoint"]["workerConfig"]["maxNum"] == 2
        assert body["endpoint"]["ports"] == [{"port": "8000"}]
        assert "v1" in editor(app).header.target_text, app.notes
        assert "v1" in editor(app).status.counts
        await submit_confirmed(pilot)
        assert server.creates("v1") == [body]


async def test_v1_rules_apply_after_the_switch(make_app, server) -> None:
    app = live_app(make_app, server)
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(pilot)
        await load(pilot, {**VALID, "ports": [8000, 9000]})
        assert editor(app).state.report.ok
        await pilot.press("f4")
        await settle(pilot)
        assert not editor(app).state.report.ok
        assert str(editor(app).tabs.get_tab("tab-ports").label) == "Ports (1)"
        assert "exactly one port" in editor(app).table("ports").issues["ports"]


async def test_a_server_refusal_shows_under_the_field_it_names(make_app, server) -> None:
    app = live_app(make_app, server)
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(pilot)
        await load(pilot, {**VALID, "product_id": "no-such-gpu"})
        await submit_confirmed(pilot)
        assert len(server.creates()) == 1
        assert editor(app).status.activity.startswith("Submit failed")
        assert app.focused is row(app, "product_id").editor
        assert "server:" in row(app, "product_id").message
        assert "not a serverless product" in row(app, "product_id").message
        assert str(editor(app).tabs.get_tab("tab-general").label) == "General (1)"
        await type_into(pilot, "product_id", "1")
        assert row(app, "product_id").message == ""


async def test_the_exchange_is_logged_with_a_detail_and_in_history(make_app, server) -> None:
    from tui_app.ui.screens.exchange_detail import ExchangeDetail
    from tui_app.ui.screens.history import HistoryScreen

    app = live_app(make_app, server)
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(pilot)
        await load(pilot, VALID)
        await submit_confirmed(pilot)
        await pilot.press("ctrl+l")
        await pilot.pause()
        log = editor(app).request_log()
        log.focus()
        await pilot.pause()
        assert log.highlighted().method == "POST"  # follows the newest line
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, ExchangeDetail)
        await pilot.press("escape")
        await pilot.pause()
        await pilot.press("f7")
        await settle(pilot)
        assert isinstance(app.screen, HistoryScreen)
        paths = [e.path for e in app.screen.log_view.exchanges.values()]
        assert "/gpus/v2/endpoints" in paths


async def test_export_curl_copies_without_the_key(make_app, server) -> None:
    app = live_app(make_app, server)
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(pilot)
        await load(pilot, VALID)
        await pilot.press("ctrl+t")
        await pilot.pause()
        text = app.clipboard
        assert text.startswith("curl --request POST")
        assert f"{server.base_url}/gpus/v2/endpoints" in text
        assert "${PPIO_API_KEY}" in text
        assert TEST_KEY not in text
        from tui_app.spec.curl import parse_curl

        assert parse_curl(text).body == await review_body(pilot)


async def test_export_json_writes_the_body(make_app, server, tmp_path) -> None:
    import json

    app = live_app(make_app, server)
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(pilot)
        await load(pilot, VALID)
        await pilot.press("ctrl+y")
        await pilot.pause()
        target = tmp_path / "body.json"
        field = app.screen.query_one("Input")
        field.value = str(target)
        await pilot.press("enter")
        await settle(pilot)
        assert json.loads(target.read_text()) == await review_body(pilot)


async def test_switching_profile_to_the_sandbox(make_app, server) -> None:
    app = live_app(make_app, server)
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(pilot)
        assert "SANDBOX" not in editor(app).header.target_text
        await pilot.press("f6")
        await settle(pilot)
        await pilot.press(*"profile: sandbox")
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)
        assert editor(app).header.target_text.startswith("SANDBOX")
        assert app.services.connection.target is not None and app.services.connection.target.sandbox


async def test_an_unconfirmed_create_offers_check_again_which_only_looks(make_app, home) -> None:
    from tests.api.create_servers import create_server
    from tui_app import spec
    from tui_app.ui.screens.create_outcome import CreateOutcomeModal

    (home / "config.toml").write_text(
        "[profiles.ppio]\ncreate_lookup_attempts = 2\ncreate_lookup_window = 0.1\n"
    )
    with create_server(mode="drop") as server:
        app = live_app(make_app, server)
        async with app.run_test(size=(120, 40)) as pilot:
            await ready(pilot)
            await load(pilot, VALID)
            await submit_confirmed(pilot)
            modal = app.screen
            assert isinstance(modal, CreateOutcomeModal)
            assert modal.result.outcome == "unknown"
            assert "The create may or may not have happened" in modal.body_text
            assert "no endpoint named 'llama-test' was found in 2 looks" in modal.body_text
            assert "`ppio-endpoint endpoints list`" in modal.body_text
            assert editor(app).status.activity.startswith("Submit not confirmed: unknown:")

            # not found yet: still unknown, and still no second create
            await pilot.press("c")
            await settle(pilot)
            assert modal.result.outcome == "unknown"
            assert "found in one look" in modal.body_text

            # the server shows it now: check again turns the outcome into created
            eid = server.sandbox.store(spec.parse_body(server.posts[0]).data)
            await pilot.press("c")
            await settle(pilot)
            assert modal.result.outcome == "recovered"
            assert modal.body_text.startswith(f"Created endpoint 'llama-test' with id {eid}")
            assert editor(app).status.activity.startswith(f"Created endpoint {eid}")
            assert len(server.posts) == 1  # only ever looked, never sent again
            await pilot.press("escape")
            await pilot.pause()
            assert not isinstance(app.screen, CreateOutcomeModal)
