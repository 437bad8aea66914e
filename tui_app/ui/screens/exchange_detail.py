"""One exchange in full: request line, redacted headers, highlighted JSON bodies, outcome.

``c`` copies it as a curl command (OSC 52) and ``s``/``j`` save the curl or the exchange
JSON to a file. The curl is runnable: it reads the key from ``${PPIO_API_KEY}`` (or the
profile's variable) and each masked env value from a ``${NAME}`` reference, as the form's
own curl export does; no key or secret value is ever written.
"""

from __future__ import annotations

import json
import re
import time
from pathlib import Path
from typing import Any, ClassVar

from textual import work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical, VerticalScroll
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Footer, Static

from ...api.redact import MASK, Redactor
from ...api.types import Exchange
from ...home import atomic_write, data_home
from ...spec.curl import KEY_VARIABLE, build_curl
from ...spec.envrefs import variable_for
from ...spec.untrusted import parse_json
from ...text_safety import block, one_line, visible
from ..controls.exchange_lines import status_class
from ..json_text import json_content

MAX_BODY_LINES = 100


MASKED = re.compile(r"(Bearer )?\*{4}\w{0,4}")


def shown_headers(headers: dict[str, str]) -> dict[str, str]:
    """Headers as shown and saved: masked again in case a caller forgot.

    A value already in the masked form (``Bearer ****abcd``) keeps its last four characters.
    """
    redactor = Redactor()
    out: dict[str, str] = {}
    for name, value in headers.items():
        masked = MASKED.fullmatch(value) is not None
        out[name] = value if masked else redactor.headers([(name, value)], None)[name]
    return out


def pretty_body(body: Any) -> tuple[str, bool]:
    """The body as text, and whether it is JSON (worth highlighting)."""
    if body is None:
        return "", False
    if isinstance(body, str):
        try:
            body = parse_json(body)
        except ValueError:  # not JSON, or too deep or long to show as JSON
            return body, False
    return json.dumps(body, indent=2, ensure_ascii=False, default=str), True


def body_content(body: Any) -> Content:
    text, is_json = pretty_body(body)
    if not text:
        return Content("(no body)").stylize("dim")
    lines = text.splitlines()
    if len(lines) > MAX_BODY_LINES:
        # laying out thousands of lines would freeze the screen; the file keeps them all
        hidden = len(lines) - MAX_BODY_LINES
        text = "\n".join(lines[:MAX_BODY_LINES])
        note = Content(f"\n… {hidden} more lines: j saves the whole exchange").stylize("dim")
    else:
        note = Content("")
    if not is_json:
        return Content(visible(text)) + note
    return json_content(text) + note


def headers_content(headers: dict[str, str]) -> Content:
    if not headers:
        return Content("(no headers)").stylize("dim")
    shown = shown_headers(headers).items()
    return Content("\n".join(f"{one_line(name)}: {one_line(value)}" for name, value in shown))


def outcome_text(exchange: Exchange) -> str:
    parts = [f"status {exchange.status}" if exchange.status is not None else "no response"]
    parts.append(f"{exchange.latency_ms:.0f} ms")
    parts.append(f"attempt {exchange.attempt}")
    if exchange.error:
        parts.append(f"error: {exchange.error}")
    return " · ".join(parts)


def exchange_record(exchange: Exchange) -> dict[str, Any]:
    """The exchange as saved to a file: headers masked, like the screen shows them."""
    record = exchange.to_json()
    record["request_headers"] = shown_headers(exchange.request_headers)
    record["response_headers"] = shown_headers(exchange.response_headers)
    return record


def curl_for(exchange: Exchange, key_variable: str = KEY_VARIABLE) -> str:
    body = with_references(exchange.request_body)
    return build_curl(exchange.method.upper(), exchange.url, body, key_variable)


def with_references(body: Any) -> Any:
    """The recorded body with each masked env value read from ``${KEY}`` instead.

    Values resolved from a reference were recorded as that reference already."""
    if isinstance(body, list):
        return [with_references(item) for item in body]
    if not isinstance(body, dict):
        return body
    if body.get("value") == MASK and "key" in body:
        return {**body, "value": f"${{{variable_for(body['key'])}}}"}
    return {key: with_references(value) for key, value in body.items()}


