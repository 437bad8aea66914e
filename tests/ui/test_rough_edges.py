"""What a newcomer meets first at 80x24: the header, the footer, the keys that move focus."""

from __future__ import annotations

import json

from textual.widgets import Input

from tests.sandbox_server import sandbox_server
from tests.ui.conftest import VALID, editor, load, ready, row, settle, tab_label, write_preset
from tests.ui_widgets.hosts import screen_text
from tui_app.ui.screens.row_editor import RowEditor


def first_line(app) -> str:
    return screen_text(app).splitlines()[0]


async def test_header_keeps_a_long_preset_name_and_the_unsaved_mark_at_80(make_app) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await ready(pilot)
        editor(app).state.replace(VALID, saved=False)
        editor(app).state.preset_name = "llama31-8b-instruct"
        editor(app).refresh_form()
        editor(app).show_preset_name()
        await pilot.pause()
        line = first_line(app)
        assert "preset: llama31-8b-instruct ●" in line
        assert "SANDBOX" in line


async def test_header_shows_a_template_briefly_and_keeps_the_mark(make_app) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await ready(pilot)
        editor(app).header.show_preset(None, True, template="vllm-openai-compatible")
        await pilot.pause()
        line = first_line(app)
        assert "template: vllm-openai-compatible ●" in line
        assert "new from template" not in line
        assert "SANDBOX" in line


async def test_footer_keeps_help_and_palette_on_a_table_tab_at_80(make_app) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await ready(pilot)
        await pilot.press("escape", "5")
        await settle(pilot)
        editor(app).query_one("#tab-env DataTable").focus()
        await settle(pilot)
        footer = screen_text(app).splitlines()[-1]
        assert "a Add" in footer
        assert "f1 Help" in footer
        assert "^p Commands" in footer


async def test_a_digit_that_opens_a_table_tab_lets_a_add_a_row(make_app) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await ready(pilot)
        await pilot.press("escape", "4")
        await settle(pilot)
        await pilot.press("a")
        await settle(pilot)
        assert isinstance(app.screen, RowEditor)
        await pilot.press("escape")
        await settle(pilot)
        await pilot.press("6")  # digits still switch tabs from inside a table
        await settle(pilot)
        assert editor(app).tabs.active == "tab-ports"


async def test_a_key_goes_to_the_log_from_a_general_field(make_app) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await ready(pilot)
        assert isinstance(app.focused, Input)  # Name, on the General tab
        await pilot.press("ctrl+g")
        await settle(pilot)
        log = editor(app).query_one("#log")
        assert log in app.focused.ancestors_with_self
        assert log.region.height > 0


async def test_one_warning_is_said_in_the_singular(make_app) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await ready(pilot)
        # the health check probes a port that is not exposed: a warning, not an error
        await load(pilot, {**VALID, "health_check": {"path": "/health", "port": 9000}})
        await pilot.press("f3")
        await settle(pilot)
        assert any("Valid for the v2 API (1 warning)" in note for note in app.notes), app.notes


SECRET_ENV = {"key": "HF_TOKEN", "value": "hf_abcdefghijklmnopqrstuvwxyz0123456789"}


async def test_warnings_show_on_the_tab_in_the_table_and_f8_goes_there(make_app) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await ready(pilot)
        await load(pilot, {**VALID, "envs": [SECRET_ENV]})
        await settle(pilot)
        assert editor(app).state.report.warnings and not editor(app).state.errors
        assert "Env ⚠1" in tab_label(app, "env")
        await pilot.press("f8")  # no errors: the warning is the next stop
        await settle(pilot)
        assert editor(app).tabs.active == "tab-env"
        text = screen_text(app)
        assert "⚠ Value: looks like a secret" in text
        assert "✗" not in text
        assert not any("No errors" in note for note in app.notes)


async def test_export_json_proposes_the_data_homes_exports_folder(make_app, home) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await ready(pilot)
        await load(pilot, VALID)
        await pilot.press("ctrl+y")
        await pilot.pause()
        field = app.screen.query_one(Input)
        assert field.value == str(home / "exports" / "llama-test.v2.json")
        await pilot.press("enter")
        await settle(pilot)
        assert json.loads((home / "exports" / "llama-test.v2.json").read_text())["name"] == (
            "llama-test"
        )


async def test_review_wraps_a_long_line_at_80(make_app) -> None:
    image = "registry.example.com/team/inference/vllm-openai-with-extras:v0.6.3-cuda12-tail-xyz"
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await ready(pilot)
        await load(pilot, {**VALID, "image": image})
        await pilot.press("escape", "8")
        await settle(pilot)
        # wrapped: the whole value is on screen, across lines
        joined = "".join(line.strip() for line in screen_text(app).splitlines())
        assert "v0.6.3-cuda12-tail-xyz" in joined


async def test_palette_offers_a_new_blank_endpoint(make_app, home) -> None:
    write_preset(home)
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await ready(pilot)
        await load(pilot, VALID)
        await pilot.press("ctrl+p")
        await settle(pilot)
        await pilot.press(*"New blank endpoint")
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)
        assert editor(app).state.get("name") in (None, "")
        assert editor(app).header.preset_text == "new endpoint"


async def test_policy_fields_are_starred_only_where_the_policy_is_required(make_app) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await ready(pilot)
        await pilot.press("escape", "3")
        await settle(pilot)
        assert "Scaling policy *" not in screen_text(app)  # v2
        await pilot.press("f4")
        await settle(pilot)
        assert "Scaling policy *" in screen_text(app)  # v1


async def test_profile_picker_marks_the_current_profile(make_app) -> None:
    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await ready(pilot)
        await pilot.press("f6")
        await settle(pilot)
        await pilot.press(*"profile: sandbox")
        await settle(pilot)
        assert "● current" in screen_text(app)


async def test_submit_to_a_real_target_without_a_key_says_so(make_app) -> None:
    with sandbox_server() as server:
        app = make_app(base_url=server.base_url, environ={})
        async with app.run_test(size=(100, 30)) as pilot:
            await ready(pilot)
            await load(pilot, VALID)
            await pilot.press("f5")
            for _ in range(100):  # the target is resolved off the loop first
                await settle(pilot)
                text = screen_text(app)
                if "Send anyway" in text:
                    break
            assert "No API key is set" in text
            assert "Send anyway" in text
            assert "Create" not in text.replace("Create this", "")


async def test_enter_or_down_on_a_lookup_field_opens_its_list(make_app) -> None:
    from textual.widgets import Select

    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await ready(pilot)
        field = row(app, "product_id")
        field.editor.focus()
        await settle(pilot)
        assert "Enter or ↓ opens the list" in screen_text(app)
        await pilot.press("down")
        await settle(pilot)
        choices = field.query_one("#choices", Select)
        assert choices.expanded
        await pilot.press("escape")
        field.editor.focus()
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)
        assert choices.expanded
