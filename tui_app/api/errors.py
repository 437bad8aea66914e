"""Turning failed exchanges into one :class:`ApiError` with a plain message.

Error bodies are read defensively: no official shape is published, so top-level
``code/reason/message/metadata``, a nested ``error{code, message}`` and plain text are
all understood. A field named by the server (in either version's spelling) is reported
under its canonical location, so the form can show the message under that field.
"""

from __future__ import annotations

import re
import socket
import ssl
from collections.abc import Mapping
from typing import Any
from urllib.parse import urlsplit

import httpx

from ..spec.fields import pattern_path
from ..spec.schema import FIELDS, GROUPS
from ..spec.untrusted import clip
from .types import ApiError

_INDEX = re.compile(r"\.(\d+)(?=\.|$)")
_LEADING_FIELD = re.compile(r"^([A-Za-z_][\w]*(?:\.[\w*]+)*):\s+(.+)$", re.S)


def _v1_to_canonical() -> dict[str, str]:
    """v1 pattern path -> canonical pattern path, for fields and tables alike."""
    out = {spec.v1_name: spec.path for spec in FIELDS.values() if spec.v1_name}
    for group in GROUPS.values():
        if group.v1_name:
            out[group.v1_name + (".*" if group.is_list else "")] = group.path
    out["ports.*"] = "ports.*"
    out["ports"] = "ports"
    out["products"] = "product_id"
    out["clusterID"] = "region_id"
    return out


_V1_INDEX = _v1_to_canonical()
_CANONICAL_TO_V1 = {v: k for k, v in _V1_INDEX.items() if k not in ("products",)}
_CANONICAL_TO_V1.update({"ports.*": "ports.*.port", "product_id": "products.*.id"})


def _with_indices(pattern: str, indices: list[str]) -> str:
    parts = []
    for part in pattern.split("."):
        parts.append(indices.pop(0) if part == "*" and indices else part)
    return ".".join(parts)


def canonical_loc(name: str, version: str) -> str:
    """``volumeMounts.1.mountPath`` (v1) -> ``volumes.1.mount_point``; canonical names pass."""
    if version != "v1":
        return name
    indices = _INDEX.findall(name)
    pattern = pattern_path(name)
    target = _V1_INDEX.get(pattern)
    if target is None and pattern.endswith(".*"):
        target = _V1_INDEX.get(pattern.removesuffix(".*"))
    return _with_indices(target, indices) if target else name


def v1_loc(loc: str) -> str:
    """The v1 spelling of a canonical location (what a v1 server names in its errors)."""
    indices = _INDEX.findall(loc)
    pattern = pattern_path(loc)
    target = _CANONICAL_TO_V1.get(pattern)
    if target is None:
        return loc
    if pattern == "product_id":
        indices = ["0"]
    return _with_indices(target, indices)


def parse_error_body(body: Any) -> tuple[str | None, str | None, str | None, str | None]:
    """(code, reason, message, field) from any error body the servers are known to send."""
    if isinstance(body, Mapping):
        nested = body.get("error")
        if isinstance(nested, Mapping):
            return _parts(nested, body)
        if isinstance(nested, str) and "message" not in body:
            return _parts({"message": nested}, body)
        return _parts(body, {})
    if isinstance(body, str) and body.strip():
        return None, None, body.strip()[:500], None
    return None, None, None, None


def _parts(obj: Mapping[str, Any], outer: Mapping[str, Any]) -> tuple[Any, ...]:
    code = obj.get("code", outer.get("code"))
    reason = obj.get("reason", outer.get("reason"))
    message = obj.get("message") or obj.get("msg") or outer.get("message")
    meta = obj.get("metadata") or obj.get("details") or outer.get("metadata") or {}
    field = obj.get("field") or (meta.get("field") if isinstance(meta, Mapping) else None)
    return (
        None if code is None else str(code),
        reason if isinstance(reason, str) else None,
        message if isinstance(message, str) else None,
        field if isinstance(field, str) else None,
    )


def _field_from_message(message: str | None) -> tuple[str | None, str | None]:
    """``"worker_config.max_replicas: must be ..."`` names its field up front."""
    if not message:
        return None, message
    match = _LEADING_FIELD.match(message)
    if match and (
        pattern_path(match.group(1)) in FIELDS or pattern_path(match.group(1)) in _V1_INDEX
    ):
        return match.group(1), match.group(2)
    return None, message


def _host(url: str) -> str:
    parts = urlsplit(url)
    return parts.netloc or url