class ExchangeDetail(ModalScreen[None]):
    """Read-only view of one exchange; Esc closes."""

    DEFAULT_CSS = """
    ExchangeDetail {
        align: center middle;
    }
    ExchangeDetail > #dialog {
        width: 100%;
        max-width: 120;
        height: 1fr;
        margin: 1 0 1 0;
        border: thick $primary 60%;
        background: $surface;
    }
    ExchangeDetail #summary {
        padding: 0 1;
        text-style: bold;
    }
    ExchangeDetail #summary.-error, ExchangeDetail #summary.-5xx {
        color: $text-error;
    }
    ExchangeDetail #summary.-4xx {
        color: $text-warning;
    }
    ExchangeDetail #summary.-2xx {
        color: $text-success;
    }
    ExchangeDetail .heading {
        margin-top: 1;
        padding: 0 1;
        text-style: bold underline;
    }
    ExchangeDetail .block {
        padding: 0 1 0 3;
    }
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,q", "close", "Close", id="exchange-close"),
        Binding("c", "copy_curl", "Copy curl", id="exchange-copy-curl"),
        Binding("s", "save_curl", "Save curl", id="exchange-save-curl"),
        Binding("j", "save_json", "Save JSON", id="exchange-save-json"),
    ]

    def __init__(
        self, exchange: Exchange, *, save_dir: Path | None = None, key_variable: str | None = None
    ) -> None:
        super().__init__()
        self.exchange = exchange
        self.save_dir = save_dir
        self._key_variable = key_variable

    @property
    def key_variable(self) -> str:
        """The variable the exported curl reads the key from: the opener's profile's."""
        return self._key_variable or KEY_VARIABLE

    def curl(self) -> str:
        return curl_for(self.exchange, self.key_variable)

    def compose(self) -> ComposeResult:
        ex = self.exchange
        with Vertical(id="dialog"):
            summary = f"{ex.method.upper()} {ex.path or ex.url} — {outcome_text(ex)}"
            yield Static(Content(one_line(summary)), id="summary", classes=f"-{status_class(ex)}")
            with VerticalScroll(id="body"):
                yield Static(Content("Request"), classes="heading")
                yield Static(Content(block(f"{ex.method.upper()} {ex.url}")), classes="block")
                yield Static(headers_content(ex.request_headers), classes="block", id="req-headers")
                yield Static(body_content(ex.request_body), classes="block", id="req-body")
                yield Static(Content("Response"), classes="heading")
                yield Static(Content(block(outcome_text(ex))), classes="block", id="outcome")
                yield Static(
                    headers_content(ex.response_headers), classes="block", id="resp-headers"
                )
                yield Static(body_content(ex.response_body), classes="block", id="resp-body")
        yield Footer()

    def on_mount(self) -> None:
        self.query_one("#body").focus()

    def action_close(self) -> None:
        self.dismiss(None)

    def action_copy_curl(self) -> None:
        self.app.copy_to_clipboard(self.curl())
        self.notify(
            f"Copied as curl (OSC 52). It reads the key from ${{{self.key_variable}}}.",
            title="Clipboard",
            markup=False,
        )

    def action_save_curl(self) -> None:
        self.save("sh", self.curl())

    def action_save_json(self) -> None:
        record = exchange_record(self.exchange)
        self.save("json", json.dumps(record, indent=2, ensure_ascii=False, default=str) + "\n")

    def target(self, suffix: str) -> Path:
        folder = self.save_dir if self.save_dir is not None else data_home()
        stamp = time.strftime("%Y%m%d-%H%M%S", time.localtime(self.exchange.time))
        return folder / f"exchange-{self.exchange.id}-{stamp}.{suffix}"

    def save(self, suffix: str, text: str) -> None:
        self.write_file(self.target(suffix), text)

    @work(thread=True, group="exchange-save")
    def write_file(self, path: Path, text: str) -> None:
        # fsync on a slow disk must not freeze the screen
        try:
            atomic_write(path, text.encode("utf-8"))
        except OSError as exc:
            message = f"Could not save {path}: {exc.strerror or exc}"
            self.app.call_from_thread(self.notify, message, severity="error", markup=False)
            return
        message = f"Saved to {path}"
        self.app.call_from_thread(self.notify, message, title="Saved", markup=False)
