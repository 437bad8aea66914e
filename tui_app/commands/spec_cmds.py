"""Headless verbs that need no network: validate, render, import, presets, fields.

stdout carries only data (JSON, bodies, curl, tables, paths); findings and messages go to
stderr. Exit codes: 0 ok, 1 invalid (the file was read and something in it is wrong),
2 usage error or input that cannot be read.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .. import spec
from ..home import data_home
from ..presets import (
    Preset,
    PresetError,
    PresetStore,
    PresetUnreadable,
    load_preset_file,
    read_document,
    safe_name,
    structure_issues,
)
from ..spec.curl import CurlError, build_curl, parse_curl
from ..spec.routes import DEFAULT_BASE_URLS, url_for
from ..spec.untrusted import UnsafeData, clip, parse_json
from ..text_safety import json_safe, one_line, visible
from .common import (
    EXIT_INVALID,
    EXIT_OK,
    EXIT_USAGE,
    CommandError,
    add_version_flag,
    out,
    out_json,
    say,
    verb_parser,
)

EXIT_CODES = "exit codes: 0 ok, 1 invalid, 2 usage error or unreadable input"


def _version(args: argparse.Namespace) -> str:
    return args.api_version or "v2"


def _store() -> PresetStore:
    return PresetStore(data_home())


def _locate(arg: str, store: PresetStore) -> Path:
    """A file path as given, or the file behind a preset name."""
    path = Path(arg).expanduser()
    if path.exists() or os.sep in arg or "/" in arg or arg.endswith(".toml"):
        return path
    try:
        return store.locate(arg)
    except ValueError as exc:
        raise PresetUnreadable(str(exc)) from None
    except PresetUnreadable:
        raise PresetUnreadable("no such file or preset (see: ppio-endpoint presets list)") from None


# --- validate ----------------------------------------------------------------------------


@dataclass
class FileResult:
    file: str
    errors: list[spec.Issue] = field(default_factory=list)
    warnings: list[spec.Issue] = field(default_factory=list)
    unreadable: bool = False
    position: tuple[int, int | None] | None = None  # line, column of a syntax error

    def as_dict(self) -> dict[str, Any]:
        errors = [i.as_dict() for i in self.errors]
        if self.position is not None and errors:
            errors[0] |= {"line": self.position[0], "column": self.position[1]}
        return {
            "file": self.file,
            "valid": not self.errors,
            "errors": errors,
            "warnings": [i.as_dict() for i in self.warnings],
        }

    def lines(self) -> list[str]:
        if self.position is not None:
            line, column = self.position
            where = f"{line}:{column}" if column is not None else str(line)
            return [clip(f"{self.file}:{where}: {i.message}") for i in self.errors]
        out = [_line(self.file, i.loc, i.message) for i in self.errors]
        return out + [_line(self.file, i.loc, f"warning: {i.message}") for i in self.warnings]


def _line(file: str, loc: str, message: str) -> str:
    return clip(f"{file}: {loc}: {message}" if loc else f"{file}: {message}")


def check_file(arg: str, version: str, store: PresetStore) -> FileResult:
    """Every finding for one preset file: reading, TOML syntax, structure, endpoint rules."""
    result = FileResult(arg)
    try:
        doc, _ = read_document(_locate(arg, store))
    except PresetUnreadable as exc:
        result.errors.append(spec.Issue("", exc.message))
        result.unreadable = True
        return result
    except PresetError as exc:
        result.errors.append(spec.Issue("", exc.message))
        result.position = (exc.line, exc.column) if exc.line is not None else None
        return result
    issues = structure_issues(doc)
    endpoint = doc.get("endpoint")
    if isinstance(endpoint, Mapping):
        issues += spec.validate(endpoint, version).issues
    result.errors = [i for i in issues if i.severity == "error"]
    result.warnings = [i for i in issues if i.severity == "warning"]
    return result


def run_validate(args: argparse.Namespace) -> int:
    store = _store()
    results = [check_file(arg, _version(args), store) for arg in args.files]
    if args.json:
        out_json([r.as_dict() for r in results])
    else:
        for result in results:
            for line in result.lines():
                say(line)
    if any(r.unreadable for r in results):
        return EXIT_USAGE
    return EXIT_INVALID if any(r.errors for r in results) else EXIT_OK


# --- render ------------------------------------------------------------------------------


def _load(arg: str, store: PresetStore) -> Preset:
    try:
        return load_preset_file(_locate(arg, store))
    except PresetUnreadable as exc:
        raise CommandError(f"{arg}: {exc.message}", EXIT_USAGE) from None
    except PresetError as exc:
        raise CommandError(_file_message(arg, exc), EXIT_INVALID) from None


def _file_message(arg: str, exc: PresetError) -> str:
    if exc.line is None:
        return f"{arg}: {exc.message}"
    column = f":{exc.column}" if exc.column is not None else ""
    return f"{arg}:{exc.line}{column}: {exc.message}"


def _report(prefix: str, issues: list[spec.Issue]) -> None:
    for issue in issues:
        label = "" if issue.severity == "error" else "warning: "
        say(_line(prefix, issue.loc, f"{label}{issue.message}"))


def run_render(args: argparse.Namespace) -> int:
    version = _version(args)
    preset = _load(args.file, _store())
    report = spec.validate(preset.endpoint, version)
    _report(args.file, report.errors + report.warnings)
    if not report.ok:
        return EXIT_INVALID
    data: dict[str, Any] = preset.endpoint
    if args.resolve:
        data, missing = spec.resolve(preset.endpoint, os.environ)
        if missing:
            _report(args.file, missing)
            return EXIT_INVALID
    body = spec.render(data, version)
    if args.format == "curl":
        base = args.base_url or DEFAULT_BASE_URLS[version]
        # the body is JSON in the command: its strings keep their characters as \u escapes
        sys.stdout.write(json_safe(build_curl("POST", url_for(base, version, "create"), body)))
    else:
        out_json(body)
    return EXIT_OK


# --- import ------------------------------------------------------------------------------


def _read_source(source: str) -> str:
    if source == "-":
        if sys.stdin.isatty():
            raise CommandError("give a SOURCE file, or pipe a curl command or JSON body into -")
        return sys.stdin.read()
    try:
        return Path(source).expanduser().read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as exc:
        reason = exc.strerror if isinstance(exc, OSError) and exc.strerror else "not UTF-8 text"
        raise CommandError(f"{source}: cannot read: {reason}") from None


def body_from_text(text: str) -> tuple[Any, str]:
    """The JSON body in a curl command or in plain JSON text, and which of the two it was."""
    if text.lstrip().startswith("curl"):
        try:
            request = parse_curl(text)
        except CurlError as exc:
            raise CommandError(f"cannot read the curl command: {exc}") from None
        if request.body is None:
            raise CommandError("the curl command has no --data body to import")
        return request.body, "curl command"
    try:
        return parse_json(text), "JSON body"
    except json.JSONDecodeError as exc:
        raise CommandError(
            f"neither a curl command nor JSON: {exc.msg} at line {exc.lineno}, column {exc.colno}"
        ) from None
    except UnsafeData as exc:
        raise CommandError(f"cannot import the JSON body: {exc}") from None


def _import_name(args: argparse.Namespace, data: Mapping[str, Any]) -> str:
    guess = args.name or data.get("name")
    if not isinstance(guess, str) or not guess.strip():
        guess = Path(args.source).stem if args.source != "-" else "imported"
    try:
        return safe_name(guess)
    except ValueError as exc:
        raise CommandError(f"{exc}; choose one with --name") from None


def run_import(args: argparse.Namespace) -> int:
    body, kind = body_from_text(_read_source(args.source))
    try:
        parsed = spec.parse_body(body)
    except spec.BodyError as exc:
        raise CommandError(f"{args.source}: {exc}") from None
    store = _store()
    name = _import_name(args, parsed.data)
    origin = "stdin" if args.source == "-" else Path(args.source).name
    preset = Preset(name, parsed.data, f"Imported from {origin} ({parsed.version} {kind})")
    try:
        path = store.save(preset, overwrite=args.force)
    except FileExistsError:
        raise CommandError(
            f"a preset named {name!r} already exists; use --force to replace it or --name"
        ) from None
    except PresetError as exc:
        raise CommandError(f"cannot save preset {name!r}: {exc.message}") from None
    for loc in parsed.ignored:
        say(f"{name}: {loc}: warning: not an endpoint field; left out of the preset")
    _report(name, spec.validate(parsed.data, parsed.version).issues)
    say(f"imported the {parsed.version} {kind} as preset {name!r}")
    out(path)
    return EXIT_OK


# --- presets -----------------------------------------------------------------------------


def run_presets_list(args: argparse.Namespace) -> int:
    entries, errors = _store().entries()
    rows = [
        (one_line(e.name), "template" if e.shipped else "user", one_line(e.description))
        for e in entries
    ]
    width = max([len(r[0]) for r in rows] + [4])
    out(f"{'NAME':<{width}}  {'SOURCE':<8}  DESCRIPTION")
    for name, source, description in rows:
        out(f"{name:<{width}}  {source:<8}  {description}".rstrip())
    for error in errors:
        say(f"ppio-endpoint: skipped {error}")
    return EXIT_OK


def run_presets_show(args: argparse.Namespace) -> int:
    store = _store()
    preset = _load(args.name, store)
    assert preset.path is not None  # a preset read from disk always has its path
    sys.stdout.write(visible(preset.path.read_text(encoding="utf-8")))
    return EXIT_OK


def run_presets_path(args: argparse.Namespace) -> int:
    store = _store()
    if args.name is None:
        out(store.user_dir)
        return EXIT_OK
    try:
        out(_locate(args.name, store))
    except PresetUnreadable as exc:
        raise CommandError(f"{args.name}: {exc.message}") from None
    return EXIT_OK


# --- fields ------------------------------------------------------------------------------


def _limits_text(info: spec.FieldSpec, lim: spec.Limits) -> str:
    parts = []
    if info.kind == "enum":
        parts.append("one of " + ", ".join(info.choices))
    if lim.min_length is not None and lim.max_length is not None:
        parts.append(f"{lim.min_length}-{lim.max_length} chars")
    elif lim.max_length is not None:
        parts.append(f"<= {lim.max_length} chars")
    elif lim.min_length:
        parts.append("not empty" if lim.min_length == 1 else f">= {lim.min_length} chars")
    if lim.ge is not None and lim.le is not None:
        parts.append(f"{lim.ge}-{lim.le}")
    elif lim.ge is not None:
        parts.append(f">= {lim.ge}")
    elif lim.le is not None:
        parts.append(f"<= {lim.le}")
    if lim.pattern:
        parts.append(f"`{lim.pattern}`")
    if lim.reserved:
        parts.append("not " + ", ".join(map(str, lim.reserved)))
    return "; ".join(parts)


def _v1_text(info: spec.FieldSpec) -> tuple[str, str]:
    if not info.v1_name:
        return "(not sent)", ""
    limits = _limits_text(info, info.v1_limits)
    if info.v1_string:
        limits = "; ".join(p for p in (limits, "sent as text") if p)
    return f"`{info.v1_name}`", limits


def field_table() -> str:
    """The field reference as a Markdown table, generated from the declarations."""
    head = "| Field | Label | Unit | v2 rules | v1 name | v1 rules | Required in |"
    lines = [head, "|---|---|---|---|---|---|---|"]
    for info in spec.FIELDS.values():
        v1_name, v1_limits = _v1_text(info)
        required = ", ".join(v for v in ("v1", "v2") if v in info.required)
        cells = [f"`{info.path}`", info.label, info.unit, _limits_text(info, info.limits)]
        cells += [v1_name, v1_limits, required]
        lines.append("| " + " | ".join(cells) + " |")
    return "\n".join(lines) + "\n"


def run_fields(args: argparse.Namespace) -> int:
    sys.stdout.write(field_table())
    return EXIT_OK


# --- parsers -----------------------------------------------------------------------------


def _parser(sub: Any, name: str, help_text: str, run: Any = None) -> argparse.ArgumentParser:
    return verb_parser(sub, name, help_text, EXIT_CODES, run)


def add_parsers(sub: Any) -> None:
    p = _parser(sub, "validate", "Check preset files against an API version's rules.", run_validate)
    add_version_flag(p)
    p.add_argument("--json", action="store_true", help="one JSON object per file on stdout")
    p.add_argument("files", nargs="+", metavar="FILE", help="preset file (or preset name)")

    p = _parser(sub, "render", "Print the exact request body of a preset.", run_render)
    add_version_flag(p)
    p.add_argument("--format", choices=("json", "curl"), default="json")
    p.add_argument(
        "--resolve", action="store_true", help="replace ${NAME} env values from the environment"
    )
    p.add_argument("--base-url", help="API base URL for --format curl (default: PPIO's)")
    p.add_argument("file", metavar="FILE", help="preset file (or preset name)")

    p = _parser(sub, "import", "Turn a curl command or a JSON body into a preset.", run_import)
    p.add_argument("--name", help="preset name (default: the endpoint's name)")
    p.add_argument("--force", action="store_true", help="replace a preset of the same name")
    p.add_argument("source", nargs="?", default="-", metavar="SOURCE", help="file, or - (stdin)")

    p = _parser(sub, "presets", "List, show and locate presets.")
    actions = p.add_subparsers(dest="action", required=True, metavar="{list,show,path}")
    _parser(actions, "list", "List user presets and shipped templates.", run_presets_list)
    show = _parser(actions, "show", "Print a preset file.", run_presets_show)
    show.add_argument("name", metavar="NAME")
    where = _parser(
        actions, "path", "Print the presets folder, or a preset's file.", run_presets_path
    )
    where.add_argument("name", nargs="?", metavar="NAME")

    _parser(sub, "fields", "Print the field reference table (Markdown).", run_fields)
