"""PresetsFlow and DraftsFlow without an app: real stores in a temporary home, answers from a
list, a timer that fires when the test says so."""

from __future__ import annotations

import tomllib
from pathlib import Path
from typing import Any

from tests.ui.conftest import VALID, write_preset
from tests.ui_flows.recorder import Recorder
from tui_app.presets import Draft, DraftStore
from tui_app.presets.drafts import read_draft
from tui_app.ui.flows.dialogs import Confirm, OfferDraft, Prompt
from tui_app.ui.flows.drafts import DraftRestored, DraftsFlow
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
    drafts = DraftsFlow(library, form, rec.ask, rec.post, rec.run, later=later, **kw)
    return PresetsFlow(library, form, drafts, rec.ask, rec.post, rec.run)


def orphan(home: Path, draft: Draft) -> Path:
    """A draft left by an instance that is gone: saved, then its lock let go, as a crash does."""
    store = DraftStore(home)
    store.save(draft)
    store.release()
    return store.path


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
    assert form.preset_name == "my-llama" and not form.dirty
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
    assert form.preset_name is None and not rec.of(PresetChanged)


async def test_the_named_preset_opens_before_start_and_one_it_cannot_is_reported(
    tmp_path: Path,
) -> None:
    write_preset(tmp_path, "llama-test")
    rec = Recorder()
    flow = flow_in(tmp_path, rec, preset_arg="llama-test")
    flow.open_at_launch()  # before the first frame: no worker, no message, no store
    assert flow.form.preset_name == "llama-test"
    assert flow.form.get("image") == "vllm/vllm-openai:v0.6.3"
    assert flow.library.store is None and not rec.posted
    await flow.start()
    assert not rec.of(PresetOpened) and not rec.notes  # quiet at start-up

    rec = Recorder()
    flow = flow_in(tmp_path, rec, preset_arg="nope")
    flow.open_at_launch()
    await flow.start()
    assert any(n.startswith("Cannot open nope:") for n in rec.notes)


async def test_orphaned_drafts_are_offered_newest_first_and_one_is_restored(
    tmp_path: Path,
) -> None:
    older = orphan(tmp_path, Draft({"name": "older"}, None, "v2", saved_at=100.0))
    newer = orphan(tmp_path, Draft({**VALID, "name": "drafted"}, None, "v1", saved_at=200.0))
    rec = Recorder(False, True)  # no to the newest, yes to the next
    flow = flow_in(tmp_path, rec)
    await flow.start()
    await rec.drain()
    assert [q.position for q in rec.asked if isinstance(q, OfferDraft)] == [(1, 2), (2, 2)]
    assert flow.form.get("name") == "older" and flow.form.dirty
    assert rec.of(DraftRestored) and "Draft restored" in rec.notes
    assert not older.exists() and not newer.exists()  # each answered: each removed


async def test_autosave_keeps_a_draft_after_the_pause_and_drops_it_when_clean(
    tmp_path: Path,
) -> None:
    rec, later = Recorder(), Later()
    flow = flow_in(tmp_path, rec, later=later, autosave_delay=0.5)
    await flow.start()
    drafts = flow.drafts
    flow.form.set("name", "typed")
    drafts.schedule()
    drafts.schedule()  # restarted, not doubled
    assert [d for d, _ in later.pending] == [0.5]
    later.fire()
    assert await rec.drain() == ["draft"]
    mine = flow.library.drafts.path
    assert read_draft(mine).endpoint == {"name": "typed"}
    flow.form.set("name", None)
    drafts.schedule()
    later.fire()
    await rec.drain()
    assert not mine.exists()
    flow.library.drafts.close()
