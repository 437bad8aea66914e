"""The one function every screen and verb uses to show untrusted text."""

from __future__ import annotations

import json

from tests.hostile_text import ALL, CONTROLS, LONG, MARKUP, SHOWN, unsafe_in
from tui_app.text_safety import block, clip, json_safe, one_line, visible, without_controls


def test_plain_text_is_returned_unchanged() -> None:
    for text in ("llama-test", "模型 · ✓ ⚠", "a\tb\nc", "x\r\ny", *MARKUP):
        assert visible(text) == text


def test_each_control_shows_as_its_escape() -> None:
    for raw, shown in SHOWN.items():
        assert visible(f"a{raw}b") == f"a{shown}b"
    assert visible("\x7f\u2066\u2069\ud800") == "\\x7f\\u2066\\u2069\\ud800"
    assert unsafe_in(visible(ALL)) == []


def test_a_lone_carriage_return_shows_but_a_line_end_does_not() -> None:
    assert visible("progress\rdone") == "progress\\rdone"
    assert visible("one\r\ntwo\n") == "one\r\ntwo\n"


def test_one_line_shows_tab_and_newline_and_clips() -> None:
    assert one_line("a\tb\nc") == "a\\tb\\nc"
    clipped = one_line(LONG)
    assert len(clipped) == 200 and clipped.endswith("…")
    assert clip("abc", 3) == "abc" and clip("abcd", 3) == "ab…"
    assert len(block(LONG + "\n" + LONG)) == 4000


def test_without_controls_drops_only_the_zero_width_characters() -> None:
    assert without_controls(f"a{CONTROLS[0]}b\tc") == "a]52;c;SGVsbG8=bc"
    assert without_controls("plain [b]") == "plain [b]"


def test_json_safe_keeps_the_value_and_escapes_what_a_terminal_obeys() -> None:
    value = {"name": ALL, "list": ["\u202e", "ok"]}
    text = json.dumps(value, indent=2, ensure_ascii=False)
    assert unsafe_in(text)  # json.dumps leaves C1 and bidi characters raw
    safe = json_safe(text)
    assert unsafe_in(safe) == []
    assert "\\u001b]52" in safe and "\\u009b" in safe and "\\u202e" in safe
    assert json.loads(safe) == value
