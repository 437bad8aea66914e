"""Servers whose creates go wrong in one chosen way, on 127.0.0.1 in a background thread.

The sandbox answers every other route (list, get, look-ups); a create is handled here
instead, and names are NOT required to be unique, as a server that lost track of a
create would not refuse the second one. ``with create_server(mode=...) as server``:

- ``late``: the create is stored only once ``store_after_looks`` look-ups (list requests)
  have arrived after it, and the answer comes ``answer_after`` seconds late (after the
  client's timeout), as a slow, backed-up server would;
- ``drop``: the body is read, the connection closed, nothing stored;
- ``status``: the first ``times`` creates are answered ``status`` without being stored;
  later ones are stored and answered with their id;
- ``garbage``: the create is stored and answered 200 with ``garbage`` (not JSON, or no id).
"""

from __future__ import annotations

import copy
import json
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit

from tests.sandbox_server import TEST_KEY
from tui_app import spec
from tui_app.api.sandbox import Reply, Sandbox, serve_sandbox
from tui_app.api.sandbox.core import error_reply
from tui_app.api.types import Target
from tui_app.spec.routes import SANDBOX_PREFIX

V1 = SANDBOX_PREFIX["v1"]
CREATE_PATHS = {"/gpus/v2/endpoints": "v2", f"{V1}/endpoint/create": "v1"}
LIST_PATHS = {"/gpus/v2/endpoints", f"{V1}/endpoints"}


@dataclass
class Behaviour:
    mode: str = "late"
    store_after_looks: int = 1
    answer_after: float = 1.0
    status: int = 503
    times: int = 1
    retry_after: str = "0"
    garbage: bytes = b"<html>upstream hiccup</html>"


@dataclass
class RawReply(Reply):
    raw: bytes = b""

    def content(self) -> bytes:
        return self.raw


class CreateSandbox(Sandbox):
    """The sandbox, with creates that misbehave as ``behaviour`` says."""

    def __init__(self, behaviour: Behaviour) -> None:
        super().__init__(seed=1)
        self.behaviour = behaviour
        self.posts: list[Any] = []  # every create body that reached the server
        self.looks = 0  # list requests since the first create
        self._pending: list[tuple[str, dict[str, Any]]] = []

    def handle(self, method: str, target: str, headers: Any, content: bytes) -> Reply:
        path = urlsplit(target).path.rstrip("/")
        with self._lock:
            if method == "POST" and path in CREATE_PATHS:
                body = json.loads(content) if content else None
                self.received.append((method, path, body))
                self.posts.append(body)
                return self._create(body)
            if method == "GET" and path in LIST_PATHS and self.posts:
                self.looks += 1
                if self.looks >= self.behaviour.store_after_looks:
                    self.flush()
        return super().handle(method, target, headers, content)

    def _create(self, body: Any) -> Reply:
        how = self.behaviour
        if how.mode == "drop":
            return Reply(200, drop=True)
        if how.mode == "status" and len(self.posts) <= how.times:
            reply = error_reply(how.status, "UNAVAILABLE", "injected failure")
            if how.status == 429:
                reply.headers["Retry-After"] = how.retry_after
            return reply
        eid = self.new_id()
        data = spec.parse_body(body).data
        if how.mode == "late":
            self._pending.append((eid, data))
            return Reply(200, {"id": eid}, delay=how.answer_after)
        self.store(data, eid=eid)
        if how.mode == "garbage":
            return RawReply(200, raw=how.garbage)
        return Reply(200, {"id": eid})

    def store(self, data: dict[str, Any], *, eid: str | None = None, age: float = 0) -> str:
        """Keep an endpoint as if created ``age`` seconds ago; returns its id."""
        with self._lock:
            eid = eid or self.new_id()
            data = spec.clean(copy.deepcopy(data))
            data.setdefault("app_name", eid)
            self.created(eid, data)
            self.meta[eid].created_at = int(self.wall() - age)
            return eid

    def flush(self) -> None:
        """Store the creates still held back."""
        with self._lock:
            for eid, data in self._pending:
                self.store(data, eid=eid)
            self._pending.clear()


@dataclass
class CreateServer:
    sandbox: CreateSandbox
    base_url: str

    def target(self, version: str = "v2", **lookup: Any) -> Target:
        return Target("loopback", self.base_url, version, TEST_KEY, **lookup)

    @property
    def posts(self) -> list[Any]:
        return self.sandbox.posts

    @property
    def endpoints(self) -> dict[str, dict[str, Any]]:
        return self.sandbox.endpoints


@contextmanager
def create_server(**behaviour: Any) -> Iterator[CreateServer]:
    box = CreateSandbox(Behaviour(**behaviour))
    with serve_sandbox(box) as running:
        yield CreateServer(box, running.base_url)
