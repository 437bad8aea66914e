"""Keys and commands: one registry feeds the bindings, the help screen, the palette and the
README; keymaps from config.toml rebind by id; the defaults avoid keys terminals swallow."""

from __future__ import annotations

import re
from pathlib import Path

from textual.command import CommandPalette
from textual.widgets import Static

from tests.ui.conftest import editor, ready, row, settle
from tui_app.ui import actions
from tui_app.ui.screens.help import HelpScreen

README = Path(__file__).resolve().parents[2] / "README.md"


def test_every_action_has_an_id_a_key_and_a_method_where_it_runs() -> None:
    from tui_app.ui.app import EndpointApp
    from tui_app.ui.modes.editor import EditorScreen
    from tui_app.ui.modes.endpoints import EndpointsScreen

    where = {"app": EndpointApp, "editor": EditorScreen, "endpoints": EndpointsScreen}
    ids = [a.id for a in actions.ACTIONS]
    assert len(ids) == len(set(ids))
    for action in actions.ACTIONS:
        assert action.keys, action.id
        name = action.name
        assert hasattr(where[action.scope], f"action_{name}"), name
    for scope in where:
        for binding in actions.bindings(scope):
            assert binding.id
    assert {b.id for s in where for b in actions.bindings(s)} == set(ids)


def test_default_keys_avoid_what_terminals_and_multiplexers_swallow() -> None:
    used = {k for a in actions.ACTIONS for k in a.keys.split(",")}
    assert not used & set(actions.SWALLOWED)
    assert "alt+1" not in used  # ESC+digit arrives as a Mac option character


def test_keymap_problems_are_reported_not_fatal() -> None:
    keymap, problems = actions.check_keymap(
        {"submit": "f5,ctrl+r", "nonsense": "f1", "help": "ctrl+b", "save": "hyper+??"}
    )
    assert keymap == {"submit": "f5,ctrl+r", "help": "ctrl+b"}
    assert "unknown action 'nonsense'" in problems
    assert any("ctrl+b" in p and "tmux" in p for p in problems)
    assert any("unknown key 'hyper+??'" in p for p in problems)


def test_readme_key_table_matches_the_registry() -> None:
    text = README.read_text()
    assert actions.markdown_table() in text


async def test_keymap_from_config_rebinds_and_help_shows_the_effective_keys(make_app) -> None:
    app = make_app(keymap={"submit": "f12", "bogus": "x"})
    async with app.run_test(size=(100, 40)) as pilot:
        await ready(pilot)
        assert any("[keymap] unknown action 'bogus'" in n for n in app.notes)
        await pilot.press("f1")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        lines = [str(s.render()) for s in app.screen.query(".key").results(Static)]
        submit = next(line for line in lines if "Submit (create the endpoint)" in line)
        assert submit.startswith("f12 ")
        await pilot.press("escape")
        await pilot.pause()
        await pilot.press("f12")  # now submits: nothing valid yet, so it jumps to an error
        await pilot.pause()
        assert any("Not sent" in n for n in app.notes)
        assert editor(app).status.counts.startswith("✗")


async def test_question_mark_opens_help_unless_typing(make_app) -> None:
    app = make_app()
    async with app.run_test(size=(100, 40)) as pilot:
        await ready(pilot)
        await pilot.press("question_mark")  # the name field has focus: it is typed
        await pilot.pause()
        assert editor(app).state.get("name") == "?"
        await pilot.press("escape")  # leave the field for the tab bar
        await pilot.pause()
        await pilot.press("question_mark")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)


async def test_digits_switch_sections_from_the_tab_bar(make_app) -> None:
    app = make_app()
    async with app.run_test(size=(100, 40)) as pilot:
        await ready(pilot)
        await pilot.press("escape")
        for digit, tab in (("2", "workers"), ("6", "ports"), ("8", "review"), ("1", "general")):
            await pilot.press(digit)
            await pilot.pause()
            assert editor(app).tabs.active == f"tab-{tab}"
        await pilot.press("ctrl+pagedown")
        await pilot.pause()
        assert editor(app).tabs.active == "tab-workers"
        assert app.focused is editor(app).field_rows()["worker_config.min_replicas"].editor


async def test_palette_offers_actions_presets_versions_and_themes(make_app) -> None:
    app = make_app()
    async with app.run_test(size=(100, 40)) as pilot:
        await ready(pilot)
        await pilot.press("ctrl+p")
        await settle(pilot)
        palette = app.screen
        assert isinstance(palette, CommandPalette)
        from tui_app.ui.modes.editor_commands import EditorCommands, named_commands
        from tui_app.ui.palette import AppCommands, action_commands, theme_commands

        titles = [t for t, _, _ in action_commands(app, editor(app))]
        for wanted in (
            "endpoint: Submit",
            "endpoint: Validate",
            "presets: Save preset as",
            "endpoint: Switch API version",
            "view: Show or hide the log",
            "export: Copy the request as curl",
            "app: Help",
            "view: Change theme",
        ):
            assert any(t.startswith(wanted) for t in titles), wanted
        entries = app.services.library.store.entries()[0]
        named = [t for t, _, _ in named_commands(editor(app), entries, [])]
        named += [t for t, _, _ in theme_commands(app)]
        assert "template: new from vllm-openai" in named
        assert "api version: use v1" in named
        assert any(re.match(r"theme: ppio-dark$", t) for t in named)
        assert AppCommands in {c for c in app.COMMANDS if isinstance(c, type)}
        assert EditorCommands in editor(app).COMMANDS


async def test_palette_runs_the_chosen_action(make_app) -> None:
    app = make_app()
    async with app.run_test(size=(100, 40)) as pilot:
        await ready(pilot)
        await pilot.press("ctrl+p")
        await settle(pilot)
        await pilot.press(*"api version use v1")
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)
        assert editor(app).state.version == "v1"


async def test_log_toggles_and_enlarges(make_app) -> None:
    app = make_app()
    async with app.run_test(size=(100, 40)) as pilot:
        await ready(pilot)
        dock = app.query_one("#log-dock")
        assert not dock.display
        row(app, "product_id").editor.focus()  # entering a look-up field fetches the look-ups
        await settle(pilot)
        await pilot.press("ctrl+l")
        await pilot.pause()
        assert dock.display and dock.outer_size.height == 8
        # the look-ups are in it
        assert any(
            e.path.startswith("/gpus/v2/products")
            for e in editor(app).request_log().exchanges.values()
        )
        await pilot.press("f9")
        await pilot.pause()
        assert dock.size.height > 20
        await pilot.press("ctrl+l")
        await pilot.pause()
        assert not dock.display
