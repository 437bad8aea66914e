"""After a submit that sent a resolved ``${HF_TOKEN}`` and the API key, neither value is
painted anywhere the user can look: the log panel and the exchange's detail screen."""

from __future__ import annotations

from tests.sandbox_server import TEST_KEY, sandbox_server
from tests.ui.conftest import VALID, editor, load, ready, settle
from tests.ui.test_submit import submit_confirmed
from tests.ui_widgets.hosts import screen_text
from tui_app.ui.screens.exchange_detail import ExchangeDetail

SECRET = "hf_ResolvedOnlyWhenSending0123456789"
PLAIN = "acme-private-weights"  # does not look like a secret, but came from a reference
ENVS = [
    {"key": "HF_TOKEN", "value": "${HF_TOKEN}"},
    {"key": "MODEL_REPO", "value": "${MODEL_REPO}"},
]


async def test_the_log_and_the_detail_never_paint_the_secrets(make_app) -> None:
    with sandbox_server() as server:
        app = make_app(
            base_url=server.base_url,
            environ={"PPIO_API_KEY": TEST_KEY, "HF_TOKEN": SECRET, "MODEL_REPO": PLAIN},
        )
        async with app.run_test(size=(120, 50)) as pilot:
            await ready(pilot)
            await load(pilot, {**VALID, "envs": ENVS})
            await submit_confirmed(pilot)
            assert server.creates()[0]["envs"] == [
                {"key": "HF_TOKEN", "value": SECRET},
                {"key": "MODEL_REPO", "value": PLAIN},
            ]

            editor(app).action_enlarge_log()
            await settle(pilot)
            log = editor(app).request_log()
            assert "/gpus/v2/endpoints" in screen_text(app)
            assert PLAIN not in screen_text(app)
            log.focus()
            await pilot.pause()
            await pilot.press("end", "enter")  # the newest exchange: the create
            await settle(pilot)
            assert isinstance(app.screen, ExchangeDetail)
            shown = screen_text(app)
            assert "HF_TOKEN" in shown  # the request body is on screen
            assert "MODEL_REPO" in shown
            assert SECRET not in shown
            assert PLAIN not in shown
            assert TEST_KEY not in shown
            assert f"****{TEST_KEY[-4:]}" in shown
