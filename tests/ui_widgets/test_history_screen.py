"""HistoryScreen: reads history.jsonl and its rotations off the loop, newest first, filterable."""

from __future__ import annotations

import re
from pathlib import Path

from textual.widgets import DataTable

from tests.ui_widgets.hosts import ModalHost, make_exchange, screen_text
from tui_app.api.history import History
from tui_app.ui.screens.exchange_detail import ExchangeDetail
from tui_app.ui.screens.history import HistoryScreen, load_history


def write_history(path: Path) -> None:
    older = History(path.with_name("old.jsonl"))
    for n in (1, 2):
        older.append(make_exchange(n, url=f"https://h/rotated-{n}"))
    path.with_name("old.jsonl").rename(path.with_name(f"{path.name}.1"))
    current = History(path)
    current.append(make_exchange(3, url="https://h/current-3"))
    with path.open("a") as handle:
        handle.write('{"id": 99, "time": \n')  # a torn line from a crash
        handle.write("not json at all\n")
    current.append(make_exchange(4, url="https://h/current-4", status=404))
    current.append(make_exchange(5, url="https://h/current-5", status=None, error="timeout"))


async def loaded(app: ModalHost, pilot) -> None:
    await pilot.pause()
    await app.workers.wait_for_complete()
    await pilot.pause()


def paths_in_order(app: ModalHost) -> list[str]:
    return re.findall(r"/((?:current|rotated)-\d)", screen_text(app))


async def test_lists_every_file_newest_first_skipping_bad_lines(tmp_path: Path) -> None:
    path = tmp_path / "history.jsonl"
    write_history(path)
    app = ModalHost(HistoryScreen(path))
    async with app.run_test(size=(100, 30)) as pilot:
        await loaded(app, pilot)
        assert paths_in_order(app) == [
            "current-5",
            "current-4",
            "current-3",
            "rotated-2",
            "rotated-1",
        ]
        assert "5 exchanges, newest first" in screen_text(app)


async def test_slash_filters_by_status_and_path(tmp_path: Path) -> None:
    path = tmp_path / "history.jsonl"
    write_history(path)
    app = ModalHost(HistoryScreen(path))
    async with app.run_test(size=(100, 30)) as pilot:
        await loaded(app, pilot)
        await pilot.press("slash", *"404")
        await pilot.pause()
        assert paths_in_order(app) == ["current-4"]
        assert "1 of 5 exchanges match" in screen_text(app)
        await pilot.press(*["backspace"] * 3, *"rotated")
        await pilot.pause()
        assert paths_in_order(app) == ["rotated-2", "rotated-1"]
        await pilot.press("enter")  # back to the list
        await pilot.press("down", "enter")
        await pilot.pause()
        assert isinstance(app.screen, ExchangeDetail)
        assert app.screen.exchange.url == "https://h/rotated-1"


async def test_enter_opens_the_newest(tmp_path: Path) -> None:
    path = tmp_path / "history.jsonl"
    write_history(path)
    app = ModalHost(HistoryScreen(path))
    async with app.run_test(size=(100, 30)) as pilot:
        await loaded(app, pilot)
        assert app.screen.query_one(DataTable).cursor_row == 0
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, ExchangeDetail)
        assert app.screen.exchange.url == "https://h/current-5"
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, HistoryScreen)
        await pilot.press("escape")
        await pilot.pause()
    assert app.result is None


async def test_no_file_is_an_empty_history(tmp_path: Path) -> None:
    app = ModalHost(HistoryScreen(tmp_path / "history.jsonl"))
    async with app.run_test(size=(80, 24)) as pilot:
        await loaded(app, pilot)
        assert "No exchanges in history yet." in screen_text(app)


def test_older_files_only_fill_up_to_the_limit(tmp_path: Path) -> None:
    path = tmp_path / "history.jsonl"
    old = History(path.with_name("history.jsonl.1"))
    for n in (1, 2, 3):
        old.append(make_exchange(n, url=f"https://h/old-{n}"))
    new = History(path)
    for n in (4, 5):
        new.append(make_exchange(n, url=f"https://h/new-{n}"))
    names = [e.url.rsplit("/", 1)[1] for e in load_history(path, limit=3)]
    assert names == ["old-3", "new-4", "new-5"]
    assert len(load_history(path, limit=10)) == 5
    assert load_history(tmp_path / "missing.jsonl") == []


async def test_typing_filters_without_slash(tmp_path: Path) -> None:
    path = tmp_path / "history.jsonl"
    write_history(path)
    app = ModalHost(HistoryScreen(path))
    async with app.run_test(size=(100, 30)) as pilot:
        await loaded(app, pilot)
        await pilot.press(*"404")
        await pilot.pause()
        assert paths_in_order(app) == ["current-4"]
        assert "1 of 5 exchanges match" in screen_text(app)
