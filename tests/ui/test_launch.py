"""Launch: the settings the first frame needs come from config.toml; nothing is printed."""

from __future__ import annotations

import argparse
import asyncio
import gc

from tests.ui.conftest import RecordingApp, editor, ready, row, settle, write_preset
from tests.ui_widgets.hosts import screen_text
from tui_app.ui.form_state import SECTIONS
from tui_app.ui.launch import app_from_args
from tui_app.ui.modes import MODES
from tui_app.ui.modes.editor import EditorScreen
from tui_app.ui.services import Services
from tui_app.ui.widgets.field_row import FieldRow


def args(**values) -> argparse.Namespace:
    base = {"preset": None, "profile": None, "base_url": None, "api_version": None, "theme": None}
    return argparse.Namespace(**{**base, **values})


def test_config_theme_keymap_and_cursor_blink(home) -> None:
    (home / "config.toml").write_text(
        'theme = "ember"\n[keymap]\nsubmit = "f12"\n[ui]\ncursor_blink = true\n'
    )
    app = app_from_args(args())
    assert app.theme == "ember"
    assert app.settings.keymap == {"submit": "f12"}
    assert app.settings.cursor_blink is True


def test_the_cursor_is_steady_by_default(home) -> None:
    # a blinking cursor writes to the terminal twice a second even when nothing happens
    assert app_from_args(args()).settings.cursor_blink is False


def test_theme_flag_wins_and_unknown_theme_is_reported(home) -> None:
    (home / "config.toml").write_text('theme = "ember"\n')
    assert app_from_args(args(theme="high-contrast")).theme == "high-contrast"
    app = app_from_args(args(theme="no-such-theme"))
    assert "unknown theme 'no-such-theme'" in app.theme_problem


async def test_preset_and_version_from_the_command_line(home, capsys) -> None:
    write_preset(home, "llama-test")
    app = app_from_args(args(preset="llama-test", api_version="v1"))
    async with app.run_test(size=(100, 30)) as pilot:
        await ready(pilot)
        assert editor(app).state.preset_name == "llama-test"
        assert editor(app).state.version == "v1"
        assert editor(app).header.target_text.startswith("SANDBOX · v1")
    assert capsys.readouterr().out == ""


async def test_unknown_profile_is_shown_in_the_header_and_blocks_submit(home) -> None:
    app = app_from_args(args(profile="nope"))
    async with app.run_test(size=(100, 30)) as pilot:
        await ready(pilot)
        assert editor(app).header.target_text.startswith("NO TARGET: unknown profile 'nope'")
        assert app.services.connection.target is None and app.services.connection.client is None


async def test_broken_config_is_reported_once_in_the_app(home) -> None:
    (home / "config.toml").write_text("theme = [\n")
    app = app_from_args(args())
    notes: list[str] = []
    original = app.notify
    app.notify = lambda message, **kw: (notes.append(str(message)), original(message, **kw))
    async with app.run_test(size=(100, 30)) as pilot:
        await ready(pilot)
    assert any("config.toml" in n for n in notes)


async def test_nothing_is_fetched_until_a_look_up_field_needs_it(make_app) -> None:
    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await ready(pilot)
        assert app.services.connection.target is not None and app.services.connection.target.sandbox
        # no client yet, so no HTTP stack in memory and nothing in the log
        assert app.services.connection.client is None
        assert editor(app).request_log().exchanges == {}
        row(app, "region_id").editor.focus()
        await settle(pilot)
        paths = [e.path for e in editor(app).request_log().exchanges.values()]
        assert any(p.startswith("/gpus/v2/products") for p in paths)
        assert row(app, "region_id").query_one("#choices")


async def test_a_preset_with_a_product_id_fetches_the_look_ups_to_describe_it(home) -> None:
    write_preset(home, "llama-test")  # product_id = "1"
    app = app_from_args(args(preset="llama-test"))
    async with app.run_test(size=(100, 30)) as pilot:
        await ready(pilot)
        product = row(app, "product_id")
        described = product.option_text("1") or ""
        assert "$" in described
        # shown beside the id, as the closed list: no drop-down is built until it is entered
        assert described in screen_text(app)
        assert not product.query("#choices")
        product.editor.focus()
        await pilot.pause()
        await pilot.pause()
        assert product.query_one("#choices").value == "1"


class FirstFrameEditor(EditorScreen):
    """Notes which General rows exist when the first frame is laid out."""

    def on_mount(self) -> None:
        super().on_mount()
        self.rows_at_mount = list(self.field_rows())


async def test_rows_below_the_fold_arrive_after_the_first_frame_in_order(home, monkeypatch) -> None:
    def first_frame_editor(services: Services) -> EditorScreen:
        s = services
        return FirstFrameEditor(s.settings, s.connection, s.library, s.exchanges)

    monkeypatch.setitem(MODES, "editor", first_frame_editor)
    app = RecordingApp(home=home, user_host="t@h", cursor_blink=False, environ={})
    async with app.run_test(size=(80, 24)) as pilot:
        await ready(pilot)
        general = next(s for s in SECTIONS if s.id == "general")
        rows_at_mount = editor(app).rows_at_mount
        assert rows_at_mount[0] == "type"
        assert len(rows_at_mount) < len(general.paths)
        pane = app.query_one("#pane-general")
        assert [r.path for r in pane.query(FieldRow)] == list(general.paths)


async def test_quitting_during_start_up_is_clean(make_app) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("ctrl+q")  # before the hidden tabs and the background work are done
    assert app.return_code in (0, None)
    assert app._exception is None


async def test_the_collector_is_back_on_after_the_first_frame(make_app) -> None:
    # launch() turns it off while start-up builds what lives as long as the app
    gc.disable()
    try:
        app = make_app()
        async with app.run_test(size=(80, 24)) as pilot:
            await ready(pilot)
            assert gc.isenabled()
    finally:
        gc.enable()


async def test_callers_share_one_client_build_and_a_cancelled_one_does_not_stop_it(
    make_app,
) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await ready(pilot)
        builds: list[str] = []
        original = app.services.connection._build_client

        def counted(target, sandbox):
            builds.append(target.base_url)
            return original(target, sandbox)

        app.services.connection._build_client = counted
        first = asyncio.ensure_future(app.services.connection.client_now())
        second = asyncio.ensure_future(app.services.connection.client_now())
        await asyncio.sleep(0)
        first.cancel()  # a look-up restarted while the client was being built
        client = await second
        assert client is not None and app.services.connection.client is client
        assert len(builds) == 1
        assert await app.services.connection.client_now() is client


async def test_a_very_short_terminal_starts_and_focuses_name_once_it_is_built(make_app) -> None:
    app = make_app()
    async with app.run_test(size=(80, 8)) as pilot:
        await ready(pilot)
        assert app.focused is row(app, "name").editor
        await pilot.press(*"tiny")
        await pilot.pause()
        assert editor(app).state.get("name") == "tiny"
