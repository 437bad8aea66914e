"""The sandbox: a faithful fake of the PPIO endpoint API, v1 and v2, on one origin.

:meth:`Sandbox.handle` takes one HTTP request and returns a :class:`Reply`; the
in-process transport and the loopback server both call it, so there is one
implementation served two ways. Field rules come from ``tui_app.spec``; only what a
server alone knows (ids of products, regions, storages; published limits) is checked here.
"""

from __future__ import annotations

import json
import random
import threading
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import parse_qs, urlsplit

from ...spec.issues import Issue
from ...spec.routes import SANDBOX_PREFIX
from ...spec.untrusted import parse_json
from .faults import FaultSpec
from .views import Meta, Timing

V1 = SANDBOX_PREFIX["v1"]
OWNER_ID = "3b7e6c1a-2f4d-4c8e-9a1b-5d6e7f8a9b0c"
MAX_RECEIVED = 50_000


@dataclass
class Reply:
    status: int
    body: Any = None
    headers: dict[str, str] = field(default_factory=dict)
    delay: float = 0.0  # seconds to wait before answering (after the request was processed)
    drop: bool = False  # close the connection instead of answering

    def content(self) -> bytes:
        if self.body is None:
            return b""
        return json.dumps(self.body, ensure_ascii=False).encode("utf-8")


class Problem(Exception):
    """An error answer, raised from deep inside a handler."""

    def __init__(self, status: int, reason: str, message: str, field: str | None = None) -> None:
        super().__init__(message)
        self.reply = error_reply(status, reason, message, field)


def error_reply(
    status: int,
    reason: str,
    message: str,
    field: str | None = None,
    errors: list[dict[str, str]] | None = None,
) -> Reply:
    metadata: dict[str, Any] = {}
    if field:
        metadata["field"] = field
        message = f"{field}: {message}"
    if errors:
        metadata["errors"] = errors
    return Reply(
        status, {"code": status, "reason": reason, "message": message, "metadata": metadata}
    )


def invalid(issues: list[Issue], name: Callable[[str], str] = str) -> Reply:
    """400 naming the first broken field (in the version's spelling) and listing all of them."""
    listed = [{"field": name(i.loc), "message": i.message} for i in issues]
    first = issues[0]
    return error_reply(400, "INVALID_ARGUMENT", first.message, name(first.loc) or None, listed)


@dataclass
class Request:
    method: str
    path: str
    query: dict[str, str]
    headers: dict[str, str]
    body: Any  # parsed JSON, raw text if it was not JSON, None if empty


# answers one parsed request for a sandbox: the routes table (:mod:`.routes`)
Dispatch = Callable[["SandboxCore", Request], Reply]


