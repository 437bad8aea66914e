"""Presets through the UI: save (and save as), open from the picker, rename, delete, the dirty
marker, quitting with unsaved changes. Checked on disk and on screen."""

from __future__ import annotations

import stat
import tomllib
from pathlib import Path
from typing import ClassVar

from textual.widgets import Input, OptionList

from tests.ui.conftest import (
    PRESET_TOML,
    USER_HOST,
    VALID,
    RecordingApp,
    editor,
    ready,
    row,
    settle,
    type_into,
    write_preset,
)
from tui_app.ui.screens.confirm import ConfirmModal
from tui_app.ui.screens.preset_picker import PresetPicker
from tui_app.ui.screens.prompt import PromptModal


async def answer_prompt(pilot, text: str) -> None:
    screen = pilot.app.screen
    assert isinstance(screen, PromptModal)
    field = screen.query_one(Input)
    field.value = ""
    await pilot.press(*text, "enter")
    await settle(pilot)


async def test_save_writes_the_preset_file_and_clears_the_dirty_marker(make_app, home) -> None:
    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await ready(pilot)
        editor(app).state.replace(VALID, saved=False)
        editor(app).refresh_form()
        await type_into(pilot, "name", "saved-one")
        assert editor(app).header.preset_text.endswith("●")

        await pilot.press("ctrl+s")  # nothing open yet: asks for a name
        await pilot.pause()
        await answer_prompt(pilot, "my-llama")

        path = home / "presets" / "my-llama.toml"
        assert path.is_file()
        assert stat.S_IMODE(path.stat().st_mode) == 0o600
        doc = tomllib.loads(path.read_text())
        assert doc["endpoint"]["name"] == "saved-one"
        assert doc["endpoint"]["worker_config"]["max_replicas"] == 2
        assert editor(app).header.preset_text == "preset: my-llama"

        await type_into(pilot, "worker_config.max_replicas", "7")
        assert editor(app).header.preset_text.endswith("●")
        await pilot.press("ctrl+s")  # now it saves in place, no question
        await settle(pilot)
        assert tomllib.loads(path.read_text())["endpoint"]["worker_config"]["max_replicas"] == 7
        assert not editor(app).header.preset_text.endswith("●")


async def test_save_as_refuses_a_bad_name_with_a_message(make_app, home) -> None:
    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await ready(pilot)
        await pilot.press("f2")
        await pilot.pause()
        await answer_prompt(pilot, "../evil")
        screen = app.screen
        assert isinstance(screen, PromptModal)
        assert "must not contain" in str(screen.query_one("#prompt-error").render())
        assert not list((home / "presets").glob("*.toml")) if (home / "presets").exists() else True


async def test_open_from_the_picker_with_a_fuzzy_filter(make_app, home) -> None:
    write_preset(home, "llama-test")
    write_preset(home, "other-thing", PRESET_TOML.replace("llama-test", "other"))
    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await ready(pilot)
        await pilot.press("ctrl+o")
        await settle(pilot)
        picker = app.screen
        assert isinstance(picker, PresetPicker)
        names = [e.name for e in picker.shown]
        assert {"llama-test", "other-thing", "vllm-openai"} <= set(names)
        await pilot.press(*"lmats")  # fuzzy: l..a..m..a..t..s
        await pilot.pause()
        assert picker.shown[0].name == "llama-test"
        await pilot.press("enter")
        await settle(pilot)
        assert editor(app).state.preset_name == "llama-test"
        assert row(app, "name").editor.value == "llama-test"
        assert editor(app).header.preset_text == "preset: llama-test"


async def test_template_opens_as_a_new_unsaved_preset(make_app, home) -> None:
    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await ready(pilot)
        await pilot.press("ctrl+n")
        await settle(pilot)
        picker = app.screen
        assert isinstance(picker, PresetPicker)
        assert all(e.shipped for e in picker.shown)
        await pilot.press(*"comfy", "enter")
        await settle(pilot)
        assert editor(app).state.preset_name is None
        assert editor(app).state.template_name == "comfyui"
        assert "comfyui" in editor(app).header.preset_text
        assert editor(app).state.get("image")


async def test_delete_from_the_picker_asks_then_removes_the_file(make_app, home) -> None:
    path = write_preset(home, "llama-test")
    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await ready(pilot)
        await pilot.press("ctrl+o")
        await settle(pilot)
        await pilot.press(*"llama-test")
        await pilot.pause()
        await pilot.press("ctrl+d")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmModal)
        await pilot.press("y")
        await settle(pilot)
        assert not path.exists()
        assert any("Deleted preset llama-test" in n for n in app.notes)


async def test_templates_cannot_be_deleted(make_app, home) -> None:
    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await ready(pilot)
        await pilot.press("ctrl+o")
        await settle(pilot)
        await pilot.press(*"vllm-openai")
        await pilot.pause()
        await pilot.press("ctrl+d")
        await pilot.pause()
        assert isinstance(app.screen, PresetPicker)
        assert any("shipped template" in n for n in app.notes)


