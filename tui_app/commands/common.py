"""Shared by the headless verbs: exit codes, plain messages on stderr, data on stdout.

Names, ids, descriptions and server messages are data: what goes to a terminal has its
control characters shown as escapes (:mod:`tui_app.text_safety`), never written raw.
"""

from __future__ import annotations

import json
import math
import sys
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from ..spec.untrusted import clip
from ..text_safety import json_safe, visible

if TYPE_CHECKING:  # argparse is loaded by the verbs only, not by the app's start
    import argparse

EXIT_OK = 0
EXIT_INVALID = 1
EXIT_USAGE = 2
EXIT_SERVER = 3
EXIT_DIFFERS = 4  # diff, apply --check: something differs from what is deployed


class CommandError(Exception):
    """A message for the user and the exit code that goes with it; never a traceback."""

    def __init__(self, message: str, code: int = EXIT_USAGE) -> None:
        super().__init__(message)
        self.code = code


def say(message: str) -> None:
    """A message on stderr: control characters shown, no line past 2,000 characters."""
    lines = visible(message).split("\n")
    print("\n".join(clip(line) for line in lines), file=sys.stderr)


def out(text: object) -> None:
    """One piece of data (an id, a path, a table row, a file) on stdout."""
    print(visible(str(text)))


def out_json(value: Any) -> None:
    """``value`` as JSON on stdout; strings keep every character, as ``\\u`` escapes."""
    print(json_safe(json.dumps(value, indent=2, ensure_ascii=False)))


def out_table(heads: tuple[str, ...], rows: list[tuple[Any, ...]]) -> None:
    """A table on stdout: each cell one visible line, columns padded, the last left ragged."""
    cells = [tuple(visible(str(v), multiline=False) for v in row) for row in rows]
    table = [heads, *cells]
    widths = [max(len(r[n]) for r in table) for n in range(len(heads) - 1)]
    for row in table:
        padded = [f"{cell:<{w}}" for cell, w in zip(row, widths, strict=False)]
        out("  ".join([*padded, row[-1]]).rstrip())


def out_json_line(value: Any) -> None:
    """``value`` as one line of JSON on stdout (JSON lines), escaped as :func:`out_json`."""
    print(json_safe(json.dumps(value, ensure_ascii=False)), flush=True)


def _type_error(message: str) -> Exception:
    import argparse  # already loaded: these run while argparse reads the command line

    return argparse.ArgumentTypeError(message)


def seconds(text: str) -> float:
    """``--timeout``: a finite number of seconds greater than 0."""
    try:
        value = float(text)
    except ValueError:
        value = math.nan
    if not (math.isfinite(value) and value > 0):
        raise _type_error(f"must be a number of seconds greater than 0 (got {text[:40]!r})")
    return value


def whole_number(low: int, high: int | None = None) -> Callable[[str], int]:
    """An argparse type for a whole number in ``low``..``high`` (no upper bound if None)."""
    rule = f"between {low} and {high}" if high is not None else f"{low} or more"

    def parse(text: str) -> int:
        try:
            value = int(text)
        except ValueError:
            value = None
        if value is None or value < low or (high is not None and value > high):
            raise _type_error(f"must be a whole number {rule} (got {text[:40]!r})")
        return value

    parse.__name__ = "whole number"  # argparse names the type in some messages
    return parse


def identifier(text: str) -> str:
    """An id given on the command line: not empty."""
    if not text.strip():
        raise _type_error("must not be empty")
    return text


def add_version_flag(parser: object) -> None:
    parser.add_argument(  # type: ignore[attr-defined]
        "--api-version",
        choices=("v1", "v2"),
        default=None,
        help="API version to check against and render for (default: v2)",
    )


def verb_parser(
    sub: Any,
    name: str,
    help_text: str,
    epilog: str,
    run: Callable[[argparse.Namespace], int] | None = None,
) -> argparse.ArgumentParser:
    """A verb's parser, with its help, exit codes and the function that runs it."""
    parser = sub.add_parser(name, help=help_text, description=help_text, epilog=epilog)
    if run is not None:
        parser.set_defaults(run=run)
    return parser
