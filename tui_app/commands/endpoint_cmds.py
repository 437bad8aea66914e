"""``ppio-endpoint endpoints``: list, get, follow the status of, and delete deployed endpoints."""

from __future__ import annotations

import argparse
import sys
from typing import Any

from ..api import ApiError
from ..api.deploy import prices
from ..api.follow import changes, final, follow, snapshot
from ..api.redact import Redactor
from ..spec.cost import estimate
from .api_cmds import EXIT_CODES, _confirm, _connection, _talk, _target
from .common import (
    EXIT_INVALID,
    EXIT_OK,
    EXIT_SERVER,
    identifier,
    out,
    out_json,
    out_table,
    say,
    seconds,
    verb_parser,
    whole_number,
)


def _workers(info: Any) -> str:
    return f"{info.workers_up}/{len(info.workers)}"


def run_list(args: argparse.Namespace) -> int:
    target = _target(args)
    # a name filter needs every endpoint: the limit applies after it
    found = _talk(args, target, lambda c: c.list_endpoints(limit=None if args.name else args.limit))
    if args.name is not None:
        found = [i for i in found if args.name in i.name][: args.limit]
    if args.json:
        out_json([as_json(i) for i in found])
        return EXIT_OK
    rows = [(i.id, i.name, i.status, _workers(i), i.url or "") for i in found]
    out_table(("ID", "NAME", "STATUS", "WORKERS", "URL"), rows)
    say(f"{len(found)} endpoint(s) on {target.describe()}")
    return EXIT_OK


def as_json(info: Any) -> dict[str, Any]:
    return {
        "id": info.id,
        "name": info.name,
        "status": info.status,
        "error": info.error,
        "message": info.message,
        "url": info.url,
        "created_at": info.created_at,
        "version": info.version,
        "workers": list(info.workers),
        "endpoint": Redactor().body(info.data),  # env values that look secret are masked
    }


def run_get(args: argparse.Namespace) -> int:
    target = _target(args)
    info = _talk(args, target, lambda c: c.get(args.endpoint_id))
    out_json(as_json(info))
    return EXIT_OK


def run_status(args: argparse.Namespace) -> int:
    """One look, or (``--watch``) every change until running with its workers up, or failed."""
    target = _target(args)
    if not args.watch:
        info, price_list = _talk(args, target, lambda c: _with_prices(c, args.endpoint_id))
        for line in changes(None, snapshot(info)):
            out(line)
        price = price_list.get(str(info.data.get("product_id"))) if price_list else None
        cost = estimate(info.data, price, info.workers_up)
        if cost is None:
            say("cost omitted: no list price for its product")
        else:
            out(f"cost: {cost.describe()}")
        return EXIT_OK

    async def watch(client: Any) -> str | None:
        last = None
        async for info, lines in follow(lambda: client.get(args.endpoint_id), args.interval):
            for line in lines:
                out(line)
            sys.stdout.flush()
            last = final(snapshot(info))
        return last

    ended = _talk(args, target, watch)
    if ended == "failed":
        say(f"endpoint {args.endpoint_id} failed")
        return EXIT_SERVER
    say(f"endpoint {args.endpoint_id} is running with its workers up")
    return EXIT_OK


async def _with_prices(client: Any, endpoint_id: str) -> tuple[Any, dict[str, float]]:
    info = await client.get(endpoint_id)
    try:
        return info, await prices(client)
    except ApiError:
        return info, {}


def run_delete(args: argparse.Namespace) -> int:
    target = _target(args)

    async def look(client: Any) -> Any:
        try:
            return await client.get(args.endpoint_id)
        except ApiError as exc:
            if exc.kind == "not_found":
                return None
            raise

    info = _talk(args, target, look)
    if info is None:
        say(f"no endpoint {args.endpoint_id} on {target.describe()}: nothing to delete")
        return EXIT_OK
    question = f"Delete endpoint {info.name!r} ({info.id}, {info.status}) on {target.describe()}?"
    if not _confirm(question, args.yes, required=True):
        say("not deleted")
        return EXIT_INVALID
    _talk(args, target, lambda c: c.delete(args.endpoint_id))
    say(f"deleted endpoint {info.name!r} ({args.endpoint_id})")
    return EXIT_OK


def _parser(sub: Any, name: str, help_text: str, run: Any = None) -> argparse.ArgumentParser:
    return verb_parser(sub, name, help_text, EXIT_CODES, run)


def add_parsers(sub: Any) -> None:
    p = _parser(sub, "endpoints", "List, show, follow and delete deployed endpoints.")
    actions = p.add_subparsers(dest="action", required=True, metavar="{list,get,status,delete}")
    listing = _parser(actions, "list", "List endpoints.", run_list)
    _connection(listing)
    listing.add_argument("--json", action="store_true", help="JSON on stdout")
    listing.add_argument("--limit", type=whole_number(1), help="at most this many")
    listing.add_argument(
        "--name", help="only endpoints whose name contains NAME (a case-sensitive substring)"
    )
    show = _parser(actions, "get", "Print one endpoint as JSON.", run_get)
    _connection(show)
    show.add_argument("endpoint_id", metavar="ID", type=identifier)
    status = _parser(
        actions,
        "status",
        "Show an endpoint's status and workers; --watch follows them until it runs with its "
        "workers up (exit 0) or fails (exit 3), printing only changes.",
        run_status,
    )
    _connection(status)
    status.add_argument("--watch", action="store_true", help="follow until a final state")
    status.add_argument(
        "--interval", type=seconds, default=5.0, help="seconds between looks (default 5)"
    )
    status.add_argument("endpoint_id", metavar="ID", type=identifier)
    remove = _parser(actions, "delete", "Delete an endpoint (asks first).", run_delete)
    _connection(remove)
    remove.add_argument("--yes", "-y", action="store_true", help="do not ask for confirmation")
    remove.add_argument("endpoint_id", metavar="ID", type=identifier)
