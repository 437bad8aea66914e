"""The sandbox's operations, one handler per documented route of either version."""

from __future__ import annotations

import base64
import binascii
from collections.abc import Callable, Mapping
from typing import TYPE_CHECKING, Any

from ... import spec
from ..errors import v1_loc
from . import data as world
from .checks import server_checks
from .core import V1, Problem, Reply, Request, error_reply, invalid
from .views import view_v1, view_v2

if TYPE_CHECKING:
    from .core import SandboxCore

Handler = Callable[["SandboxCore", Request, str], Reply]
V2 = "/gpus/v2"
DEFAULT_PAGE = 20
MAX_PAGE = 100
# kept from the stored endpoint on a v1 update: the v1 update page lists no place for them
_KEPT_ON_V1_UPDATE = ("type", "app_name", "entrypoint", "product_id")
# v1 update keys that are canonical lists: sent empty, they clear the list
_V1_LISTS = {"envs": "envs", "volumeMounts": "volumes", "ports": "ports"}


def _object(body: Any, what: str = "request body") -> dict[str, Any]:
    if not isinstance(body, dict):
        raise Problem(400, "INVALID_ARGUMENT", f"the {what} must be a JSON object")
    return body


def _checked(data: dict[str, Any], version: str) -> dict[str, Any]:
    """The cleaned table, or a 400 naming the first broken field in the version's spelling."""
    name = v1_loc if version == "v1" else str
    report = spec.validate(data, version)
    if report.errors:
        raise _invalid(report.errors, name)
    cleaned = spec.clean(data)
    problems = server_checks(cleaned, version)
    if problems:
        raise _invalid(problems, name)
    return cleaned


def _invalid(issues: list[spec.Issue], name: Callable[[str], str]) -> Problem:
    problem = Problem(400, "INVALID_ARGUMENT", issues[0].message)
    problem.reply = invalid(issues, name)
    return problem


def _unique_name(box: SandboxCore, name: Any, field: str, except_id: str | None = None) -> None:
    if box.name_taken(name, except_id):
        raise Problem(409, "ALREADY_EXISTS", f"an endpoint named {name!r} already exists", field)


def _failing(box: SandboxCore, body: Any) -> None:
    if isinstance(body, Mapping) and str(body.get("name")) in box.fail_names:
        raise Problem(500, "INTERNAL", "injected failure for this name")


def _immutable(stored: Mapping[str, Any], body: Mapping[str, Any], keys: dict[str, str]) -> None:
    for key, shown in keys.items():
        if key in body and body[key] != stored.get(key.replace("appName", "app_name")):
            raise Problem(400, "INVALID_ARGUMENT", "cannot be changed after creation", shown)


# --- v2 ---------------------------------------------------------------------------


def create_v2(box: SandboxCore, request: Request, _: str) -> Reply:
    _failing(box, request.body)
    data = _checked(_object(request.body), "v2")
    _unique_name(box, data.get("name"), "name")
    eid = box.new_id()
    data.setdefault("app_name", eid)
    return box.created(eid, data)


def _page_limit(raw: str | None, field: str, default: int) -> int:
    if raw in (None, "", "0"):
        return default
    if not raw.isdigit():
        raise Problem(400, "INVALID_ARGUMENT", f"must be a whole number (got {raw!r})", field)
    return min(int(raw), MAX_PAGE)


def _cursor(raw: str | None) -> int:
    if not raw:
        return 0
    try:
        text = base64.urlsafe_b64decode(raw.encode() + b"==").decode()
        if text.startswith("o:") and text[2:].isdigit():
            return int(text[2:])
    except (binascii.Error, UnicodeDecodeError, ValueError):
        pass
    raise Problem(400, "INVALID_ARGUMENT", "is not a cursor this server gave out", "cursor")


def _make_cursor(offset: int) -> str:
    return base64.urlsafe_b64encode(f"o:{offset}".encode()).decode().rstrip("=")


