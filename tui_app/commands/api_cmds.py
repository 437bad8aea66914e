"""Headless verbs that talk to the API: submit, pull, sandbox, and what the others share.

stdout carries only data (the new endpoint id, tables, JSON, paths); messages go to stderr.
Exit codes: 0 ok, 1 invalid (locally, or a 400 from the server) or not confirmed,
2 usage error or unreadable input, 3 server or network failure, or a create whose outcome
could not be confirmed (conflict or unknown), 4 differences found (diff, apply --check).
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import signal
import sys
from collections.abc import Awaitable, Callable, Iterable, Mapping
from pathlib import Path
from typing import Any, TypeVar

from .. import spec
from ..api import ApiError, RetryPolicy, Target, resolve_target, version_base
from ..api.redact import MASK, Redactor, bearer
from ..home import data_home, history_file
from ..spec.routes import url_for
from ..spec.untrusted import UnsafeData, clip, parse_json
from ..text_safety import json_safe, visible
from .common import (
    EXIT_INVALID,
    EXIT_OK,
    EXIT_SERVER,
    EXIT_USAGE,
    CommandError,
    identifier,
    out,
    say,
    seconds,
    verb_parser,
    whole_number,
)

EXIT_CODES = (
    "exit codes: 0 ok, 1 invalid or not confirmed, 2 usage error or unreadable input, "
    "3 server or network failure, or a create whose outcome is not confirmed, "
    "4 differences found (diff, apply --check)"
)
T = TypeVar("T")


# --- connection --------------------------------------------------------------------------


def _target(args: argparse.Namespace) -> Target:
    try:
        return resolve_target(
            data_home(),
            profile=args.profile,
            base_url=args.base_url,
            api_version=args.api_version,
            allow_http=args.allow_http,
        )
    except ValueError as exc:
        raise CommandError(str(exc), EXIT_USAGE) from None


def api_error_text(exc: ApiError) -> str:
    where = f"{exc.field}: " if exc.field else ""
    # some messages name the status already ("the server failed (HTTP 503)")
    said = exc.status and f"HTTP {exc.status}" in exc.message
    status = f" (HTTP {exc.status})" if exc.status and not said else ""
    tries = f" after {exc.attempts} attempts" if exc.attempts > 1 else ""
    return f"{where}{exc.message}{status}{tries}"


def _talk(
    args: argparse.Namespace,
    target: Target,
    work: Callable[[Any], Awaitable[T]],
    references: Mapping[str, str] | None = None,
) -> T:
    """Run ``work(client)`` on a fresh client; ApiError becomes a message and exit code.

    ``references`` are the ``${NAME}`` values resolved for this call: masked like the key."""
    from ..api.client import PpioClient

    client = PpioClient(
        target,
        history_path=history_file(data_home()),
        timeout=args.timeout,
        retry=RetryPolicy(attempts=max(0, args.retries) + 1),
    )
    client.add_references(references or {})

    async def main() -> T:
        if args.verbose:
            client.subscribe(_show_exchange)
        try:
            async with client:
                return await work(client)
        finally:  # after closing: the history writer has finished by then
            if client.history_problem:
                say(f"ppio-endpoint: {client.history_problem}")

    try:
        return asyncio.run(main())
    except ApiError as exc:
        code = EXIT_INVALID if exc.kind == "bad_request" else EXIT_SERVER
        raise CommandError(client.redact(api_error_text(exc)), code) from None


def _show_exchange(exchange: Any) -> None:
    outcome = exchange.status if exchange.status is not None else exchange.error
    say(
        f"  {exchange.method} {exchange.url} -> {outcome} "
        f"({exchange.latency_ms:.0f} ms, attempt {exchange.attempt})"
    )


def _announce(target: Target) -> None:
    say(f"target: {target.describe()}")
    if target.sandbox:
        say(
            "  (the in-process sandbox keeps nothing after this command; "
            "set PPIO_API_KEY to use PPIO, or see: ppio-endpoint sandbox)"
        )


def _confirm(question: str, assume_yes: bool, *, required: bool) -> bool:
    """Ask on a terminal; without one, go ahead unless the action ``required`` a yes."""
    if assume_yes:
        return True
    if not (sys.stdin.isatty() and sys.stderr.isatty()):
        if required:
            raise CommandError("not a terminal, so nothing can be confirmed: add --yes", EXIT_USAGE)
        return True
    sys.stderr.write(f"{visible(question, multiline=False)} [y/N] ")
    sys.stderr.flush()
    try:
        answer = sys.stdin.readline()
    except KeyboardInterrupt:
        answer = ""
    return answer.strip().lower() in ("y", "yes")


# --- submit ------------------------------------------------------------------------------


def _load_endpoint(arg: str) -> dict[str, Any]:
    """The endpoint table in a preset (file or name) or in a v1/v2 JSON body."""
    from ..presets import PresetError, PresetStore, PresetUnreadable, load_preset_file

    path = Path(arg).expanduser()
    if path.suffix == ".json":
        return _json_endpoint(arg, path)
    try:
        if path.is_file() and path.suffix != ".toml":
            return load_preset_file(path).endpoint
        return PresetStore(data_home()).load(arg).endpoint
    except PresetUnreadable as exc:
        raise CommandError(f"{arg}: {exc.message}", EXIT_USAGE) from None
    except PresetError as exc:
        raise CommandError(f"{exc}", EXIT_INVALID) from None
    except ValueError as exc:  # a name that cannot be a preset name
        raise CommandError(f"{arg}: {exc}", EXIT_USAGE) from None


def _json_endpoint(arg: str, path: Path) -> dict[str, Any]:
    try:
        body = parse_json(path.read_text(encoding="utf-8"))
    except OSError as exc:
        raise CommandError(f"{arg}: cannot read: {exc.strerror or exc}", EXIT_USAGE) from None
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise CommandError(f"{arg}: not a JSON file: {exc}", EXIT_USAGE) from None
    except UnsafeData as exc:
        raise CommandError(f"{arg}: {exc}", EXIT_USAGE) from None
    try:
        return spec.parse_body(body).data
    except spec.BodyError as exc:
        raise CommandError(f"{arg}: {exc}", EXIT_INVALID) from None


def _report(prefix: str, issues: Iterable[spec.Issue]) -> None:
    for issue in issues:
        label = "" if issue.severity == "error" else "warning: "
        where = f"{issue.loc}: " if issue.loc else ""
        say(clip(f"{prefix}: {where}{label}{issue.message}"))


def _dry_run(target: Target, version: str, body: Any, secrets: list[str]) -> None:
    url = url_for(version_base(target.base_url, version), version, "create")
    redactor = Redactor([*secrets, *([target.api_key] if target.api_key else [])])
    out(f"POST {url}")
    print(f"Authorization: {bearer(target.api_key or ('sandbox' if target.sandbox else None))}")
    print("Content-Type: application/json")
    print()
    print(json_safe(json.dumps(redactor.body(body), indent=2, ensure_ascii=False)))


def _summary(data: dict[str, Any]) -> str:
    workers = data.get("worker_config") or {}
    low, high = workers.get("min_replicas", 0), workers.get("max_replicas", "?")
    return f"{data.get('name')!r} (product {data.get('product_id')}, {low}-{high} workers)"


def run_submit(args: argparse.Namespace) -> int:
    target = _target(args)
    version = target.api_version
    data = _load_endpoint(args.file)
    report = spec.validate(data, version)
    _report(args.file, report.errors + report.warnings)
    if not report.ok:
        return EXIT_INVALID
    resolved, missing = spec.resolve(data, os.environ)
    if missing:
        _report(args.file, missing)
        return EXIT_INVALID
    secrets = spec.secret_values(data, os.environ)
    if args.dry_run:
        _dry_run(target, version, spec.render(resolved, version), secrets)
        return EXIT_OK
    _announce(target)
    if not _confirm(f"Create endpoint {_summary(data)}?", args.yes, required=False):
        say("not submitted")
        return EXIT_INVALID
    references = spec.resolved_references(data, os.environ)
    result = _talk(args, target, lambda c: c.create(resolved, version), references)
    if not result.ok:  # conflict or unknown: the id on stdout would read as the new one
        say(f"ppio-endpoint: {result.describe()}")
        return EXIT_SERVER
    out(visible(str(result.id), multiline=False))
    say(result.describe())
    return EXIT_OK


# --- pull --------------------------------------------------------------------------------


def _unsecret(data: dict[str, Any]) -> list[str]:
    """Env values that a variable of this environment holds, or that look like credentials
    (or came masked), become ${NAME} references; the messages saying so are returned."""
    notes = []
    for env in data.get("envs") or []:
        key, value = env.get("key"), env.get("value")
        name = spec.reference_for(key, value, os.environ)
        if name is not None:
            notes.append(f"an env value is what ${name} holds here; saved as ${{{name}}} instead")
        elif value == MASK or spec.looks_secret(key, value):
            name = spec.variable_for(key)
            notes.append(f"an env value looked like a secret; saved as ${{{name}}} instead")
        else:
            continue
        env["value"] = f"${{{name}}}"
    return notes


def run_pull(args: argparse.Namespace) -> int:
    from ..presets import Preset, PresetError, PresetStore, safe_name

    target = _target(args)
    # an env value a variable here holds comes back as its reference, never in clear
    references = spec.credentials_in(os.environ)
    info = _talk(args, target, lambda c: c.get(args.endpoint_id), references)
    try:
        name = safe_name(args.name or info.name or args.endpoint_id)
    except ValueError as exc:
        raise CommandError(f"{exc}; choose one with --name", EXIT_USAGE) from None
    data = dict(info.data)
    # said once the preset is written: a refused save must not read as a saved one
    notes = _unsecret(data)
    description = f"Pulled from endpoint {info.id} ({target.profile}, {info.version})"
    store = PresetStore(data_home())
    try:
        path = store.save(Preset(name, data, description), name, overwrite=args.force)
    except FileExistsError:
        raise CommandError(
            f"a preset named {name!r} already exists; use --force to replace it or --name",
            EXIT_USAGE,
        ) from None
    except PresetError as exc:
        raise CommandError(f"cannot save preset {name!r}: {exc.message}", EXIT_USAGE) from None
    for note in notes:
        say(f"{name}: {note}")
    _report(name, spec.validate(data, target.api_version).issues)
    say(f"saved endpoint {info.id} ({info.status}) as preset {name!r}")
    out(path)
    return EXIT_OK


# --- sandbox -----------------------------------------------------------------------------


def run_sandbox(args: argparse.Namespace) -> int:
    from ..api.sandbox import FaultSpec, Sandbox, serve_sandbox

    try:
        faults = FaultSpec.parse(args.faults or "")
    except ValueError as exc:
        raise CommandError(f"--faults: {exc}", EXIT_USAGE) from None
    asked = faults.describe()  # as given: requests may use some up before the banner prints
    try:
        box = Sandbox(faults=faults, v1_pages_from=args.v1_pages_from)
        server = serve_sandbox(box, args.host, args.port, verbose=args.verbose)
    except OSError as exc:
        reason = exc.strerror or str(exc)
        raise CommandError(
            f"cannot listen on {args.host}:{args.port}: {reason}", EXIT_USAGE
        ) from None
    signal.signal(signal.SIGTERM, _interrupt)  # stop as cleanly on kill as on Ctrl-C
    print(server.base_url, flush=True)
    say(f"sandbox: PPIO API v2 and v1 on {server.base_url} (faults: {asked})")
    say(f"  v2: {server.base_url}/gpus/v2/endpoints")
    say(f"  v1: {server.base_url}/gpu-instance/openapi/v1/endpoints")
    say(f"  try: PPIO_API_KEY=any PPIO_BASE_URL={server.base_url} ppio-endpoint endpoints list")
    say("  Ctrl-C stops it")
    try:
        while True:
            server.wait(0.5)
    except KeyboardInterrupt:
        say("sandbox: stopped")
    finally:
        server.close()
    return EXIT_OK


def _interrupt(signum: int, frame: Any) -> None:
    raise KeyboardInterrupt


# --- parsers -----------------------------------------------------------------------------


def _parser(sub: Any, name: str, help_text: str, run: Any = None) -> argparse.ArgumentParser:
    return verb_parser(sub, name, help_text, EXIT_CODES, run)


def _connection(parser: argparse.ArgumentParser) -> None:
    group = parser.add_argument_group("connection")
    group.add_argument("--profile", help="connection profile (built-in or from config.toml)")
    group.add_argument("--base-url", help="API base URL (overrides the profile and PPIO_BASE_URL)")
    group.add_argument(
        "--api-version", choices=("v1", "v2"), help="API version (default: the profile's)"
    )
    group.add_argument(
        "--timeout", type=seconds, default=30.0, help="seconds per attempt (default 30)"
    )
    group.add_argument(
        "--retries",
        type=whole_number(0),
        default=3,
        help="retries after a failed attempt (default 3)",
    )
    group.add_argument(
        "--allow-http",
        action="store_true",
        help="send the key over plain http:// to a host beyond this machine "
        "(it would travel unencrypted)",
    )
    group.add_argument("-v", "--verbose", action="store_true", help="show every request on stderr")


def add_parsers(sub: Any) -> None:
    p = _parser(sub, "submit", "Validate a preset and create the endpoint.", run_submit)
    _connection(p)
    p.add_argument("--dry-run", action="store_true", help="print the request instead of sending")
    p.add_argument("--yes", "-y", action="store_true", help="do not ask for confirmation")
    p.add_argument("file", metavar="FILE", help="preset file or name, or a v1/v2 JSON body")

    p = _parser(sub, "pull", "Save a deployed endpoint as a preset.", run_pull)
    _connection(p)
    p.add_argument("--name", help="preset name (default: the endpoint's name)")
    p.add_argument("--force", action="store_true", help="replace a preset of the same name")
    p.add_argument("endpoint_id", metavar="ENDPOINT_ID", type=identifier)

    p = _parser(sub, "sandbox", "Serve the built-in fake PPIO API over HTTP.", run_sandbox)
    p.add_argument("--host", default="127.0.0.1", help="address to listen on (default 127.0.0.1)")
    p.add_argument(
        "--port",
        type=whole_number(0, 65535),
        default=8765,
        help="port (default 8765; 0 picks a free one)",
    )
    p.add_argument(
        "--faults",
        metavar="SPEC",
        help="e.g. latency=0.2,error_rate=0.1,rate_limit=2,retry_after=1,drop_after_create=1",
    )
    p.add_argument(
        "--v1-pages-from",
        type=int,
        choices=(0, 1),
        default=0,
        help="the v1 list's first pageNum (default 0, as documented clients count)",
    )
    p.add_argument("-v", "--verbose", action="store_true", help="log every request on stderr")
