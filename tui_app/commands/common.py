"""Shared by the headless verbs: exit codes and plain messages on stderr."""

from __future__ import annotations

import sys

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
