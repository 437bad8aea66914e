"""What the Review pane PAINTS: secret-looking env values are masked on screen under both API
versions, a ``${NAME}`` reference shows as written, and its value never appears.

These read the characters the widget draws (and the terminal shows), not ``review.body``,
which is the exact, unmasked body meant for sending.
"""

from __future__ import annotations

from typing import Any

import pytest
from textual.geometry import Region
from textual.widgets import Static

from tests.ui.conftest import VALID, editor, load, ready, settle
from tests.ui_widgets.hosts import screen_text
from tui_app.ui.app import EndpointApp

CLEAR_TOKEN = "hf_abcdefghijklmnopqrstuvwxyz123456"
RESOLVED = "hf_ResolvedValueMustNeverShow98765"
MASK = "••••••••"

ENVS = [
    {"key": "HF_TOKEN", "value": CLEAR_TOKEN},
    {"key": "HF_HOME", "value": "/data/hf"},
    {"key": "FROM_ENV", "value": "${HF_SECRET}"},
]


def painted(app: EndpointApp, widget_id: str) -> str:
    """Every line the Review pane's widget draws, top to bottom (scrolled out of view or not)."""
    review = editor(app).review
    assert review is not None
    widget = review.query_one(widget_id, Static)
    width, height = widget.size
    assert width and height, "the Review pane is not painted"
    strips = widget.render_lines(Region(0, 0, width, height))
    return "\n".join(strip.text for strip in strips)


async def show_review(pilot: Any, version: str) -> EndpointApp:
    app = pilot.app
    await ready(pilot)
    await load(pilot, {**VALID, "envs": ENVS})
    if version == "v1":
        await pilot.press("f4")
        await settle(pilot)
    assert editor(app).state.version == version
    editor(app).action_section("review")
    await settle(pilot)
    return app


@pytest.mark.parametrize("version", ["v2", "v1"])
async def test_review_paints_secret_values_masked_and_references_as_written(
    make_app, monkeypatch: pytest.MonkeyPatch, version: str
) -> None:
    monkeypatch.setenv("HF_SECRET", RESOLVED)
    app = make_app(environ={"HF_SECRET": RESOLVED})
    async with app.run_test(size=(120, 60)) as pilot:
        await show_review(pilot, version)
        text = painted(app, "#json")
        on_screen = screen_text(app)

        assert CLEAR_TOKEN not in text
        assert CLEAR_TOKEN not in on_screen
        assert f'"value": "{MASK}"' in text
        assert '"value": "/data/hf"' in text  # an ordinary value is shown as it is
        assert '"value": "${HF_SECRET}"' in text
        assert RESOLVED not in text
        assert RESOLVED not in on_screen
        # the envs sit at the end of the body: the masked line is on the terminal, not only
        # in the widget's off-screen lines
        assert MASK in on_screen and "${HF_SECRET}" in on_screen
        wrapper = '"endpoint": {' in text
        assert wrapper is (version == "v1")

        where = " ".join(painted(app, "#where").split())  # the line may wrap
        assert f"{version} body · 1 secret-looking value(s) masked here, sent as typed" in where

        # what is sent stays exact: only the painting is masked
        sent = editor(app).review.body["endpoint"] if version == "v1" else editor(app).review.body
        assert {"key": "HF_TOKEN", "value": CLEAR_TOKEN} in sent["envs"]


async def test_switching_version_on_the_review_pane_keeps_the_mask(make_app) -> None:
    app = make_app()
    async with app.run_test(size=(120, 60)) as pilot:
        await show_review(pilot, "v2")
        assert CLEAR_TOKEN not in painted(app, "#json")
        await pilot.press("f4")  # repaints in place as the v1 body
        await settle(pilot)
        text = painted(app, "#json")
        assert '"endpoint": {' in text
        assert CLEAR_TOKEN not in text
        assert CLEAR_TOKEN not in screen_text(app)
        assert MASK in text