def list_v2(box: SandboxCore, request: Request, _: str) -> Reply:
    limit = _page_limit(request.query.get("limit"), "limit", DEFAULT_PAGE)
    start = _cursor(request.query.get("cursor"))
    keyword = request.query.get("keyword", "").lower()
    ids = [e for e, d in box.endpoints.items() if keyword in str(d.get("name", "")).lower()]
    page = ids[start : start + limit]
    now = box.clock()
    items = [view_v2(e, box.endpoints[e], box.meta[e], now, box.timing, listed=True) for e in page]
    more = start + limit < len(ids)
    return Reply(
        200,
        {
            "data": items,
            "next_cursor": _make_cursor(start + limit) if more else "",
            "has_more": more,
        },
    )


def get_v2(box: SandboxCore, request: Request, eid: str) -> Reply:
    eid, data = box.find(eid)
    return Reply(200, view_v2(eid, data, box.meta[eid], box.clock(), box.timing, listed=False))


def update_v2(box: SandboxCore, request: Request, eid: str) -> Reply:
    eid, stored = box.find(eid)
    body = _object(request.body)
    _failing(box, {"name": stored.get("name"), **body})
    _immutable(stored, body, {"type": "type", "app_name": "app_name"})
    # a field left out is left as it was; an empty list clears (clean drops it)
    data = _checked({**stored, **body}, "v2")
    _unique_name(box, data.get("name"), "name", eid)
    box.endpoints[eid] = data
    return Reply(200, {})


def delete_v2(box: SandboxCore, request: Request, eid: str) -> Reply:
    eid, _ = box.find(eid)
    del box.endpoints[eid]
    del box.meta[eid]
    return Reply(200, {})


def products_v2(box: SandboxCore, request: Request, _: str) -> Reply:
    kind = request.query.get("type") or "gpu"  # documented: blank is treated as gpu
    category = request.query.get("category")
    if kind not in ("gpu", "cpu"):
        raise Problem(400, "INVALID_ARGUMENT", f"must be gpu or cpu (got {kind!r})", "type")
    if category not in ("serverless", "instance"):
        raise Problem(400, "INVALID_ARGUMENT", "is required: serverless or instance", "category")
    found = list(world.PRODUCTS) if (kind, category) == ("gpu", "serverless") else []
    region = request.query.get("region_ids")
    if region:
        wanted = set(region.split(","))
        found = [p for p in found if wanted & set(p["region_ids"])]
    return Reply(200, {"data": found})


# --- v1 ---------------------------------------------------------------------------


def _v1_table(body: dict[str, Any]) -> dict[str, Any]:
    parsed = spec.from_v1(body)
    if parsed.ignored:
        raise Problem(400, "INVALID_ARGUMENT", "is not a field of an endpoint", parsed.ignored[0])
    return parsed.data


def create_v1(box: SandboxCore, request: Request, _: str) -> Reply:
    body = _object(request.body)
    _failing(box, body.get("endpoint"))
    inner = _object(body.get("endpoint"), "endpoint field") if "endpoint" in body else None
    if inner is None:
        raise Problem(400, "INVALID_ARGUMENT", "is required", "endpoint")
    data = _checked(_v1_table({"endpoint": inner}), "v1")
    eid = box.new_id()
    data.setdefault("name", f"endpoint-{eid[:6]}")  # the console makes up a name too
    _unique_name(box, data["name"], "name")
    data.setdefault("app_name", eid)
    return box.created(eid, data)


def list_v1(box: SandboxCore, request: Request, _: str) -> Reply:
    """Pages counted from ``box.v1_pages_from``; counting from 1, page 0 is read as page 1."""
    size = _page_limit(request.query.get("pageSize"), "pageSize", 10)
    first = box.v1_pages_from
    number = request.query.get("pageNum") or str(first)
    if not number.isdigit():
        raise Problem(400, "INVALID_ARGUMENT", f"must be a page number from {first}", "pageNum")
    ids = list(box.endpoints)
    start = max(0, int(number) - first) * size
    now = box.clock()
    items = [
        view_v1(e, box.endpoints[e], box.meta[e], now, box.timing, listed=True)
        for e in ids[start : start + size]
    ]
    return Reply(200, {"endpoints": items, "total": len(ids)})


def get_v1(box: SandboxCore, request: Request, _: str) -> Reply:
    if "id" not in request.query:  # one documented sample lists endpoints on this path
        return list_v1(box, request, "")
    eid, data = box.find(request.query["id"])
    view = view_v1(eid, data, box.meta[eid], box.clock(), box.timing, listed=False)
    return Reply(200, {"endpoint": view})


