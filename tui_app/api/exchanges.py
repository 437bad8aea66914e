"""One place every call goes through: each attempt is recorded as one redacted Exchange.

:class:`ExchangeClient` owns the httpx client, the redactor, the history writer and the
subscribers, and sends with retries: reads, updates and deletes are retried on connection
errors, 429, 502, 503 and 504 within the :class:`RetryPolicy`. A call that must not be
repeated blindly (a create) passes ``idempotent=False``: it is sent again only when it
surely never reached the server (no connection was made, or a 429); after any other
failure (a read timeout, a dropped connection, a 5xx) ``recover`` finds out instead.
"""

from __future__ import annotations

import asyncio
import itertools
import json
import logging
import time
import zlib
from collections.abc import Awaitable, Callable, Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from types import TracebackType
from typing import TYPE_CHECKING, Any, Self
from urllib.parse import quote

import httpx

from .. import __version__
from ..spec.routes import url_for
from ..spec.untrusted import UnsafeData, parse_json
from .errors import error_for_exception, error_for_status
from .history import BackgroundHistory, History
from .profiles import operation_base
from .redact import Redactor
from .retry import RetryPolicy, parse_retry_after
from .types import ApiError, Exchange, Target

if TYPE_CHECKING:
    from .sandbox import Sandbox

log = logging.getLogger(__name__)
Subscriber = Callable[[Exchange], None]
UNKNOWN_OUTCOME = (
    "; the create may have reached the server: check the endpoint list before submitting again"
)
# connection never made: the request surely did not reach the server
_UNSENT = (httpx.ConnectError, httpx.ConnectTimeout, httpx.PoolTimeout, httpx.UnsupportedProtocol)
MAX_BODY = 10 * 1024 * 1024  # bytes of an answer, counted after decompression


class _TooLarge(Exception):
    """The answer went past the size cap; reading stopped there."""


@dataclass
class _Outcome:
    body: Any = None
    error: ApiError | None = None
    retryable: bool = False
    maybe_processed: bool = False  # the server may have acted on it though no answer came back


