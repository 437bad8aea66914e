"""FormState without a terminal: what is shown when, which tab an issue belongs to, dirtiness."""

from __future__ import annotations

import subprocess
import sys

from tests.ui.conftest import VALID
from tui_app import spec
from tui_app.ui.form_state import SECTIONS, FormState, order_key, section_of


def test_sections_cover_every_field_once() -> None:
    shown = [p for s in SECTIONS for p in s.paths]
    tables = {s.table for s in SECTIONS if s.table}
    assert len(shown) == len(set(shown))
    for path in spec.FIELDS:
        head = path.split(".")[0]
        assert path in shown or head in tables, path
    assert [s.title for s in SECTIONS] == [
        "General",
        "Workers",
        "Policy",
        "Volumes",
        "Env",
        "Ports",
        "Health",
        "Review",
    ]


def test_issue_locations_map_to_their_tab() -> None:
    assert section_of("name") == "general"
    assert section_of("worker_config.max_replicas") == "workers"
    assert section_of("volumes.1.mount_point") == "volumes"
    assert section_of("envs.0.value") == "env"
    assert section_of("ports.0") == section_of("ports") == "ports"
    assert section_of("health_check.port") == "health"
    assert order_key("image") < order_key("worker_config.gpu_num") < order_key("volumes.0.id")
    assert order_key("volumes.0.id") < order_key("volumes.1.type")


def test_set_creates_and_removes_tables() -> None:
    state = FormState()
    assert state.set("worker_config.max_replicas", 3)
    assert state.data == {"worker_config": {"max_replicas": 3}}
    assert not state.set("worker_config.max_replicas", 3)
    assert state.set("worker_config.max_replicas", None)
    assert state.data == {}


def test_messages_wait_until_the_field_is_left_or_a_submit() -> None:
    state = FormState(dict(VALID))
    state.set("name", "")
    assert state.report.at("name")
    assert state.visible_issues("name") == []
    assert state.errors_by_section()["general"] == 1
    state.touch("name")
    assert state.visible_issues("name")[0].message == "is required"
    other = FormState({})
    other.attempt_submit()
    assert other.visible_issues("image")


def test_dirty_follows_the_saved_table() -> None:
    state = FormState(dict(VALID))
    assert not state.dirty
    state.set("name", "changed")
    assert state.dirty
    assert state.changed_paths() == ["name"]
    state.set("name", VALID["name"])
    assert not state.dirty
    state.set_rows("ports", [8000, 9000])
    assert state.changed_paths() == ["ports"]
    state.mark_saved()
    assert not state.dirty


def test_next_error_walks_in_form_order_and_wraps() -> None:
    data = dict(VALID)
    data.pop("image")
    data["health_check"] = {"path": "nope"}
    state = FormState(data)
    first = state.next_error()
    assert first is not None and first.loc == "image"
    second = state.next_error("image")
    assert second is not None and second.loc == "health_check.path"
    wrapped = state.next_error("health_check.path")
    assert wrapped is not None and wrapped.loc == "image"


def test_version_switch_changes_rules_and_body() -> None:
    state = FormState(dict(VALID))
    assert "endpoint" not in state.body()
    assert state.set_version("v1")
    assert state.body()["endpoint"]["workerConfig"]["maxNum"] == 2
    assert state.report is not None


def test_form_state_imports_no_textual() -> None:
    code = "import sys, tui_app.ui.form_state as f; print('textual' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


def test_the_app_module_keeps_httpx_and_pydantic_out_of_start_up() -> None:
    code = (
        "import sys, tui_app.cli, tui_app.ui.launch, tui_app.ui.app; "
        "print(sorted({m.split('.')[0] for m in sys.modules} & {'httpx', 'pydantic', 'tomli_w'}))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert "httpx" not in out.stdout
    assert "pydantic" not in out.stdout