def update_v1(box: SandboxCore, request: Request, _: str) -> Reply:
    body = dict(_object(request.body))
    if not body.get("id"):
        raise Problem(400, "INVALID_ARGUMENT", "is required", "id")
    eid, stored = box.find(body.pop("id"))
    _failing(box, {"name": stored.get("name"), **body})
    _immutable(stored, body, {"appName": "appName"})
    body.pop("appName", None)
    sent = _v1_table(body)
    data = {k: v for k, v in stored.items() if k not in _KEPT_ON_V1_UPDATE}
    data.update(sent)  # a field left out is left as it was
    if isinstance(sent.get("worker_config"), dict):  # rootfsSize is not on the update page
        data["worker_config"] = {**(stored.get("worker_config") or {}), **sent["worker_config"]}
    for key, canonical in _V1_LISTS.items():
        if body.get(key) == []:  # an empty list clears
            data.pop(canonical, None)
    data.update({k: stored[k] for k in _KEPT_ON_V1_UPDATE if k in stored})
    data = _checked(data, "v1")
    _unique_name(box, data.get("name"), "name", eid)
    box.endpoints[eid] = data
    return Reply(200, {})


def delete_v1(box: SandboxCore, request: Request, _: str) -> Reply:
    body = _object(request.body)
    # the docs disagree on the key (id or name); both carry the endpoint id
    eid = body.get("id") or body.get("name")
    if not eid:
        raise Problem(400, "INVALID_ARGUMENT", "is required", "id")
    eid, _ = box.find(eid)
    del box.endpoints[eid]
    del box.meta[eid]
    return Reply(200, {})


def auths_v1(box: SandboxCore, request: Request, _: str) -> Reply:
    return Reply(200, {"data": [dict(a) for a in world.REGISTRY_AUTHS]})


def clusters_v1(box: SandboxCore, request: Request, _: str) -> Reply:
    return Reply(200, {"data": [dict(r) for r in world.REGIONS]})


def storages_v1(box: SandboxCore, request: Request, _: str) -> Reply:
    items = [dict(s) for s in world.STORAGES]
    return Reply(200, {"data": items, "total": len(items)})


def limits_v1(box: SandboxCore, request: Request, _: str) -> Reply:
    return Reply(200, dict(world.LIMITS))


# --- routing ----------------------------------------------------------------------

ROUTES: dict[str, dict[str, Handler]] = {
    f"{V2}/endpoints": {"POST": create_v2, "GET": list_v2},
    f"{V2}/endpoints/{{id}}": {"GET": get_v2, "PUT": update_v2, "DELETE": delete_v2},
    f"{V2}/products": {"GET": products_v2},
    f"{V1}/endpoint/create": {"POST": create_v1},
    f"{V1}/endpoints": {"GET": list_v1},
    f"{V1}/endpoint": {"GET": get_v1},
    f"{V1}/endpoint/update": {"POST": update_v1},
    f"{V1}/endpoint/delete": {"POST": delete_v1},
    f"{V1}/repository/auths": {"GET": auths_v1},
    f"{V1}/clusters": {"GET": clusters_v1},
    f"{V1}/networkstorages/list": {"GET": storages_v1},
    f"{V1}/networkstorages": {"GET": storages_v1},
    f"{V1}/endpoint/limit": {"GET": limits_v1},
}


def _match(path: str) -> tuple[dict[str, Handler] | None, str]:
    path = path.rstrip("/") or "/"
    if path in ROUTES:
        return ROUTES[path], ""
    head, _, tail = path.rpartition("/")
    if tail and f"{head}/{{id}}" in ROUTES:
        return ROUTES[f"{head}/{{id}}"], tail
    return None, ""


def dispatch(box: SandboxCore, request: Request) -> Reply:
    handlers, eid = _match(request.path)
    if handlers is None:
        return error_reply(404, "NOT_FOUND", f"no such API route: {request.path}")
    handler = handlers.get(request.method)
    if handler is None:
        allowed = ", ".join(handlers)
        reply = error_reply(405, "METHOD_NOT_ALLOWED", f"use {allowed} on {request.path}")
        reply.headers["Allow"] = allowed
        return reply
    return handler(box, request, eid)
