"""``ppio-endpoint apply`` and ``diff``: presets kept in files against deployed endpoints.

A preset is matched to the deployed endpoint of its name. ``apply`` plans (create, update,
unchanged, cannot), asks, and applies each preset on its own, several at a time; ``diff``
shows one preset's field changes. Exit codes: 0 nothing differs or all applied, 1 invalid
(or a change the API cannot make), 3 server or network failure, 4 (diff, ``apply
--check``) something would change; several presets exit with the worst.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from .. import spec
from ..api import ApiError
from ..api.deploy import Outcome, Planned, apply, plan, prices
from ..spec.cost import Cost, moves
from ..spec.diff import diff, kept
from .api_cmds import EXIT_CODES, _confirm, _connection, _load_endpoint, _report, _talk, _target
from .common import (
    EXIT_DIFFERS,
    EXIT_INVALID,
    EXIT_OK,
    EXIT_SERVER,
    CommandError,
    identifier,
    out,
    out_json_line,
    out_table,
    say,
    verb_parser,
    whole_number,
)

RANK = {EXIT_OK: 0, EXIT_DIFFERS: 1, EXIT_INVALID: 2, EXIT_SERVER: 3}
OK_RESULTS = ("created", "recovered", "updated", "unchanged")


def worst(codes: Iterable[int]) -> int:
    """The exit code of several presets: server failure, then invalid, then drift."""
    return max(codes, key=lambda c: RANK.get(c, 2), default=EXIT_OK)


@dataclass
class Row:
    """One preset in the summary table and in the JSON lines."""

    preset: str
    name: str
    action: str  # create, update, unchanged, cannot, invalid, failed
    result: str  # the plan's action under --check; what happened otherwise
    code: int
    endpoint_id: str = ""
    detail: str = ""
    changes: list[str] = field(default_factory=list)
    cost: str | None = None

    def to_json(self) -> dict[str, Any]:
        return {
            "preset": self.preset,
            "name": self.name,
            "action": self.action,
            "result": self.result,
            "endpoint_id": self.endpoint_id or None,
            "changes": self.changes,
            "cost": self.cost,
            "detail": self.detail,
            "exit": self.code,
        }


# --- reading presets -----------------------------------------------------------------------


def _read(
    files: list[str], version: str
) -> tuple[list[tuple[str, dict[str, Any]]], list[Row], dict[str, str]]:
    """Valid presets with references resolved, a row for each invalid one, the references."""
    presets: list[tuple[str, dict[str, Any]]] = []
    rows: list[Row] = []
    references: dict[str, str] = {}
    for arg in files:
        try:
            data = _load_endpoint(arg)
        except CommandError as exc:
            say(f"ppio-endpoint: {exc}")
            rows.append(Row(arg, "", "invalid", "invalid", EXIT_INVALID, detail=str(exc)))
            continue
        report = spec.validate(data, version)
        resolved, missing = spec.resolve(data, os.environ)
        _report(arg, [*report.errors, *report.warnings, *missing])
        name = str(data.get("name") or "")
        if not report.ok or missing:
            detail = "invalid preset: nothing was sent"
            rows.append(Row(arg, name, "invalid", "invalid", EXIT_INVALID, detail=detail))
            continue
        presets.append((arg, resolved))
        references.update(spec.resolved_references(data, os.environ))
    counts = Counter(str(d.get("name")) for _, d in presets)
    for label, data in [p for p in presets if counts[str(p[1].get("name"))] > 1]:
        detail = "another preset given has the same name"
        rows.append(
            Row(label, str(data.get("name")), "invalid", "invalid", EXIT_INVALID, detail=detail)
        )
    presets = [p for p in presets if counts[str(p[1].get("name"))] == 1]
    return presets, rows, references


# --- the plan ------------------------------------------------------------------------------


def _span(cost: Cost) -> str:
    now = f" (now ${cost.now:.2f}/h)" if cost.now is not None else ""
    return f"${cost.low:.2f}–${cost.high:.2f}/h{now}"


def cost_text(entry: Planned) -> str | None:
    """The cost line of a create, or of an update that moves the estimate."""
    step = entry.step
    if step is None or entry.cost is None:
        return None
    if step.action == "create":
        return entry.cost.describe()
    if step.action == "update" and moves(entry.cost_before, entry.cost):
        before = entry.cost_before
        assert before is not None
        return f"{_span(before)} → {_span(entry.cost)} (estimate from list prices)"
    return None


def plan_row(entry: Planned) -> Row:
    step = entry.step
    if step is None:
        why = entry.error.message if entry.error else "the look-up failed"
        return Row(entry.label, entry.name, "failed", "failed", EXIT_SERVER, detail=why)
    code = {"create": EXIT_DIFFERS, "update": EXIT_DIFFERS, "cannot": EXIT_INVALID}
    return Row(
        entry.label,
        entry.name,
        step.action,
        step.action,
        code.get(step.action, EXIT_OK),
        step.endpoint_id,
        step.detail,
        [c.describe() for c in step.changes],
        cost_text(entry),
    )


def outcome_row(done: Outcome) -> Row:
    row = plan_row(done.planned)
    row.result = done.result
    row.endpoint_id = done.endpoint_id or row.endpoint_id
    row.detail = done.detail or row.detail
    if done.result in OK_RESULTS:
        row.code = EXIT_OK
    elif done.error is not None:
        row.code = EXIT_INVALID if done.error.kind == "bad_request" else EXIT_SERVER
    elif done.result != "cannot":
        row.code = EXIT_SERVER  # a failed look-up, or a create that was not confirmed
    return row


def _show_plan(rows: list[Row], show: Any) -> None:
    symbols = {"create": "+", "update": "~", "unchanged": "=", "cannot": "!"}
    for row in rows:
        where = f" ({row.endpoint_id})" if row.endpoint_id else ""
        detail = f": {row.detail}" if row.detail else ""
        show(f"{symbols.get(row.action, 'x')} {row.action} {row.name or row.preset}{where}{detail}")
        for line in row.changes:
            show(f"    {line}")
        if row.cost:
            show(f"    cost: {row.cost}")


def _summary(rows: list[Row]) -> None:
    heads = ("PRESET", "NAME", "RESULT", "ID", "DETAIL")
    out_table(heads, [(r.preset, r.name, r.result, r.endpoint_id, r.detail) for r in rows])


def _finish(rows: list[Row], as_json: bool) -> int:
    if as_json:
        for row in rows:
            out_json_line(row.to_json())
    else:
        _summary(rows)
    return worst(r.code for r in rows)


# --- apply ---------------------------------------------------------------------------------


def _on_terminal() -> bool:
    return sys.stdin.isatty() and sys.stderr.isatty()


def run_apply(args: argparse.Namespace) -> int:
    target = _target(args)
    say(f"target: {target.describe()}")
    presets, invalid, references = _read(args.files, target.api_version)

    async def look(client: Any) -> tuple[list[Planned], str]:
        try:
            price_list, note = await prices(client), ""
        except ApiError as exc:
            price_list, note = {}, f"the product look-up failed ({exc.message})"
        planned = await plan(client, presets, concurrency=args.concurrency, price_list=price_list)
        if not price_list and not note:
            note = "the product list carries no prices"
        return planned, note

    planned, note = _talk(args, target, look, references) if presets else ([], "")
    rows = [plan_row(p) for p in planned]
    show = say if args.json else out
    _show_plan(invalid + rows, show)
    if note and any(r.action in ("create", "update") for r in rows):
        say(f"cost omitted: {note}")
    pending = [p for p in planned if p.step is not None and p.step.sends]
    if args.check or not pending:  # under --check a create or an update exits 4
        return _finish(invalid + rows, args.json)
    if not args.yes and not _on_terminal():
        say("not a terminal, so nothing can be confirmed: add --yes; nothing was sent")
        return EXIT_INVALID
    creates = sum(1 for p in pending if p.step and p.step.action == "create")
    question = (
        f"Apply {len(pending)} change(s) ({creates} create, {len(pending) - creates} update) "
        f"on {target.describe()}?"
    )
    if not _confirm(question, args.yes, required=True):
        say("not applied")
        return EXIT_INVALID
    done = _talk(
        args, target, lambda c: apply(c, planned, concurrency=args.concurrency), references
    )
    return _finish(invalid + [outcome_row(d) for d in done], args.json)


# --- diff ----------------------------------------------------------------------------------


def run_diff(args: argparse.Namespace) -> int:
    target = _target(args)
    version = target.api_version
    data = _load_endpoint(args.file)
    report = spec.validate(data, version)
    _report(args.file, report.errors)
    if not report.ok:
        return EXIT_INVALID
    # unset references stay ${NAME}: those envs compare by key only
    resolved, _ = spec.resolve(data, os.environ)
    name = str(data.get("name") or "")

    async def find(client: Any) -> Any:
        if args.endpoint_id:
            return await client.get(args.endpoint_id)
        named = [i for i in await client.list_endpoints() if i.name == name]
        if len(named) > 1:
            ids = ", ".join(i.id for i in named)
            raise CommandError(f"{len(named)} endpoints are named {name!r} ({ids}): give one id")
        return await client.get(named[0].id) if named else None

    info = _talk(args, target, find, spec.resolved_references(data, os.environ))
    if info is None:
        out(f"+ create {name}")
        say(f"no endpoint named {name!r} on {target.describe()}: apply would create it")
        return EXIT_DIFFERS
    found = diff(resolved, info.data, version)
    for change in found:
        out(change.describe())
    for note in kept(resolved, info.data, version):
        say(f"= {note.describe()}")
    say(
        f"{len(found)} difference(s) from endpoint {info.name!r} ({info.id})"
        if found
        else f"no differences from endpoint {info.name!r} ({info.id})"
    )
    return EXIT_DIFFERS if found else EXIT_OK


# --- parsers -------------------------------------------------------------------------------


def add_parsers(sub: Any) -> None:
    p = verb_parser(
        sub,
        "apply",
        "Create or update the endpoint of each preset (matched by name), after showing the plan.",
        EXIT_CODES,
        run_apply,
    )
    _connection(p)
    p.add_argument(
        "--check",
        action="store_true",
        help="print the plan and send nothing: exit 0 when nothing would change, 4 when "
        "something would",
    )
    p.add_argument("--yes", "-y", action="store_true", help="do not ask for confirmation")
    p.add_argument("--json", action="store_true", help="one JSON object per preset (JSON lines)")
    p.add_argument(
        "--concurrency",
        type=whole_number(1),
        default=4,
        help="presets looked up and applied at the same time (default 4)",
    )
    p.add_argument("files", metavar="FILE", nargs="+", help="preset files or names")

    p = verb_parser(
        sub,
        "diff",
        "Show how a preset differs from the deployed endpoint of its name (or ENDPOINT_ID).",
        EXIT_CODES,
        run_diff,
    )
    _connection(p)
    p.add_argument("file", metavar="FILE", help="preset file or name")
    p.add_argument("endpoint_id", metavar="ENDPOINT_ID", nargs="?", type=identifier)
