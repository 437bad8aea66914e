"""RequestLog: one readable line per exchange, bounded, follows new lines, Enter opens it."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.widgets import DataTable

from tests.ui_widgets.hosts import LogHost, make_exchange, screen_text
from tui_app.ui.controls.exchange_lines import clock
from tui_app.ui.screens.exchange_detail import ExchangeDetail
from tui_app.ui.screens.history import HistoryScreen
from tui_app.ui.widgets.request_log import RequestLog


def cursor(app: LogHost) -> int:
    return app.log_widget.query_one(DataTable).cursor_row


def line_with(app: LogHost, needle: str) -> str:
    return next(line for line in screen_text(app).splitlines() if needle in line)


async def test_line_shows_time_method_path_status_latency() -> None:
    app = LogHost(RequestLog())
    async with app.run_test(size=(100, 24)) as pilot:
        app.log_widget.add(make_exchange(1))
        await pilot.pause()
        line = line_with(app, "/gpus/v2/endpoint/create")
        for part in (clock(make_exchange(1).time), "POST", "201", "412 ms"):
            assert part in line
        assert "#" not in line


async def test_retries_errors_and_client_errors_read_without_colour(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("NO_COLOR", "1")
    app = LogHost(RequestLog())
    async with app.run_test(size=(100, 24)) as pilot:
        app.log_widget.add(make_exchange(1, status=503, attempt=1, url="https://h/a"))
        app.log_widget.add(make_exchange(2, status=201, attempt=2, url="https://h/b"))
        app.log_widget.add(
            make_exchange(3, status=None, error="timeout: no answer in 30 s", url="https://h/c")
        )
        app.log_widget.add(make_exchange(4, status=404, method="get", url="https://h/d?x=1"))
        await pilot.pause()
        assert "503" in line_with(app, " /a ")
        assert "#2" in line_with(app, " /b ")
        line = line_with(app, " /c ")
        assert "error" in line and "timeout: no answer in 30 s" in line
        line = line_with(app, "/d?x=1")
        assert "GET" in line and "404" in line


async def test_paths_are_text_not_markup() -> None:
    app = LogHost(RequestLog())
    async with app.run_test(size=(100, 24)) as pilot:
        app.log_widget.add(make_exchange(1, url="https://h/[b]x[/b]"))
        await pilot.pause()
        assert "/[b]x[/b]" in screen_text(app)


async def test_keeps_only_the_last_lines() -> None:
    app = LogHost(RequestLog(max_lines=5))
    async with app.run_test(size=(100, 24)) as pilot:
        for n in range(1, 9):
            app.log_widget.add(make_exchange(n, url=f"https://h/call-{n}"))
        await pilot.pause()
        assert app.log_widget.query_one(DataTable).row_count == 5
        text = screen_text(app)
        assert "/call-3" not in text
        assert "/call-4" in text and "/call-8" in text


async def test_follows_new_lines_until_the_user_moves_up() -> None:
    app = LogHost(RequestLog())
    async with app.run_test(size=(100, 24)) as pilot:
        for n in range(1, 4):
            app.log_widget.add(make_exchange(n))
        await pilot.pause()
        assert cursor(app) == 2
        await pilot.press("up")
        app.log_widget.add(make_exchange(4))
        await pilot.pause()
        assert cursor(app) == 1  # stays where the user put it
        await pilot.press("end")
        await pilot.pause()
        assert cursor(app) == 3
        app.log_widget.add(make_exchange(5))
        await pilot.pause()
        assert cursor(app) == 4


async def test_cursor_stays_on_its_line_when_old_lines_drop() -> None:
    app = LogHost(RequestLog(max_lines=3))
    async with app.run_test(size=(100, 24)) as pilot:
        for n in range(1, 4):
            app.log_widget.add(make_exchange(n, url=f"https://h/call-{n}"))
        await pilot.pause()
        await pilot.press("up")
        app.log_widget.add(make_exchange(4, url="https://h/call-4"))
        await pilot.pause()
        assert app.log_widget.highlighted() == make_exchange(2, url="https://h/call-2")


async def test_enter_posts_opened_and_shows_the_detail() -> None:
    app = LogHost(RequestLog())
    async with app.run_test(size=(100, 30)) as pilot:
        app.log_widget.add(make_exchange(1))
        app.log_widget.add(make_exchange(2, status=500))
        await pilot.pause()
        await pilot.press("up", "enter")
        await pilot.pause()
        assert app.opened == [make_exchange(1)]
        assert isinstance(app.screen, ExchangeDetail)
        assert app.screen.exchange == make_exchange(1)


async def test_load_replaces_the_lines() -> None:
    app = LogHost(RequestLog())
    async with app.run_test(size=(100, 24)) as pilot:
        app.log_widget.add(make_exchange(9, url="https://h/old"))
        app.log_widget.load([make_exchange(n, url=f"https://h/n{n}") for n in (1, 2)])
        await pilot.pause()
        text = screen_text(app)
        assert "/old" not in text and "/n1" in text and "/n2" in text
        assert cursor(app) == 1


async def test_h_opens_history_only_when_the_owner_gives_a_path(tmp_path: Path) -> None:
    app = LogHost(RequestLog())
    async with app.run_test(size=(100, 24)) as pilot:
        await pilot.press("h")
        await pilot.pause()
        assert not isinstance(app.screen, HistoryScreen)
        assert "History" not in screen_text(app)
        app.log_widget.history_path = tmp_path / "history.jsonl"
        app.log_widget.refresh_bindings()
        await pilot.pause()
        assert "History" in screen_text(app)  # in the footer now
        await pilot.press("h")
        await pilot.pause()
        assert isinstance(app.screen, HistoryScreen)


async def test_lines_added_before_mounting_are_kept() -> None:
    log = RequestLog(max_lines=2)
    for n in (1, 2, 3):
        log.add(make_exchange(n, url=f"https://h/early-{n}"))
    app = LogHost(log)
    async with app.run_test(size=(100, 24)) as pilot:
        await pilot.pause()
        text = screen_text(app)
        assert "/early-1" not in text and "/early-2" in text and "/early-3" in text
        assert log.highlighted() == make_exchange(3, url="https://h/early-3")


async def test_a_long_load_is_drawn_in_chunks_and_ends_complete() -> None:
    app = LogHost(RequestLog(newest_first=True, max_lines=400))
    async with app.run_test(size=(100, 24)) as pilot:
        await pilot.pause()
        app.log_widget.load([make_exchange(n) for n in range(1, 301)])
        assert app.log_widget.drawing  # not all 300 in one go
        while app.log_widget.drawing:
            await pilot.pause()
        grid = app.log_widget.query_one(DataTable)
        assert grid.row_count == 300
        assert app.log_widget.highlighted() == make_exchange(300)  # newest on top
        app.log_widget.load([make_exchange(n) for n in range(1, 201)])
        app.log_widget.load([make_exchange(7)])  # a newer load wins over an unfinished one
        while app.log_widget.drawing:
            await pilot.pause()
        await pilot.pause()
        assert grid.row_count == 1
        assert app.log_widget.highlighted() == make_exchange(7)