class ExchangeClient:
    """Sends, retries and records; :class:`tui_app.api.client.PpioClient` adds the operations."""

    def __init__(
        self,
        target: Target,
        *,
        history_path: Path | None = None,
        transport: httpx.AsyncBaseTransport | None = None,
        sandbox: Sandbox | None = None,
        timeout: float = 30.0,
        retry: RetryPolicy | None = None,
        secrets: Iterable[str] = (),
        max_body: int = MAX_BODY,
    ) -> None:
        self.target = target
        self.version = target.api_version
        self.timeout = timeout
        self.max_body = max_body
        self.retry = retry or RetryPolicy()
        self.sandbox = sandbox
        if target.sandbox and transport is None:
            from .sandbox import Sandbox, sandbox_transport

            self.sandbox = sandbox or Sandbox()
            transport = sandbox_transport(self.sandbox)
        # the in-process sandbox wants a bearer token too; its placeholder is no secret
        self._key = target.api_key or ("sandbox" if target.sandbox else None)
        self._redactor = Redactor()
        if target.api_key:  # an env value that is the key reads ${PPIO_API_KEY} in records
            self._redactor.add_references({target.key_variable: target.api_key})
        self._redactor.add(secrets)
        self._history = BackgroundHistory(History(history_path)) if history_path else None
        self._subscribers: list[Subscriber] = []
        self._bases: dict[str, str] = {}
        self._shown_headers: dict[tuple[tuple[bytes, bytes], ...], dict[str, str]] = {}
        self._shown_urls: dict[str, str] = {}
        self._ids = itertools.count(1)
        self._http = httpx.AsyncClient(
            transport=transport,
            timeout=httpx.Timeout(timeout, connect=min(timeout, 10.0)),
            headers=self._default_headers(),
        )

    def __repr__(self) -> str:
        return f"{type(self).__name__}({self.target!r})"

    def subscribe(self, callback: Subscriber) -> Callable[[], None]:
        """Call ``callback`` with every exchange, on the event loop; returns the unsubscribe."""
        self._subscribers.append(callback)

        def unsubscribe() -> None:
            if callback in self._subscribers:
                self._subscribers.remove(callback)

        return unsubscribe

    def add_secrets(self, values: Iterable[str]) -> None:
        """Mask these values (e.g. resolved ``${NAME}`` env values) in records and history."""
        self._redactor.add(values)
        self._shown_headers.clear()
        self._shown_urls.clear()

    def add_references(self, resolved: Mapping[str, str]) -> None:
        """Mask the values resolved from these ``${NAME}`` references; wherever one stands
        whole as an env value (records, history, answers) it reads ``${NAME}`` again."""
        self._redactor.add_references(resolved)
        self._shown_headers.clear()
        self._shown_urls.clear()

    @property
    def history_problem(self) -> str | None:
        return self._history.problem if self._history else None

    def redact(self, text: str) -> str:
        return self._redactor.text(text)

    async def flush_history(self) -> None:
        """Wait until every exchange so far is in history.jsonl (it is written by a thread)."""
        if self._history is not None:
            await asyncio.to_thread(self._history.flush)

    async def aclose(self) -> None:
        await self._http.aclose()
        if self._history is not None:
            await asyncio.to_thread(self._history.close)

    async def __aenter__(self) -> Self:
        return self

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        await self.aclose()

    def url(self, version: str, operation: str, endpoint_id: str = "") -> str:
        """The URL of an operation; the other version's routes live on the same origin."""
        base = self._bases.get(version)
        if base is None:
            base = self._bases[version] = operation_base(self.target, version)
        return url_for(base, version, operation, quote(endpoint_id, safe="") if endpoint_id else "")

    def _default_headers(self) -> dict[str, str]:
        headers = {"User-Agent": f"ppio-endpoint/{__version__}", "Accept": "application/json"}
        if self._key:
            headers["Authorization"] = f"Bearer {self._key}"
        return headers

    @staticmethod
    def _headers(version: str, has_body: bool) -> dict[str, str] | None:
        if has_body or version == "v1":  # the v1 pages list Content-Type even on GETs
            return {"Content-Type": "application/json"}
        return None

    def _request_headers(self, request: httpx.Request) -> dict[str, str]:
        """The request's headers as recorded; the same few sets recur, so each is redacted once."""
        raw = tuple(request.headers.raw)
        shown = self._shown_headers.get(raw)
        if shown is None:
            shown = self._redactor.headers(request.headers.multi_items(), self._key)
            if len(self._shown_headers) < 64:
                self._shown_headers[raw] = shown
        return dict(shown)

    def _shown_url(self, url: str) -> str:
        """The URL as recorded; polling asks the same few again and again."""
        shown = self._shown_urls.get(url)
        if shown is None:
            shown = self._redactor.text(url)
            if len(self._shown_urls) < 256:
                self._shown_urls[url] = shown
        return shown

    def _record(self, exchange: Exchange) -> None:
        for callback in tuple(self._subscribers):
            try:
                callback(exchange)
            except Exception:  # a broken log view must not break the call
                log.debug("exchange subscriber failed", exc_info=True)
        if self._history is not None:
            self._history.append(exchange)

    async def _attempt(
        self,
        op: str,
        version: str,
        request: httpx.Request,
        body: Any,
        content: bytes | None,
        attempt: int,
        what: str,
        budget: float | None = None,
    ) -> _Outcome:
        """One send and read, bounded as a whole by the timeout (or what is left of ``budget``)."""
        started = time.perf_counter()
        record = {
            "id": next(self._ids),
            "time": time.time(),
            "method": request.method,
            "url": self._shown_url(str(request.url)),
            "request_headers": self._request_headers(request),
            "request_body": self._redactor.body(body, content),
            "attempt": attempt,
            "operation": op,
        }
        seconds = self.timeout if budget is None else max(0.0, min(self.timeout, budget))
        response: httpx.Response | None = None
        try:
            # httpx's read timeout is per read: a body trickling in would never trip it
            async with asyncio.timeout(seconds):
                response = await self._http.send(request, stream=True)
                try:
                    raw = await _read(response, self.max_body)
                finally:
                    await response.aclose()
        except asyncio.CancelledError:
            self._record(Exchange(**record, latency_ms=_ms(started), error="cancelled"))
            raise
        except TimeoutError:  # like a read timeout: the server may have acted on it
            late = httpx.ReadTimeout("the attempt ran out of time", request=request)
            return self._failed(record, started, late, request, seconds)
        except httpx.HTTPError as exc:
            return self._failed(record, started, exc, request, seconds)
        except _TooLarge:
            assert response is not None
            size = f"{self.max_body / 2**20:g} MiB"
            error = ApiError("invalid_response", f"the answer was larger than {size}")
            return self._unusable(record, started, response, error)
        try:
            parsed = _body(raw, response)
        except UnsafeData as exc:
            error = ApiError("invalid_response", f"the server's answer cannot be used: {exc}")
            return self._unusable(record, started, response, error)
        # callers get the answer as it is recorded: a secret echoed back goes no further
        parsed = self._redactor.body(parsed, raw)
        outcome = self._judge(response, parsed, version, what)
        self._record(
            Exchange(
                **record,
                status=response.status_code,
                response_headers=self._redactor.headers(response.headers.multi_items(), None),
                response_body=parsed,
                latency_ms=_ms(started),
                error=outcome.error.message if outcome.error else None,
            )
        )
        return outcome

    def _failed(
        self,
        record: dict[str, Any],
        started: float,
        exc: httpx.HTTPError,
        request: httpx.Request,
        seconds: float,
    ) -> _Outcome:
        """No usable answer came back: connection, protocol or time trouble."""
        shown = float(f"{seconds:.3g}")  # what is left of a deadline: 1.49969 reads as 1.5
        error = error_for_exception(exc, str(request.url), shown)
        error.message = self._redactor.text(error.message)
        self._record(Exchange(**record, latency_ms=_ms(started), error=error.message))
        retryable = error.kind in ("network", "timeout") and not isinstance(
            exc, httpx.UnsupportedProtocol | httpx.InvalidURL
        )
        return _Outcome(None, error, retryable, not isinstance(exc, _UNSENT))

    def _unusable(
        self, record: dict[str, Any], started: float, response: httpx.Response, error: ApiError
    ) -> _Outcome:
        """An answer came but cannot be read; whatever it said, the server may have acted."""
        error.status = response.status_code
        error.message = self._redactor.text(error.message)
        self._record(
            Exchange(
                **record,
                status=response.status_code,
                response_headers=self._redactor.headers(response.headers.multi_items(), None),
                latency_ms=_ms(started),
                error=error.message,
            )
        )
        return _Outcome(None, error, False, True)

    def _judge(self, response: httpx.Response, parsed: Any, version: str, what: str) -> _Outcome:
        status = response.status_code
        if 200 <= status < 300:
            return _Outcome(parsed)
        retry_after = parse_retry_after(response.headers.get("Retry-After"))
        error = error_for_status(
            status,
            parsed,
            version=version,
            key_sent=self._key is not None,
            what=what,
            retry_after=retry_after,
        )
        error.message = self._redactor.text(error.message)
        return _Outcome(None, error, status in self.retry.statuses, status >= 500)

    async def _call(
        self,
        op: str,
        method: str,
        url: str,
        *,
        version: str | None = None,
        params: Mapping[str, Any] | None = None,
        body: Any = None,
        what: str = "",
        idempotent: bool = True,
        recover: Callable[[ApiError], Awaitable[Any]] | None = None,
        gone_ok: bool = False,
    ) -> Any:
        """Send with retries; the parsed JSON answer, or what ``recover`` found, or ApiError."""
        version = version or self.version
        policy = self.retry
        started = policy.clock()
        content = None if body is None else json.dumps(body, ensure_ascii=False).encode()
        maybe_done = False
        for attempt in itertools.count(1):
            headers = self._headers(version, content is not None)
            request = self._http.build_request(
                method, url, params=params, content=content, headers=headers
            )
            budget = policy.deadline - (policy.clock() - started)
            outcome = await self._attempt(
                op, version, request, body, content, attempt, what, budget
            )
            error = outcome.error
            if error is None:
                return outcome.body
            error.attempts = attempt
            if gone_ok and maybe_done and error.kind == "not_found":
                return {}  # an earlier attempt did it; the answer was lost on the way back
            maybe_done = maybe_done or outcome.maybe_processed
            if not idempotent and outcome.maybe_processed:
                # it may have reached the server: never send it twice, find out instead
                if recover is None:
                    error.message += UNKNOWN_OUTCOME
                    raise error
                return await recover(error)
            if not outcome.retryable or attempt >= policy.attempts:
                raise error
            delay = policy.delay(attempt, error.retry_after)
            if delay is None or policy.clock() - started + delay > policy.deadline:
                raise error
            await policy.sleep(delay)
        raise AssertionError("unreachable")


