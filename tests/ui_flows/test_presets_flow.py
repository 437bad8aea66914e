"""PresetsFlow without an app: real stores in a temporary home, answers from a list."""

from __future__ import annotations

import tomllib
from pathlib import Path
from typing import Any

from tests.ui.conftest import VALID, write_preset
from tests.ui_flows.recorder import Recorder
from tui_app.presets import Draft, DraftStore
from tui_app.ui.flows.dialogs import Confirm, OfferDraft, Prompt
from tui_app.ui.flows.presets import PresetChanged, PresetOpened, PresetsFlow
from tui_app.ui.form_state import FormState
from tui_app.ui.services import Library


class Later:
    """A one-shot timer that fires when the test says so."""

    def __init__(self) -> None:
        self.pending: list[tuple[float, Any]] = []

    def __call__(self, delay: float, callback: Any) -> Any:
        timer = self

        class Handle:
            def stop(self) -> None:
                timer.pending = [p for p in timer.pending if p[1] is not callback]

        self.pending.append((delay, callback))
        return Handle()

    def fire(self) -> None:
        pending, self.pending = self.pending, []
        for _, callback in pending:
            callback()


def flow_in(home: Path, rec: Recorder, form: FormState | None = None, **kw: Any) -> PresetsFlow:
    library = Library(home, kw.pop("preset_arg", None))
    later = kw.pop("later", Later())
    form = form if form is not None else FormState()
    return PresetsFlow(library, form, rec.ask, rec.post, rec.run, later=later, **kw)


async def test_save_as_writes_the_file_and_reports_the_new_name(tmp_path: Path) -> None:
    rec = Recorder("my-llama")
    form = FormState()
    form.replace(VALID, saved=False)
    flow = flow_in(tmp_path, rec, form)
    await flow.start()
    flow.save()  # nothing open yet: asks for a name
    await rec.drain()
    assert isinstance(rec.asked[0], Prompt) and rec.asked[0].value == "llama-test"
    path = tmp_path / "presets" / "my-llama.toml"
    assert tomllib.loads(path.read_text())["endpoint"]["name"] == "llama-test"
    assert flow.name == "my-llama" and not form.dirty
    assert rec.of(PresetChanged)
    assert any(n.startswith("Saved preset my-llama") for n in rec.notes)


async def test_save_as_over_another_preset_asks_and_no_keeps_its_file(tmp_path: Path) -> None:
    original = write_preset(tmp_path, "taken").read_text()
    rec = Recorder("taken", False)
    form = FormState()
    form.replace({**VALID, "name": "other"}, saved=False)
    flow = flow_in(tmp_path, rec, form)
    await flow.start()
    flow.save_as()
    await rec.drain()
    assert isinstance(rec.asked[1], Confirm) and rec.asked[1].title == "Overwrite taken?"
    assert (tmp_path / "presets" / "taken.toml").read_text() == original
    assert flow.name is None and not rec.of(PresetChanged)


async def test_start_opens_the_named_preset_and_reports_one_it_cannot(tmp_path: Path) -> None:
    write_preset(tmp_path, "llama-test")
    rec = Recorder()
    flow = flow_in(tmp_path, rec, preset_arg="llama-test")
    await flow.start()
    assert flow.name == "llama-test" and flow.form.get("image") == "vllm/vllm-openai:v0.6.3"
    assert rec.of(PresetOpened) and not rec.notes  # quiet at start-up

    rec = Recorder()
    flow = flow_in(tmp_path, rec, preset_arg="nope")
    await flow.start()
    assert any(n.startswith("Cannot open nope:") for n in rec.notes)


async def test_a_kept_draft_is_offered_and_restored_with_its_version(tmp_path: Path) -> None:
    DraftStore(tmp_path).save(
        Draft(endpoint={**VALID, "name": "drafted"}, preset_name=None, api_version="v1")
    )
    rec = Recorder(True)
    flow = flow_in(tmp_path, rec)
    await flow.start()
    assert isinstance(rec.asked[0], OfferDraft)
    assert flow.form.get("name") == "drafted" and flow.form.version == "v1"
    assert flow.form.dirty
    assert [m.retarget for m in rec.of(PresetOpened)] == [True]
    assert "Draft restored" in rec.notes


async def test_autosave_keeps_a_draft_after_the_pause_and_drops_it_when_clean(
    tmp_path: Path,
) -> None:
    rec, later = Recorder(), Later()
    flow = flow_in(tmp_path, rec, later=later, autosave_delay=0.5)
    await flow.start()
    flow.form.set("name", "typed")
    flow.schedule_draft()
    flow.schedule_draft()  # restarted, not doubled
    assert [d for d, _ in later.pending] == [0.5]
    later.fire()
    assert await rec.drain() == ["draft"]
    assert DraftStore(tmp_path).load().endpoint == {"name": "typed"}
    flow.form.set("name", None)
    flow.schedule_draft()
    later.fire()
    await rec.drain()
    assert DraftStore(tmp_path).load() is None
