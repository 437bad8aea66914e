"""What the client hands to its callers: exchange records, errors, targets and look-up rows.

The contract between the API layer and its users (the TUI and the headless verbs).
Nothing here ever holds an API key in a field that is printed, logged or serialised.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from typing import Any, Literal, NamedTuple
from urllib.parse import urlsplit

ErrorKind = Literal[
    "bad_request",
    "auth",
    "not_found",
    "conflict",
    "rate_limited",
    "server",
    "timeout",
    "network",
    "tls",
    "cancelled",
    "invalid_response",
]
# after a create whose answer was lost: looks by name, spread over this many seconds
CREATE_LOOKUP_ATTEMPTS = 3
CREATE_LOOKUP_WINDOW = 10.0
REFRESH_INTERVAL = 5.0  # seconds between looks of a shown list of endpoints
CreateOutcome = Literal["created", "recovered", "conflict", "unknown"]
LIST_HINT = "ppio-endpoint endpoints list"


class Exchange(NamedTuple):
    """One attempt at one request, as the log shows it. Headers are already redacted.

    A named tuple, as :class:`EndpointInfo`: one is made per request, and a tuple is made
    (and written to history) at a fraction of a frozen dataclass's cost.
    """

    id: int
    time: float
    method: str
    url: str
    request_headers: dict[str, str]
    request_body: Any
    status: int | None = None
    response_headers: dict[str, str] = {}  # noqa: RUF012 (read only: never changed in place)
    response_body: Any = None
    latency_ms: float = 0.0
    attempt: int = 1
    error: str | None = None
    operation: str = ""

    @property
    def path(self) -> str:
        parts = urlsplit(self.url)
        return parts.path + (f"?{parts.query}" if parts.query else "")

    def to_json(self) -> dict[str, Any]:
        return self._asdict()

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Exchange:
        known = {k: data[k] for k in cls._fields if k in data}
        return cls(**known)


class ApiError(Exception):
    """A failed call, with a plain message fit for the screen and the terminal."""

    def __init__(
        self,
        kind: ErrorKind,
        message: str,
        *,
        status: int | None = None,
        code: str | None = None,
        field: str | None = None,
        reason: str | None = None,
        retry_after: float | None = None,
        attempts: int = 1,
    ) -> None:
        super().__init__(message)
        self.kind = kind
        self.message = message
        self.status = status
        self.code = code
        self.field = field
        self.reason = reason  # the server's machine-readable reason, e.g. INVALID_ARGUMENT
        self.retry_after = retry_after  # seconds the server asked to wait (429/503)
        self.attempts = attempts  # how many attempts were made before giving up

    def __repr__(self) -> str:
        return f"ApiError({self.kind!r}, {self.message!r}, status={self.status!r})"

    def __str__(self) -> str:
        head = f"HTTP {self.status}: " if self.status else ""
        where = f" (field: {self.field})" if self.field else ""
        return f"{head}{self.message}{where}"


@dataclass(frozen=True)
class Target:
    """Where requests go. ``api_key`` is excluded from repr and never serialised.

    A key no server could take as it is (whitespace, control or non-ASCII characters) is
    refused here, before anything is sent, with a ``ValueError`` naming ``key_variable``.
    """

    profile: str
    base_url: str
    api_version: str
    api_key: str | None = field(default=None, repr=False, compare=False)
    sandbox: bool = False
    create_lookup_attempts: int = field(default=CREATE_LOOKUP_ATTEMPTS, compare=False)
    create_lookup_window: float = field(default=CREATE_LOOKUP_WINDOW, compare=False)
    key_variable: str = "PPIO_API_KEY"  # where the key came from: messages and curl exports
    refresh_interval: float = field(default=REFRESH_INTERVAL, compare=False)

    def __post_init__(self) -> None:
        problem = key_problem(self.api_key) if self.api_key else None
        if problem:
            raise ValueError(
                f"{self.key_variable} {problem}: the key was not used and nothing was sent; "
                f"set {self.key_variable} again without it"
            )

    @property
    def masked_key(self) -> str:
        from ..spec.secrets import mask_key

        return mask_key(self.api_key)

    def describe(self) -> str:
        if self.sandbox:
            return f"SANDBOX ({self.api_version}, in-process)"
        return f"{self.profile} {self.base_url} {self.api_version} key {self.masked_key}"


@dataclass(frozen=True)
class CreateResult:
    """How a create ended; the CLI and the TUI both show :meth:`describe`.

    - ``created``: the server answered with the new id.
    - ``recovered``: the answer was lost, and the endpoint found by name matches what was
      sent and is not older than the submit: it is this create's.
    - ``conflict``: an endpoint with the name exists but differs or is older; ``id`` is
      that endpoint's, shown and never claimed.
    - ``unknown``: nothing was found; the create may or may not have happened.

    ``check`` carries what re-running the look-up needs (``PpioClient.check_create``).
    """

    id: str = ""
    url: str | None = None
    outcome: CreateOutcome = "created"
    name: str = ""
    lost: str = ""  # why the answer was lost (the error of the attempt)
    detail: str = ""  # conflict: how the found endpoint differs; unknown: what the looks saw
    check: Any = field(default=None, repr=False, compare=False)

    @property
    def recovered(self) -> bool:
        return self.outcome == "recovered"

    @property
    def ok(self) -> bool:
        """Created for sure: answered, or found and verified after a lost answer."""
        return self.outcome in ("created", "recovered")

    def describe(self) -> str:
        name, eid = repr(self.name) if self.name else "(no name)", _shown(self.id)
        lost = f"the answer to the create was lost ({self.lost})"
        decide = (
            f"The create may or may not have happened: check with `{LIST_HINT}`; "
            "submitting again is your decision (it may make a second endpoint)."
        )
        if self.outcome == "created":
            return f"created endpoint {name} with id {eid}"
        if self.outcome == "recovered":
            return (
                f"created endpoint {name} with id {eid}: {lost}; it was found by name, "
                "matches what was sent, and the create was not sent twice"
            )
        if self.outcome == "conflict":
            return (
                f"conflict: {lost}. An endpoint named {name} exists (id {eid}) but it is not "
                f"this submit's ({self.detail}), so it was not taken as created. {decide}"
            )
        return f"unknown: {lost}, and {self.detail}. {decide}"


def _shown(text: str) -> str:
    """Text from the user or a server, quoted so no control character reaches a terminal."""
    return repr(text) if not text.isprintable() or not text else text


class EndpointInfo(NamedTuple):
    id: str
    name: str
    status: str
    url: str | None
    version: str
    data: dict[str, Any]  # canonical table (v2 names), as tui_app.spec.parse reads it
    # each worker: id, status, healthy (bool or None), log (URL or None), error, message
    workers: tuple[dict[str, Any], ...] = ()
    created_at: float | None = None  # unix seconds, when the answer carries it
    error: str = ""  # the endpoint status's error and message, when the answer has them
    message: str = ""

    @property
    def workers_up(self) -> int:
        """Workers in a state that serves: ``ready`` (documented) or ``running``."""
        return sum(1 for w in self.workers if worker_up(w))


# The documented v2 worker status is "ready"; v1 answers and older ones say "running".
UP_STATES = frozenset({"ready", "running"})


def worker_up(worker: dict[str, Any]) -> bool:
    return str(worker.get("status", "")).lower() in UP_STATES


@dataclass(frozen=True)
class Product:
    id: str
    name: str
    gpu_memory_gb: int | None
    regions: tuple[str, ...]
    price_per_hour: float | None
    deployable: bool = True
    # "api", or "built-in" when the API offers no serverless product list (v1 elsewhere)
    source: str = "api"
    # the catalogue's bounds, (min, max) with None where it gives none
    gpu_bounds: tuple[int | None, int | None] = (None, None)
    rootfs_bounds: tuple[int | None, int | None] = (None, None)

    def describe(self) -> str:
        price = f" ${self.price_per_hour:.2f}/h" if self.price_per_hour is not None else ""
        return f"{self.name}{price}"


@dataclass(frozen=True)
class Choice:
    """A look-up row for a select: clusters/regions, registry auths, network storages."""

    id: str
    name: str
    detail: str = ""
    region: str = ""  # the region/cluster a storage lives in (v1 needs clusterID to match)


_NAMED = {" ": "a space", "\t": "a tab", "\n": "a line feed (newline)", "\r": "a carriage return"}


def key_problem(key: str) -> str | None:
    """What makes ``key`` unusable in an Authorization header, without quoting any of it."""
    if key.endswith("\r") or key.endswith("\r\n"):
        return "ends with a carriage return (a CRLF .env file?)"
    for position, char in enumerate(key, 1):
        if char.isascii() and char.isprintable() and char != " ":
            continue
        if not char.isascii():
            return f"contains a non-ASCII character at position {position}"
        what = _NAMED.get(char, "a control character")
        if position == 1:
            return f"starts with {what}"
        if position == len(key):
            return f"ends with {what}"
        return f"contains {what} at position {position}"
    return None


def now() -> float:
    return time.time()
