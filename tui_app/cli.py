"""The ``ppio-endpoint`` command: the TUI by default, headless verbs by name.

Verb modules are imported only when their verb runs, so ``--help`` and the TUI start fast.
"""

from __future__ import annotations

import difflib
import importlib
import sys
from collections.abc import Sequence
from pathlib import Path
from types import SimpleNamespace
from typing import TYPE_CHECKING, Any

from .commands.common import EXIT_USAGE, CommandError, say

if TYPE_CHECKING:
    import argparse

# verb -> module that registers it (``add_parsers``) and runs it (``args.run``)
VERBS: dict[str, str] = {
    "validate": "tui_app.commands.spec_cmds",
    "render": "tui_app.commands.spec_cmds",
    "import": "tui_app.commands.spec_cmds",
    "presets": "tui_app.commands.spec_cmds",
    "fields": "tui_app.commands.spec_cmds",
    "submit": "tui_app.commands.api_cmds",
    "pull": "tui_app.commands.api_cmds",
    "endpoints": "tui_app.commands.endpoint_cmds",
    "apply": "tui_app.commands.deploy_cmds",
    "diff": "tui_app.commands.deploy_cmds",
    "sandbox": "tui_app.commands.api_cmds",
}


def _verb_parser(verb: str) -> argparse.ArgumentParser:
    import argparse

    parser = argparse.ArgumentParser(prog="ppio-endpoint")
    sub = parser.add_subparsers(dest="verb", required=True)
    importlib.import_module(VERBS[verb]).add_parsers(sub)
    return parser


def _tui_parser() -> argparse.ArgumentParser:
    import argparse

    parser = argparse.ArgumentParser(
        prog="ppio-endpoint",
        description="Build, validate, save and submit PPIO serverless endpoint configurations. "
        f"Headless verbs: {', '.join(VERBS)} (ppio-endpoint VERB --help).",
    )
    parser.add_argument("preset", nargs="?", help="preset name or TOML file to open")
    parser.add_argument("--profile", help="connection profile from config.toml")
    parser.add_argument("--base-url", help="API base URL (overrides the profile)")
    parser.add_argument("--api-version", choices=("v1", "v2"), help="API version (default: v2)")
    parser.add_argument(
        "--allow-http",
        action="store_true",
        help="send the key over plain http:// to a host beyond this machine",
    )
    parser.add_argument("--theme", help="theme name")
    return parser


def _plain_launch(args: list[str]) -> Any:
    """``ppio-endpoint`` or ``ppio-endpoint NAME``, read as :func:`_tui_parser` reads them.

    The way nearly every start looks; read without argparse, which would stay in the app's
    memory (0.3 MiB) for nothing. Anything else (an option, ``--help``) goes to argparse.
    """
    if len(args) > 1 or (args and args[0].startswith("-")):
        return None
    return SimpleNamespace(
        preset=args[0] if args else None,
        profile=None,
        base_url=None,
        api_version=None,
        allow_http=False,
        theme=None,
    )


def _nothing_named(word: str) -> str | None:
    """Why ``word`` would open nothing (neither a preset by name nor a file), else None.

    Checked before the app starts, so a mistyped verb is a usage error on the terminal
    rather than a full-screen app that cannot open it. No Textual is imported here.
    """
    if Path(word).expanduser().is_file():
        return None
    from .home import data_home
    from .presets.store import PresetStore

    store = PresetStore(data_home())
    try:
        if store.exists(word):
            return None
    except ValueError:  # not a possible preset name (a '/', '..', a control character)
        pass
    if "/" in word or word.endswith(".toml"):
        return f"no preset file {word!r}: no such file"
    close = difflib.get_close_matches(word, [*VERBS, *store.names()], n=3, cutoff=0.6)
    hint = f"; did you mean {' or '.join(repr(name) for name in close)}?" if close else ""
    return f"no verb or preset named {word!r}{hint} (verbs: {', '.join(VERBS)})"


def main(argv: Sequence[str] | None = None) -> int:
    args_list = list(sys.argv[1:] if argv is None else argv)
    try:
        if args_list and args_list[0] in VERBS:
            args = _verb_parser(args_list[0]).parse_args(args_list)
            return int(args.run(args))
        args = _plain_launch(args_list) or _tui_parser().parse_args(args_list)
        problem = _nothing_named(args.preset) if args.preset else None
        if problem:
            raise CommandError(problem, EXIT_USAGE)
        from .ui.launch import launch

        return launch(args)
    except CommandError as exc:
        from .spec.untrusted import clip  # messages may quote files and servers at length

        say(f"ppio-endpoint: {clip(str(exc))}")
        return exc.code
    except KeyboardInterrupt:
        say("ppio-endpoint: interrupted")
        return 130
    except SystemExit as exc:  # argparse: usage errors exit 2 after printing usage
        return exc.code if isinstance(exc.code, int) else EXIT_USAGE
    except BrokenPipeError:
        return _reader_gone()


def _reader_gone() -> int:
    """Output piped into a reader that stopped (``| head``): end quietly, as cat does.

    What is still buffered for stdout would raise again when the interpreter flushes it on
    the way out, so stdout is pointed at /dev/null first.
    """
    import os

    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, sys.stdout.fileno())
    os.close(devnull)
    return 141  # 128 + SIGPIPE, what a shell reports for a writer killed by the signal
