"""The app with an unusable key, and against a server that echoes the key in disguise."""

from __future__ import annotations

from tests.echo_server import assert_hidden, echo_server
from tests.sandbox_server import sandbox_server
from tests.ui.conftest import VALID, editor, load, ready, settle
from tests.ui_widgets.hosts import screen_text

KEY = "sk-Tui-Canary-9Hw3Kd7Qm2"
HF_VALUE = "resolved-hub-value-31"


async def test_an_unusable_key_is_a_problem_and_nothing_is_sent(make_app) -> None:
    bad = "Zq9xWk7Pv2Lm8Rt5\r"
    with sandbox_server() as running:
        app = make_app(base_url=running.base_url, environ={"PPIO_API_KEY": bad})
        async with app.run_test(size=(120, 40), notifications=True) as pilot:
            await ready(pilot)
            await load(pilot, VALID)
            await pilot.press("f5")
            await settle(pilot)
            assert app.services.connection.target is None
            assert "PPIO_API_KEY ends with a carriage return" in app.services.connection.problem
            assert any("Not sent: no target (PPIO_API_KEY ends with" in n for n in app.notes)
            shown = "\n".join([*app.notes, editor(app).header.target_text, screen_text(app)])
        assert running.sandbox.received == []
    assert all(bad[i : i + 4] not in shown for i in range(len(bad) - 3))


async def test_an_echoed_key_is_masked_in_the_log_detail_and_the_curl_keeps_references(
    make_app, home
) -> None:
    data = {**VALID, "envs": [{"key": "HUB", "value": "${HF_TOKEN}"}]}
    environ = {"PPIO_API_KEY": KEY, "HF_TOKEN": HF_VALUE}
    with echo_server("text") as url:
        app = make_app(base_url=url, environ=environ)
        async with app.run_test(size=(140, 100), notifications=True) as pilot:
            await ready(pilot)
            await load(pilot, data)
            await pilot.press("f5")
            await pilot.pause()
            await pilot.press("y")
            await settle(pilot)
            log = app.query_one("#log")
            exchange = log.highlighted()
            assert exchange is not None and exchange.status == 400
            log.action_open()
            await pilot.pause()
            detail = screen_text(app)
            assert "X-Echo: ****" in detail or "x-echo: ****" in detail
            await pilot.press("c")
            await pilot.pause()
            copied = app.clipboard
            notes = "\n".join(app.notes)
    history = (home / "history.jsonl").read_text()
    assert_hidden(KEY, detail, notes, copied, repr(exchange), history)
    assert HF_VALUE not in detail + notes + copied + repr(exchange) + history
    assert '"Authorization: Bearer ${PPIO_API_KEY}"' in copied
    assert '"value": "\'"${HF_TOKEN}"\'"' in copied
    assert "****" not in copied.split("--data", 1)[1]