async def test_rename_from_the_picker(make_app, home) -> None:
    write_preset(home, "llama-test")
    app = make_app(preset="llama-test")
    async with app.run_test(size=(100, 30)) as pilot:
        await ready(pilot)
        assert editor(app).state.preset_name == "llama-test"
        await pilot.press("ctrl+o")
        await settle(pilot)
        picker = app.screen
        assert picker.highlighted.name == "llama-test"  # the open preset is highlighted
        await pilot.press("f2")
        await pilot.pause()
        await answer_prompt(pilot, "llama-renamed")
        assert (home / "presets" / "llama-renamed.toml").is_file()
        assert not (home / "presets" / "llama-test.toml").exists()
        assert editor(app).state.preset_name == "llama-renamed"


async def test_broken_preset_files_are_reported_in_the_ui_not_on_stdout(
    make_app, home, capsys
) -> None:
    write_preset(home, "broken", "version = 1\n[endpoint\nname = 'x'\n")
    write_preset(home, "llama-test")
    app = make_app(preset="broken")
    async with app.run_test(size=(100, 30)) as pilot:
        await ready(pilot)
        assert any("Cannot open broken" in n and "broken.toml:2:" in n for n in app.notes)
        await pilot.press("ctrl+o")
        await settle(pilot)
        picker = app.screen
        assert isinstance(picker, PresetPicker)
        assert "llama-test" in [e.name for e in picker.shown]
        assert "broken.toml" in str(picker.query_one("#picker-problems").render())
        assert isinstance(picker.query_one(OptionList), OptionList)
    captured = capsys.readouterr()
    assert "broken" not in captured.out


async def test_quit_with_unsaved_changes_asks(make_app, home) -> None:
    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await ready(pilot)
        await type_into(pilot, "name", "unsaved")
        await pilot.press("ctrl+q")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmModal)
        await pilot.press("n")
        await pilot.pause()
        assert app.is_running
        await pilot.press("ctrl+q")
        await pilot.pause()
        await pilot.press("y")
        await pilot.pause()
    assert app.return_code == 0
    assert not list((home / "drafts").iterdir())  # no draft, no lock: nothing to offer


async def test_quit_without_changes_does_not_ask(make_app) -> None:
    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await ready(pilot)
        await pilot.press("ctrl+q")
        await pilot.pause()
    assert app.return_code == 0


def test_preset_toml_fixture_is_valid() -> None:
    from tui_app import spec

    doc = tomllib.loads(PRESET_TOML)
    assert spec.validate(doc["endpoint"]).ok
    assert Path(__file__).name


async def test_the_picker_lists_the_good_presets_whatever_is_wrong_with_the_others(
    make_app, home
) -> None:
    write_preset(home, "llama-test")
    write_preset(home, "deep", "version = 1\nx = " + "[" * 5000 + "]" * 5000 + "\n")
    write_preset(home, "bigint", "version = 1\nx = " + "9" * 5000 + "\n")
    (home / "presets" / "latin1.toml").write_bytes(b"version = 1\n# caf\xe9\n")
    (home / "presets" / "folder.toml").mkdir()
    (home / "presets" / "dangling.toml").symlink_to(home / "presets" / "nowhere.toml")
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(pilot)
        await pilot.press("ctrl+o")
        await settle(pilot)
        picker = app.screen
        assert isinstance(picker, PresetPicker)
        assert "llama-test" in [e.name for e in picker.shown]
        shown = str(picker.query_one("#picker-problems").render())
        for name in ("deep", "bigint", "latin1", "folder", "dangling"):
            assert f"{name}.toml" in shown
        assert "nested too deeply" in shown


async def test_save_as_a_taken_name_asks_before_replacing_it(make_app, home) -> None:
    taken = write_preset(home, "taken")
    before = taken.read_text()
    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await ready(pilot)
        editor(app).state.replace({**VALID, "name": "from-the-form"}, saved=False)
        editor(app).refresh_form()
        await pilot.press("f2")
        await pilot.pause()
        await answer_prompt(pilot, "taken")
        assert isinstance(app.screen, ConfirmModal)
        assert taken.read_text() == before  # nothing written before the answer
        await pilot.press("y")
        await settle(pilot)
        assert 'name = "from-the-form"' in taken.read_text()
        assert editor(app).state.preset_name == "taken"


class FirstFrameApp(RecordingApp):
    """The app, noting what the form holds when its first frame is on the terminal."""

    seen: ClassVar[dict[str, str]] = {}

    def on_ready(self) -> None:
        # the first frame was just painted; start-up's background work starts after this
        self.seen["name"] = row(self, "name").editor.value
        self.seen["header"] = str(editor(self).header.render())
        super().on_ready()


async def test_the_first_frame_already_shows_the_preset_named_at_launch(home) -> None:
    write_preset(home, "llama-test")
    FirstFrameApp.seen = {}
    app = FirstFrameApp(
        home=home, preset="llama-test", user_host=USER_HOST, cursor_blink=False, environ={}
    )
    async with app.run_test(size=(100, 30)) as pilot:
        await ready(pilot)
        await settle(pilot)  # the look-ups the preset's ids asked for
    # no frame with an empty form before the preset's values
    assert FirstFrameApp.seen["name"] == "llama-test"
    assert "llama-test" in FirstFrameApp.seen["header"]
