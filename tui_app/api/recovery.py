"""After a create whose answer was lost: is the endpoint found by name this create's?

The found endpoint is compared with the sent table in the canonical model, on every field
both carry (a field the answer leaves out is not compared); env values may be masked by
the server, so envs compare by key. Where the answer has a creation time, the endpoint
must not be older than the submit, less :data:`CLOCK_SKEW` seconds: the server's clock
and this machine's may disagree a little, and the API reports whole seconds. Without a
creation time (v1 documents none), the ids that carried the name before the create tell.
"""

from __future__ import annotations

import datetime
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from ..spec.render import clean
from .types import EndpointInfo

CLOCK_SKEW = 30.0
MAX_NAMED = 4  # differing fields named in a message


@dataclass(frozen=True)
class CreateCheck:
    """What looking a create up needs; kept on the result so the look can be run again."""

    name: str
    sent: Mapping[str, Any] = field(repr=False)
    version: str
    started: float  # wall clock (unix seconds) when the submit began
    earlier: frozenset[str] | None = None  # ids that carried the name before the create
    lost: str = ""  # why the answer was lost


def differences(found: Mapping[str, Any], sent: Mapping[str, Any]) -> list[str]:
    """The fields (dotted paths) on which ``found`` and ``sent`` disagree."""
    return _diff(clean(found), clean(sent), "")


def _diff(found: Any, sent: Any, path: str) -> list[str]:
    if path == "envs":
        return [] if _env_keys(found) == _env_keys(sent) else ["env keys"]
    if isinstance(found, Mapping) and isinstance(sent, Mapping):
        out: list[str] = []
        for key in found:
            if key in sent:
                out += _diff(found[key], sent[key], f"{path}.{key}" if path else str(key))
        return out
    if isinstance(found, list) and isinstance(sent, list) and len(found) == len(sent):
        pairs = enumerate(zip(found, sent, strict=True))
        return [d for i, (f, s) in pairs for d in _diff(f, s, f"{path}.{i}")]
    return [] if found == sent else [path]


def _env_keys(envs: Any) -> list[str]:
    items = envs if isinstance(envs, list) else []
    return sorted(str(e.get("key")) for e in items if isinstance(e, Mapping))


def not_ours(check: CreateCheck, info: EndpointInfo) -> str | None:
    """Why ``info`` is not the endpoint this create made, or None when it is."""
    differ = differences(info.data, check.sent)
    if differ:
        more = f" and {len(differ) - MAX_NAMED} more" if len(differ) > MAX_NAMED else ""
        return f"it differs in {', '.join(differ[:MAX_NAMED])}{more}"
    if info.created_at is not None:
        if info.created_at < check.started - CLOCK_SKEW:
            return f"it was created at {_utc(info.created_at)}, before this submit began"
        return None
    if check.earlier is not None:
        return "it existed before this submit began" if info.id in check.earlier else None
    return "the server gives no creation time, so it may be an older one"


def _utc(seconds: float) -> str:
    moment = datetime.datetime.fromtimestamp(seconds, datetime.UTC)
    return moment.strftime("%Y-%m-%d %H:%M:%S UTC")
