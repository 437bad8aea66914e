"""The JSON colouring used by Review and the exchange detail."""

from __future__ import annotations

import json

from tui_app.ui.json_text import CONSTANT, KEY, NUMBER, STRING, json_content


def styled(text: str) -> list[tuple[str, str]]:
    content = json_content(text)
    return [(text[s.start : s.end], str(s.style)) for s in content.spans]


def test_keys_strings_numbers_and_constants_get_their_colours() -> None:
    text = json.dumps({"name": "a:b", "n": -1.5e3, "on": True, "off": None, "ids": [7]}, indent=2)
    assert styled(text) == [
        ('"name"', KEY),
        ('"a:b"', STRING),
        ('"n"', KEY),
        ("-1500.0", NUMBER),
        ('"on"', KEY),
        ("true", CONSTANT),
        ('"off"', KEY),
        ("null", CONSTANT),
        ('"ids"', KEY),
        ("7", NUMBER),
    ]
    assert json_content(text).plain == text


def test_escaped_quotes_stay_inside_the_string() -> None:
    text = json.dumps({"cmd": 'say "hi" \\ there'})
    assert styled(text) == [('"cmd"', KEY), (json.dumps('say "hi" \\ there'), STRING)]


def test_text_that_is_not_json_is_kept_whole() -> None:
    text = '<html>502 Bad Gateway</html> "unterminated'
    assert json_content(text).plain == text