class SandboxCore:
    """State (endpoints, what was received) and the request path around ``dispatch``, which
    is handed in so the routes may import this module and not the other way round.
    Thread-safe: one lock around each call."""

    def __init__(
        self,
        dispatch: Dispatch,
        *,
        faults: FaultSpec | None = None,
        clock: Callable[[], float] = time.monotonic,
        seed: int | None = None,
        api_key: str | None = None,
        timing: Timing | None = None,
        wall: Callable[[], float] | None = None,
        v1_pages_from: int = 0,
    ) -> None:
        self.faults = faults or FaultSpec()
        self.clock = clock
        # creation times follow the injected clock, from the wall time the sandbox started
        origin, start = time.time(), clock()
        self.wall = wall or (lambda: origin + (self.clock() - start))
        if v1_pages_from not in (0, 1):
            raise ValueError(f"v1_pages_from must be 0 or 1 (got {v1_pages_from})")
        self.v1_pages_from = v1_pages_from  # the v1 list's first pageNum
        self.fail_names: set[str] = set()  # creates and updates of these names answer 500
        self.rng = random.Random(seed)
        self.api_key = api_key  # when set, any other bearer token is refused
        self.timing = timing or Timing()
        self.received: list[tuple[str, str, Any]] = []
        self.endpoints: dict[str, dict[str, Any]] = {}
        self.meta: dict[str, Meta] = {}
        self._dispatch = dispatch
        self._lock = threading.RLock()

    def __repr__(self) -> str:
        return f"Sandbox({len(self.endpoints)} endpoints, faults: {self.faults.describe()})"

    def set_faults(self, faults: FaultSpec | str | None = None, **values: Any) -> None:
        """Replace the faults: a FaultSpec, a spec string, or keyword values."""
        with self._lock:
            if isinstance(faults, str):
                faults = FaultSpec.parse(faults)
            self.faults = faults or FaultSpec(**values)

    def new_id(self) -> str:
        while True:
            eid = f"{self.rng.getrandbits(64):016x}"
            if eid not in self.endpoints:
                return eid

    def handle(self, method: str, target: str, headers: Mapping[str, str], content: bytes) -> Reply:
        """Answer one request. ``target`` is the path with its query string."""
        with self._lock:
            request = _request(method, target, headers, content)
            self.received.append((request.method, request.path, request.body))
            if len(self.received) > MAX_RECEIVED:  # a long-running server must not grow forever
                del self.received[: MAX_RECEIVED // 5]
            reply = self._faulty(request) or self._authorized(request) or self._route(request)
            reply.delay += self.faults.latency
            return reply

    def _faulty(self, request: Request) -> Reply | None:
        faults = self.faults
        if faults.rate_limit > 0:
            faults.rate_limit -= 1
            reply = error_reply(429, "RATE_LIMIT_EXCEEDED", "too many requests; slow down")
            reply.headers["Retry-After"] = f"{faults.retry_after:g}"
            return reply
        if faults.errors > 0:
            faults.errors -= 1
            return error_reply(faults.error_status, "UNAVAILABLE", "injected failure")
        if faults.error_rate and self.rng.random() < faults.error_rate:
            return error_reply(faults.error_status, "UNAVAILABLE", "injected failure")
        return None

    def _authorized(self, request: Request) -> Reply | None:
        auth = request.headers.get("authorization", "")
        token = auth[7:].strip() if auth[:7].lower() == "bearer " else ""
        if not token:
            return error_reply(
                401, "MISSING_API_KEY", "API key is missing; send Authorization: Bearer <key>"
            )
        if self.api_key is not None and token != self.api_key:
            return error_reply(403, "INVALID_API_KEY", "API key is invalid")
        return None

    def _route(self, request: Request) -> Reply:
        try:
            return self._dispatch(self, request)
        except Problem as problem:
            return problem.reply

    def drop_next_create(self) -> bool:
        """Consume one ``drop_after_create``: the create is stored, its answer is lost."""
        if self.faults.drop_after_create > 0:
            self.faults.drop_after_create -= 1
            return True
        return False

    def created(self, eid: str, data: dict[str, Any]) -> Reply:
        self.endpoints[eid] = data
        self.meta[eid] = Meta(
            created=self.clock(),
            created_at=int(self.wall()),
            owner_id=OWNER_ID,
            member_id="sandbox-member",
        )
        return Reply(200, {"id": eid}, drop=self.drop_next_create())

    def name_taken(self, name: Any, except_id: str | None = None) -> bool:
        return any(d.get("name") == name and eid != except_id for eid, d in self.endpoints.items())

    def find(self, eid: Any) -> tuple[str, dict[str, Any]]:
        if isinstance(eid, str) and eid in self.endpoints:
            return eid, self.endpoints[eid]
        raise Problem(404, "NOT_FOUND", f"endpoint {eid!r} not found")


def _request(method: str, target: str, headers: Mapping[str, str], content: bytes) -> Request:
    parts = urlsplit(target)
    query = {k: v[-1] for k, v in parse_qs(parts.query, keep_blank_values=True).items()}
    body: Any = None
    if content:
        text = content.decode("utf-8", errors="replace")
        try:
            body = parse_json(text)
        except ValueError:  # not JSON, or too deep or long to read: kept as text
            body = text
    lowered = {k.lower(): v for k, v in headers.items()}
    return Request(method.upper(), parts.path or "/", query, lowered, body)