async def _read(response: httpx.Response, cap: int) -> bytes:
    """The decoded body; :class:`_TooLarge` as soon as it passes ``cap`` bytes."""
    coding = response.headers.get("Content-Encoding", "").strip().lower()
    if coding in _ZLIB_CODINGS:
        return await _read_inflated(response, cap, coding)
    chunks: list[bytes] = []
    size = 0
    async for chunk in response.aiter_bytes():
        size += len(chunk)
        if size > cap:
            raise _TooLarge
        chunks.append(chunk)
    return b"".join(chunks)


# gzip and deflate, which the client asks for, are inflated here rather than by httpx: a
# decompressor given a limit never holds more than the cap, where httpx inflates a whole
# network read at once (a gzip bomb took about 100 MiB before the cap was checked)
_ZLIB_CODINGS = {"gzip": zlib.MAX_WBITS | 16, "x-gzip": zlib.MAX_WBITS | 16, "deflate": 0}


def _zlib_header(data: bytes) -> bool:
    """Whether ``data`` starts as a zlib stream (RFC 1950), as "deflate" should."""
    if len(data) < 2:
        return True  # too little to tell: the usual case
    return data[0] & 0x0F == 8 and data[0] >> 4 <= 7 and (data[0] << 8 | data[1]) % 31 == 0


