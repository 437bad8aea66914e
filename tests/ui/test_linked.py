"""The editor and deployed endpoints, over loopback to the sandbox: a submit is followed on
the status line, and an editor opened on a deployed endpoint updates it."""

from __future__ import annotations

import copy
from typing import Any

from tests.sandbox_server import TEST_KEY, TickingClock, sandbox_server
from tests.ui.conftest import VALID, editor, load, ready, settle
from tui_app.api.sandbox import Timing
from tui_app.ui.screens.confirm import ConfirmModal


def live_app(make_app: Any, server: Any, **kwargs: Any) -> Any:
    environ = {"PPIO_API_KEY": TEST_KEY}
    return make_app(base_url=server.base_url, environ=environ, **kwargs)


async def followed_texts(make_app: Any, data: dict[str, Any]) -> tuple[list[str], str]:
    """Submit ``data`` and note every text the status line shows while it is followed."""
    timing = Timing(boot=2, worker_boot=3, period=1e6)
    with sandbox_server(clock=TickingClock(step=0.5), timing=timing) as server:
        app = live_app(make_app, server, follow_interval=0.01)
        async with app.run_test(size=(120, 40)) as pilot:
            await ready(pilot)
            await load(pilot, data)
            status = editor(app).status
            shown: list[str] = []
            done = status.done

            def noted(text: str = "", *, failed: bool = False) -> None:
                shown.append(text)
                done(text, failed=failed)

            status.done = noted  # type: ignore[method-assign]
            await pilot.press("f5")
            await pilot.pause()
            await pilot.press("y")
            await settle(pilot)
            eid = next(iter(server.sandbox.endpoints))
            return [t for t in shown if eid in t], status.activity


async def test_a_submit_is_followed_until_it_runs(make_app) -> None:
    data = copy.deepcopy(VALID)
    data["worker_config"]["min_replicas"] = 1
    shown, last = await followed_texts(make_app, data)
    assert any(": initializing" in t for t in shown)
    assert ": running" in last and ".sandbox.local" in last
    assert shown.index(next(t for t in shown if ": initializing" in t)) < len(shown) - 1


async def test_a_never_healthy_image_is_followed_until_it_fails(make_app) -> None:
    data = {**copy.deepcopy(VALID), "image": "example/never-healthy:1"}
    data["worker_config"]["min_replicas"] = 1
    _shown, last = await followed_texts(make_app, data)
    assert ": failed" in last and "never passed the health check" in last


async def test_open_deployed_then_submit_updates_with_the_diff_shown(make_app) -> None:
    with sandbox_server() as server:
        app = live_app(make_app, server)
        async with app.run_test(size=(120, 40)) as pilot:
            await ready(pilot)
            screen = editor(app)
            client = await screen.connection.client_now()
            made = await client.create(copy.deepcopy(VALID), "v2")
            info = await client.get(made.id)
            screen.open_deployed(info)
            await pilot.pause()
            assert f"linked to llama-test ({made.id})" in screen.status.activity
            data = copy.deepcopy(screen.state.data)
            data["worker_config"]["max_replicas"] = 3
            await load(pilot, data)
            await pilot.press("f5")
            for _ in range(50):
                await pilot.pause(0.05)
                if isinstance(app.screen, ConfirmModal):
                    break
            modal = app.screen
            assert isinstance(modal, ConfirmModal)
            assert "worker_config.max_replicas: 2 → 3" in str(modal.body)
            assert modal.confirm_label == "Update"
            await pilot.press("y")
            await settle(pilot)
            assert len(server.creates()) == 1  # the one made above, none by the submit
            puts = server.received_at("PUT", f"/gpus/v2/endpoints/{made.id}")
            assert len(puts) == 1 and puts[0]["worker_config"]["max_replicas"] == 3
            assert screen.status.activity == f"Updated endpoint llama-test ({made.id})"
