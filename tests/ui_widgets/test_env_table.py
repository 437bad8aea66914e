"""EnvTable: secrets masked with a reveal toggle, ${NAME} references, paste and .env import."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual import events

from tests.ui_widgets.hosts import TableHost, screen_text, toasts
from tui_app.ui.screens.path_prompt import PathPrompt
from tui_app.ui.widgets.env_table import EnvTable, parse_env_lines

TOKEN = "hf_AbCdEfGhIjKlMnOpQrStUvWxYz012345"
ROWS = [{"key": "MODEL", "value": "llama-3.1-8b"}, {"key": "HF_TOKEN", "value": TOKEN}]


async def settle(app: TableHost, pilot) -> None:
    await pilot.pause()
    await app.workers.wait_for_complete()
    await pilot.pause()


async def test_secret_values_are_masked_until_revealed() -> None:
    app = TableHost(EnvTable(), ROWS)
    async with app.run_test(size=(100, 24)) as pilot:
        await pilot.pause()
        text = screen_text(app)
        assert TOKEN not in text
        assert "llama-3.1-8b" in text  # ordinary values stay readable
        assert "••••••" in next(line for line in text.splitlines() if "HF_TOKEN" in line)
        await pilot.press("down", "r")
        await pilot.pause()
        assert TOKEN in screen_text(app)
        await pilot.press("r")
        await pilot.pause()
        assert TOKEN not in screen_text(app)
        assert app.changes == []  # revealing is a view change only


async def test_delete_confirmation_does_not_show_the_secret() -> None:
    app = TableHost(EnvTable(), ROWS)
    async with app.run_test(size=(100, 24)) as pilot:
        await pilot.pause()
        await pilot.press("down", "d")
        await pilot.pause()
        text = screen_text(app)
        assert "HF_TOKEN" in text and TOKEN not in text


async def test_dollar_turns_the_value_into_a_reference() -> None:
    app = TableHost(EnvTable(), ROWS)
    async with app.run_test(size=(120, 30), notifications=True) as pilot:
        await pilot.pause()
        await pilot.press("down", "dollar_sign")
        await pilot.pause()
        assert app.changes == [[ROWS[0], {"key": "HF_TOKEN", "value": "${HF_TOKEN}"}]]
        text = screen_text(app)
        assert "${HF_TOKEN}" in text
        assert "export HF_TOKEN=" in toasts(app)
        assert TOKEN not in text


async def test_dollar_refuses_a_name_the_shell_cannot_use() -> None:
    app = TableHost(EnvTable(), [{"key": "my-key", "value": "x"}])
    async with app.run_test(size=(120, 30), notifications=True) as pilot:
        await pilot.pause()
        await pilot.press("dollar_sign")
        await pilot.pause()
        assert app.changes == []
        assert "'my-key' cannot be used as a shell variable name" in toasts(app)


PASTED = """\
# a comment
export MODEL=qwen
GREETING="two words"  # said twice
LITERAL='keeps $HOME as is'
PLAIN=plain value # trailing comment

JUSTANAME
=no-name
MY VAR=x
EMPTY=
"""


async def test_paste_adds_and_updates_and_reports_the_rest() -> None:
    app = TableHost(EnvTable(), ROWS)
    async with app.run_test(size=(140, 30), notifications=True) as pilot:
        await pilot.pause()
        app.focused.post_message(events.Paste(PASTED))
        await pilot.pause()
        assert app.changes == [
            [
                {"key": "MODEL", "value": "qwen"},
                {"key": "HF_TOKEN", "value": TOKEN},
                {"key": "GREETING", "value": "two words"},
                {"key": "LITERAL", "value": "keeps $HOME as is"},
                {"key": "PLAIN", "value": "plain value"},
                {"key": "EMPTY", "value": ""},
            ]
        ]
        said = toasts(app)
        assert "Pasted: 4 added, 1 updated." in said
        assert "line 7 is not NAME=VALUE" in said
        assert "line 8 is not NAME=VALUE" in said
        assert "line 9 name 'MY VAR' must not contain" in said
        assert "qwen" not in said and "two words" not in said  # no values echoed


async def test_names_with_brackets_are_not_markup_in_messages() -> None:
    app = TableHost(EnvTable(), [{"key": "[b]x[/b]", "value": "1"}])
    async with app.run_test(size=(120, 30), notifications=True) as pilot:
        await pilot.pause()
        await pilot.press("dollar_sign")
        await pilot.pause()
        assert "'[b]x[/b]' cannot be used" in toasts(app)


async def test_paste_of_nothing_useful_changes_nothing() -> None:
    app = TableHost(EnvTable(), ROWS)
    async with app.run_test(size=(120, 30)) as pilot:
        await pilot.pause()
        app.focused.post_message(events.Paste("\n# only a comment\n"))
        await pilot.pause()
        assert app.changes == []


async def test_import_reads_a_dotenv_file(tmp_path: Path) -> None:
    env_file = tmp_path / "prod.env"
    env_file.write_text('export MODEL="mistral"\nWORKERS=4\n')
    app = TableHost(EnvTable(), ROWS)
    async with app.run_test(size=(120, 30), notifications=True) as pilot:
        await pilot.pause()
        await pilot.press("i")
        await pilot.pause()
        assert isinstance(app.screen, PathPrompt)
        await pilot.press("ctrl+u", *str(env_file), "enter")
        await settle(app, pilot)
        assert app.changes == [
            [
                {"key": "MODEL", "value": "mistral"},
                {"key": "HF_TOKEN", "value": TOKEN},
                {"key": "WORKERS", "value": "4"},
            ]
        ]
        assert "Imported prod.env: 1 added, 1 updated." in toasts(app)


async def test_import_of_a_missing_file_says_so(tmp_path: Path) -> None:
    app = TableHost(EnvTable(), ROWS)
    async with app.run_test(size=(120, 30), notifications=True) as pilot:
        await pilot.pause()
        await pilot.press("i")
        await pilot.pause()
        await pilot.press("ctrl+u", *str(tmp_path / "nope.env"), "enter")
        await settle(app, pilot)
        assert app.changes == []
        assert f"Cannot import {tmp_path / 'nope.env'}" in toasts(app)


async def test_import_prompt_escape_changes_nothing() -> None:
    app = TableHost(EnvTable(), ROWS)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("i", "escape")
        await settle(app, pilot)
        assert app.changes == []
        assert not isinstance(app.screen, PathPrompt)


@pytest.mark.parametrize(
    ("line", "pair"),
    [
        ("A=1", ("A", "1")),
        ("  export   A = 1  ", ("A", "1")),
        ('A="x \\"y\\" z"', ("A", 'x "y" z')),
        ('A="line\\nbreak"', ("A", "line\nbreak")),
        ("A='no $expansion # here'", ("A", "no $expansion # here")),
        ("A=b#c", ("A", "b#c")),
        ("A=b #c", ("A", "b")),
        ("A=x=y", ("A", "x=y")),
    ],
)
def test_dotenv_lines(line: str, pair: tuple[str, str]) -> None:
    parsed = parse_env_lines(line)
    assert parsed.pairs == [pair]
    assert parsed.problems == []


def test_unclosed_quote_is_reported_with_its_line() -> None:
    parsed = parse_env_lines('OK=1\nBAD="open\n')
    assert parsed.pairs == [("OK", "1")]
    assert parsed.problems == [(2, 'the " quote is not closed')]
