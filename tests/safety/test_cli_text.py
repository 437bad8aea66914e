"""The verbs against a server and files full of hostile text: what reaches stdout and stderr
shows every control character as its escape, and JSON output is still the exact JSON."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.hostile_text import ALL, BIDI, OSC52, PATTERN, SHOWN, unsafe_in
from tests.safety.escape_server import ENDPOINT_ID, hostile_server
from tests.ui.conftest import PRESET_TOML
from tui_app.cli import main

KEY = "sk-hostile-test-key-0000"


@pytest.fixture(autouse=True)
def home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    path = tmp_path / "home"
    (path / "presets").mkdir(parents=True)
    for name in ("PPIO_API_KEY", "PPIO_BASE_URL", "NOVITA_API_KEY"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("PPIO_ENDPOINT_HOME", str(path))
    return path


def use(monkeypatch: pytest.MonkeyPatch, base_url: str) -> None:
    monkeypatch.setenv("PPIO_BASE_URL", base_url)
    monkeypatch.setenv("PPIO_API_KEY", KEY)


@pytest.fixture
def server(monkeypatch: pytest.MonkeyPatch) -> Iterator[str]:
    with hostile_server() as base_url:
        use(monkeypatch, base_url)
        yield base_url


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    assert unsafe_in(out) == [], out
    assert unsafe_in(err) == [], err
    assert "Traceback" not in err
    return code, out, err


def test_endpoints_list_shows_names_ids_and_statuses_visibly(server, capsys) -> None:
    code, out, _ = run(capsys, "endpoints", "list", "--retries", "0")
    assert code == 0
    row = out.splitlines()[1]
    assert row.startswith("ep-\\x1b[2J1  ")
    assert "[/][link=https://x]y[/link][@click=app.quit]q[b]" + PATTERN in row
    assert SHOWN[OSC52] + "running" in row
    assert "https://x.example/\\x9b" in row


@pytest.mark.parametrize("args", [("endpoints", "list", "--json"), ("endpoints", "get", "x")])
def test_endpoints_json_is_the_exact_value_with_controls_escaped(server, capsys, args) -> None:
    code, out, _ = run(capsys, *args, "--retries", "0")
    assert code == 0
    found = json.loads(out)
    item = found[0] if isinstance(found, list) else found
    assert item["id"] == ENDPOINT_ID
    assert item["name"] == ALL
    assert "\\u001b]52" in out and "\\u009b" in out and "\\u202e" in out


def write_preset(home: Path, name: str = "ok", text: str = PRESET_TOML) -> Path:
    path = home / "presets" / f"{name}.toml"
    path.write_text(text, encoding="utf-8")
    return path


def test_a_server_error_message_is_shown_visibly_with_its_markup(server, home, capsys) -> None:
    preset = write_preset(home)
    code, out, err = run(capsys, "submit", "--yes", "--retries", "0", str(preset))
    assert code == 1
    assert out == ""
    assert f"must match {PATTERN} [link=https://x]y[/link] {SHOWN[OSC52]}\\x9b" in err


def test_the_created_id_on_stdout_is_visible(home, capsys, monkeypatch) -> None:
    preset = write_preset(home)
    with hostile_server(create_ok=True) as base_url:
        use(monkeypatch, base_url)
        code, out, err = run(capsys, "submit", "--yes", "--retries", "0", str(preset))
    assert code == 0
    assert out == "ep-\\x1b[2J1\n"
    assert "with id 'ep-\\x1b[2J1'" in err


HOSTILE_DESCRIPTION = PRESET_TOML.replace(
    'description = "a test preset"',
    # TOML keeps C0 characters as escapes, but C1 and bidi characters raw
    'description = "d \\u001b]52;c;SGVsbG8=\\u0007 \x9b \u202e [/]"',
)


def test_presets_list_and_show_print_descriptions_visibly(home, capsys) -> None:
    write_preset(home, "evil", HOSTILE_DESCRIPTION)
    code, out, _ = run(capsys, "presets", "list")
    assert code == 0
    assert f"d {SHOWN[OSC52]} \\x9b \\u202e [/]" in out
    code, out, _ = run(capsys, "presets", "show", "evil")
    assert code == 0
    assert "\\u001b]52" in out  # the file's own escapes, as written
    assert "\\x9b \\u202e [/]" in out


def test_validate_names_a_hostile_file_visibly(home, capsys) -> None:
    bad = home / f"bad{OSC52}[b].toml"
    bad.write_text('version = 1\n[endpoint]\nname = "x"\ntype = "nope"\n', encoding="utf-8")
    code, _, err = run(capsys, "validate", str(bad))
    assert code == 1
    assert f"bad{SHOWN[OSC52]}[b].toml: " in err


def test_import_prints_the_saved_path_visibly(home, tmp_path, capsys) -> None:
    body = json.loads(json.dumps({"name": f"imp{BIDI}x", "product_id": "1", "image": "i"}))
    source = tmp_path / "body.json"
    source.write_text(json.dumps(body), encoding="utf-8")
    code, out, _ = run(capsys, "import", str(source))
    assert code == 0
    assert out.strip().endswith("imp\\u202ex.toml")
