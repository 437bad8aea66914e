"""A word that is neither a verb, a preset nor a file is a usage error, not an app that opens.

Run through the real entry point in a child process: the exit code, stderr, and whether
Textual (and so the app) was ever loaded.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from tests.cli.runner import Run, cli_env

# the entry point, then a line on stdout telling whether the app's toolkit was imported
ENTRY = (
    "import sys; from tui_app.cli import main; code = main(sys.argv[1:]); "
    "print('textual loaded' if 'textual' in sys.modules else 'no textual'); sys.exit(code)"
)


def entry(*args: str, home: Path) -> Run:
    proc = subprocess.run(
        [sys.executable, "-c", ENTRY, *args],
        capture_output=True,
        text=True,
        env=cli_env(home),
        stdin=subprocess.DEVNULL,
        timeout=20,
    )
    return Run(proc.returncode, proc.stdout, proc.stderr)


def test_a_mistyped_verb_exits_2_and_names_the_verb(home: Path) -> None:
    result = entry("valdate", home=home)
    assert result.code == 2
    assert result.out.strip() == "no textual"
    assert result.err_lines[0].startswith(
        "ppio-endpoint: no verb or preset named 'valdate'; did you mean 'validate'?"
    )


def test_a_mistyped_template_name_suggests_the_template(home: Path) -> None:
    result = entry("vllm-opnai", home=home)
    assert result.code == 2
    assert "did you mean 'vllm-openai'?" in result.err
    assert result.out.strip() == "no textual"


def test_a_mistyped_user_preset_name_suggests_it(home: Path) -> None:
    (home / "presets").mkdir()
    (home / "presets" / "my-llama.toml").write_text("version = 1\n[endpoint]\nname = 'x'\n")
    result = entry("my-lama", home=home)
    assert result.code == 2
    assert "did you mean 'my-llama'?" in result.err


def test_a_word_like_nothing_still_lists_the_verbs(home: Path) -> None:
    result = entry("bogus", home=home)
    assert result.code == 2
    assert result.err_lines == [
        "ppio-endpoint: no verb or preset named 'bogus' (verbs: validate, render, import, "
        "presets, fields, submit, pull, endpoints, apply, diff, sandbox)"
    ]
    assert result.out.strip() == "no textual"


def test_a_missing_preset_file_is_named(home: Path, tmp_path: Path) -> None:
    result = entry(str(tmp_path / "gone.toml"), home=home)
    assert result.code == 2
    assert result.err_lines == [
        f"ppio-endpoint: no preset file '{tmp_path / 'gone.toml'}': no such file"
    ]


def test_control_characters_in_the_word_are_shown_not_sent(home: Path) -> None:
    result = entry("bo\x1b]52;c;aGk=\x07gus", home=home)
    assert result.code == 2
    assert "\x1b" not in result.err and "\x07" not in result.err


def test_the_console_script_refuses_too(home: Path) -> None:
    script = Path(sys.executable).parent / "ppio-endpoint"
    proc = subprocess.run(
        [str(script), "bogus"],
        capture_output=True,
        text=True,
        env=cli_env(home),
        stdin=subprocess.DEVNULL,
        timeout=20,
    )
    assert proc.returncode == 2
    assert "no verb or preset named 'bogus'" in proc.stderr
    assert proc.stdout == ""  # no alternate screen, nothing painted