def error_for_status(
    status: int,
    body: Any,
    *,
    version: str,
    key_sent: bool,
    what: str = "",
    retry_after: float | None = None,
) -> ApiError:
    """The error for a non-2xx answer: plain text for the status, the server's own words after."""
    code, reason, message, field = parse_error_body(body)
    if field is None:
        field, message = _field_from_message(message)
    elif message and message.startswith(f"{field}: "):
        message = message[len(field) + 2 :]
    loc = canonical_loc(clip(field), version) if field else None
    said = f": {clip(message)}" if message else ""  # the server's words, however long
    if status == 400 or status == 422:
        error = ApiError("bad_request", f"the server rejected the request{said}", field=loc)
    elif status in (401, 403):
        error = ApiError("auth", _auth_message(status, key_sent, reason, said))
    elif status == 404:
        error = ApiError("not_found", f"{what or 'the resource'} was not found{said}")
    elif status == 409:
        error = ApiError("conflict", f"conflict{said}", field=loc)
    elif status == 429:
        wait = f"; it asked to wait {retry_after:g}s" if retry_after is not None else ""
        error = ApiError("rate_limited", f"too many requests: the server is rate limiting{wait}")
    elif status >= 500:
        error = ApiError("server", f"the server failed (HTTP {status}){said}; try again later")
    else:
        error = ApiError("invalid_response", f"unexpected answer HTTP {status}{said}")
    error.status = status
    error.code = code
    error.reason = reason
    error.retry_after = retry_after
    return error


def _auth_message(status: int, key_sent: bool, reason: str | None, said: str) -> str:
    if not key_sent:
        return (
            "no API key was sent and the server requires one: set PPIO_API_KEY "
            "(or the variable named by the profile's api_key_env)"
        )
    if status == 401 or reason in ("INVALID_API_KEY", "UNAUTHENTICATED"):
        return f"the API key was rejected{said}; check PPIO_API_KEY or the profile's api_key_env"
    return f"the API key is not allowed to do this{said}"


def _causes(exc: BaseException) -> list[BaseException]:
    out: list[BaseException] = []
    seen: BaseException | None = exc
    while seen is not None and seen not in out and len(out) < 8:
        out.append(seen)
        seen = seen.__cause__ or seen.__context__
    return out


def error_for_exception(exc: httpx.HTTPError, url: str, timeout: float) -> ApiError:
    """Plain words for timeouts, DNS, refused connections, TLS and dropped connections."""
    host = _host(url)
    chain = _causes(exc)
    text = " ".join(str(e) for e in chain).lower()
    if isinstance(exc, httpx.ConnectTimeout | httpx.PoolTimeout):
        return ApiError("timeout", f"could not connect to {host} within {timeout:g}s")
    if isinstance(exc, httpx.TimeoutException):
        return ApiError("timeout", f"no answer from {host} within {timeout:g}s")
    if any(isinstance(e, ssl.SSLError) for e in chain) or "certificate" in text or "ssl" in text:
        return ApiError("tls", f"secure connection to {host} failed: {_tls_reason(text)}")
    if any(isinstance(e, socket.gaierror) for e in chain) or _dns_text(text):
        return ApiError(
            "network", f"cannot resolve the host {host}: check the base URL and your network"
        )
    if any(isinstance(e, ConnectionRefusedError) for e in chain) or "refused" in text:
        return ApiError(
            "network", f"cannot connect to {host}: connection refused (is the server running?)"
        )
    if isinstance(exc, httpx.RemoteProtocolError | httpx.ReadError):
        return ApiError("network", f"{host} closed the connection without answering")
    if isinstance(exc, httpx.ConnectError):
        return ApiError("network", f"cannot connect to {host}: {_first_line(exc)}")
    if isinstance(exc, httpx.UnsupportedProtocol | httpx.InvalidURL):
        return ApiError("network", f"the URL {url} cannot be used: {_first_line(exc)}")
    return ApiError("network", f"request to {host} failed: {_first_line(exc)}")


def _dns_text(text: str) -> bool:
    markers = ("name or service not known", "nodename nor servname", "getaddrinfo", "no address")
    return any(m in text for m in markers) or "temporary failure in name resolution" in text


def _tls_reason(text: str) -> str:
    if "certificate verify failed" in text or "certificate_verify_failed" in text:
        return "the server's certificate could not be verified"
    if "wrong version number" in text:
        return "the server does not speak TLS on this port (try http://)"
    return "TLS handshake error"


def _first_line(exc: BaseException) -> str:
    text = str(exc).strip().splitlines()
    return clip(text[0]) if text else type(exc).__name__
