"""ExchangeDetail: redacted headers, highlighted JSON, copy as curl, save to a file."""

from __future__ import annotations

import json
import stat
from pathlib import Path

from tests.ui_widgets.hosts import ModalHost, make_exchange, screen_text, toasts
from tui_app.spec.curl import build_curl, parse_curl
from tui_app.ui.screens.exchange_detail import MAX_BODY_LINES, ExchangeDetail

LEAKED = "sk-live-0123456789abcdefghij9876"


def leaky_exchange():
    # a caller that forgot to redact: the screen must still hide the key
    return make_exchange(
        7,
        request_headers={"Authorization": f"Bearer {LEAKED}", "Cookie": "session=abc123"},
        response_body='{"id": "ep-7", "url": "https://ep-7.run"}',
    )


async def test_shows_request_and_response_with_headers_masked() -> None:
    app = ModalHost(ExchangeDetail(leaky_exchange()))
    async with app.run_test(size=(100, 50)) as pilot:
        await pilot.pause()
        text = screen_text(app)
        assert "POST https://api.ppinfra.com/gpus/v2/endpoint/create" in text
        assert "Authorization: Bearer ****9876" in text
        assert "Cookie: ****" in text
        assert LEAKED not in text and "abc123" not in text
        assert '"name": "ep-7",' in text  # pretty JSON, one key per line
        assert '"url": "https://ep-7.run"' in text  # a JSON string body is pretty too
        assert "status 201 · 412 ms · attempt 1" in text


async def test_json_bodies_are_highlighted() -> None:
    app = ModalHost(ExchangeDetail(make_exchange(1)))
    async with app.run_test(size=(100, 40)) as pilot:
        await pilot.pause()
        body = app.screen.query_one("#req-body")
        assert body.content.spans  # styled tokens, not one plain run


async def test_error_without_response() -> None:
    exchange = make_exchange(
        2, status=None, error="network: connection refused", response_body=None, attempt=3
    )
    app = ModalHost(ExchangeDetail(exchange))
    async with app.run_test(size=(100, 40)) as pilot:
        await pilot.pause()
        text = screen_text(app)
        assert "no response · 412 ms · attempt 3 · error: network: connection refused" in text
        assert "(no body)" in text


async def test_c_copies_curl_that_reads_the_key_from_the_environment() -> None:
    exchange = leaky_exchange()
    app = ModalHost(ExchangeDetail(exchange))
    async with app.run_test(size=(100, 40), notifications=True) as pilot:
        await pilot.pause()
        await pilot.press("c")
        await pilot.pause()
        copied = app.clipboard
        assert copied == build_curl("POST", exchange.url, exchange.request_body)
        assert "${PPIO_API_KEY}" in copied and LEAKED not in copied
        assert parse_curl(copied).body == exchange.request_body
        assert "Copied as curl (OSC 52). It reads the key from ${PPIO_API_KEY}." in toasts(app)


async def test_s_saves_the_curl_privately_and_says_where(tmp_path: Path) -> None:
    exchange = make_exchange(3)
    app = ModalHost(ExchangeDetail(exchange, save_dir=tmp_path))
    async with app.run_test(size=(120, 40), notifications=True) as pilot:
        await pilot.pause()
        await pilot.press("s")
        await app.workers.wait_for_complete()
        await pilot.pause()
        [saved] = list(tmp_path.iterdir())
        assert saved.read_text() == build_curl("POST", exchange.url, exchange.request_body)
        assert stat.S_IMODE(saved.stat().st_mode) == 0o600
        assert f"Saved to {saved}" in toasts(app)


async def test_j_saves_the_exchange_json_with_masked_headers(tmp_path: Path) -> None:
    app = ModalHost(ExchangeDetail(leaky_exchange(), save_dir=tmp_path))
    async with app.run_test(size=(100, 40)) as pilot:
        await pilot.pause()
        await pilot.press("j")
        await app.workers.wait_for_complete()
        await pilot.pause()
        [saved] = list(tmp_path.glob("*.json"))
        record = json.loads(saved.read_text())
        assert LEAKED not in saved.read_text()
        assert record["request_headers"]["Authorization"] == "Bearer ****9876"
        assert record["request_body"] == leaky_exchange().request_body
        assert record["status"] == 201


async def test_default_folder_is_the_data_home(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setenv("PPIO_ENDPOINT_HOME", str(tmp_path))
    app = ModalHost(ExchangeDetail(make_exchange(4)))
    async with app.run_test(size=(100, 40)) as pilot:
        await pilot.pause()
        await pilot.press("s")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert [p.suffix for p in tmp_path.iterdir()] == [".sh"]


async def test_save_failure_is_reported_not_raised(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("")
    app = ModalHost(ExchangeDetail(make_exchange(5), save_dir=blocker / "sub"))
    async with app.run_test(size=(120, 40), notifications=True) as pilot:
        await pilot.pause()
        await pilot.press("s")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert f"Could not save {blocker / 'sub'}" in toasts(app)
        assert isinstance(app.screen, ExchangeDetail)


async def test_escape_closes() -> None:
    app = ModalHost(ExchangeDetail(make_exchange(6)))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("escape")
        await pilot.pause()
    assert app.result is None


async def test_a_huge_body_is_cut_on_screen_but_saved_whole(tmp_path: Path) -> None:
    body = {"envs": [{"key": f"K{n}", "value": "v"} for n in range(100)]}
    shown_lines = json.dumps(body, indent=2).splitlines()
    app = ModalHost(ExchangeDetail(make_exchange(8, request_body=body), save_dir=tmp_path))
    async with app.run_test(size=(100, 40)) as pilot:
        await pilot.pause()
        text = str(app.screen.query_one("#req-body").content)
        assert f"… {len(shown_lines) - MAX_BODY_LINES} more lines: j saves the whole" in text
        assert '"K99"' not in text
        await pilot.press("j")
        await app.workers.wait_for_complete()
        await pilot.pause()
        [saved] = list(tmp_path.glob("*.json"))
        assert json.loads(saved.read_text())["request_body"] == body


async def test_half_masked_sensitive_headers_are_masked_whole() -> None:
    exchange = make_exchange(9, request_headers={"Cookie": "a=****; session=s3cr3tvalue"})
    app = ModalHost(ExchangeDetail(exchange))
    async with app.run_test(size=(100, 40)) as pilot:
        await pilot.pause()
        text = screen_text(app)
        assert "Cookie: ****" in text and "s3cr3tvalue" not in text


async def test_s_saves_curl_with_references_where_values_were_masked(tmp_path: Path) -> None:
    body = {
        "name": "x",
        "envs": [
            {"key": "HUB", "value": "${HF_TOKEN}"},  # recorded as the reference it came from
            {"key": "API_TOKEN", "value": "****"},  # masked: its value is not known here
            {"key": "MODE", "value": "fast"},
        ],
    }
    exchange = make_exchange(4, request_body=body)
    app = ModalHost(ExchangeDetail(exchange, save_dir=tmp_path, key_variable="NOVITA_API_KEY"))
    async with app.run_test(size=(120, 40), notifications=True) as pilot:
        await pilot.pause()
        await pilot.press("s")
        await app.workers.wait_for_complete()
        await pilot.pause()
    saved = next(tmp_path.glob("*.sh")).read_text()
    assert '--header "Authorization: Bearer ${NOVITA_API_KEY}"' in saved
    assert '"value": "\'"${HF_TOKEN}"\'"' in saved
    assert '"value": "\'"${API_TOKEN}"\'"' in saved
    assert "****" not in saved
    assert parse_curl(saved).body["envs"][2] == {"key": "MODE", "value": "fast"}