async def _read_inflated(response: httpx.Response, cap: int, coding: str) -> bytes:
    wbits = _ZLIB_CODINGS[coding]
    inflater = zlib.decompressobj(wbits or zlib.MAX_WBITS)
    chunks: list[bytes] = []
    size = 0
    started = False
    try:
        async for data in response.aiter_raw():
            if not started and wbits == 0 and data and not _zlib_header(data):
                inflater = zlib.decompressobj(-zlib.MAX_WBITS)  # deflate sent without its header
            started = started or bool(data)
            while data:
                chunk = inflater.decompress(data, cap + 1 - size)
                size += len(chunk)
                if size > cap:
                    raise _TooLarge
                chunks.append(chunk)
                data = inflater.unconsumed_tail
        chunks.append(inflater.flush())
    except zlib.error as exc:
        raise httpx.DecodingError(f"the {coding} answer cannot be read: {exc}") from exc
    if size + len(chunks[-1]) > cap:
        raise _TooLarge
    return b"".join(chunks)


def _body(raw: bytes, response: httpx.Response) -> Any:
    """The JSON answer, or the start of a text one (error pages are often plain text)."""
    if not raw:
        return None
    try:
        return parse_json(raw)
    except json.JSONDecodeError:
        return raw[:16384].decode(response.encoding or "utf-8", "replace")[:4096]


def _ms(started: float) -> float:
    return round((time.perf_counter() - started) * 1000, 3)
