"""``ppio-endpoint [PRESET]``: read the settings the first frame needs, then run the app.

Only config.toml and the theme files are read before the first paint (a few small files);
presets and drafts load in the app once it is on screen, the API client when first needed.
"""

from __future__ import annotations

import gc
import os
from typing import TYPE_CHECKING, Any

from ..config import load_config
from ..home import data_home

if TYPE_CHECKING:
    import argparse


def _bool(value: Any, default: bool) -> bool:
    return value if isinstance(value, bool) else default


def app_from_args(args: argparse.Namespace) -> Any:
    from .app import EndpointApp
    from .themes import DEFAULT_THEME, load_themes

    home = data_home()
    config = load_config(home)
    problems = list(config.problems)
    found = load_themes(home)
    problems += found.problems
    ui = config.section("ui")
    theme = (
        args.theme
        or os.environ.get("PPIO_ENDPOINT_THEME")
        or ui.get("theme")
        or config.data.get("theme")
    )
    return EndpointApp(
        home=home,
        preset=args.preset,
        profile=args.profile,
        base_url=getattr(args, "base_url", None),
        allow_http=getattr(args, "allow_http", False),
        api_version=args.api_version,
        theme=theme if isinstance(theme, str) else DEFAULT_THEME,
        keymap=config.section("keymap"),
        problems=problems,
        themes=found.themes,
        # a steady cursor by default: a blinking one repaints twice a second, over SSH too
        cursor_blink=_bool(ui.get("cursor_blink"), False),
    )


def launch(args: argparse.Namespace) -> int:
    # Start-up makes objects that live as long as the app; a full collection while they
    # are made finds nothing to free and cost about 25 ms before the first frame. The app
    # turns the collector back on once that frame is out (EndpointApp.on_ready).
    gc.disable()
    app = app_from_args(args)
    result = app.run()
    if isinstance(result, int):
        return result
    return app.return_code or 0  # an app that stopped on an error says so in its exit code
