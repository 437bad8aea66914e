"""Shared by the headless verbs: exit codes and plain messages on stderr."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from typing import Any

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
    print(message, file=sys.stderr)


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
