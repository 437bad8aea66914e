"""Shared by the headless verbs: exit codes, plain messages on stderr, data on stdout.

Names, ids, descriptions and server messages are data: what goes to a terminal has its
control characters shown as escapes (:mod:`tui_app.text_safety`), never written raw.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable
from typing import Any

from ..text_safety import json_safe, visible

EXIT_OK = 0
EXIT_INVALID = 1
EXIT_USAGE = 2
EXIT_SERVER = 3


class CommandError(Exception):
    """A message for the user and the exit code that goes with it; never a traceback."""

    def __init__(self, message: str, code: int = EXIT_USAGE) -> None:
        super().__init__(message)
        self.code = code


def say(message: str) -> None:
    print(visible(message), file=sys.stderr)


def out(text: object) -> None:
    """One piece of data (an id, a path, a table row, a file) on stdout."""
    print(visible(str(text)))


def out_json(value: Any) -> None:
    """``value`` as JSON on stdout; strings keep every character, as ``\\u`` escapes."""
    print(json_safe(json.dumps(value, indent=2, ensure_ascii=False)))


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
