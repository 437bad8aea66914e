"""The app's main areas, one Textual mode each, and the one place they are registered.

A mode's screen is built from the app's services the first time the mode is shown. A new
main screen is a module here, a line in :data:`MODES`, and a key in the actions registry
(``Action("…", "app.switch_mode('name')", …, scope="app")``).
"""

from __future__ import annotations

from collections.abc import Callable

from ..services import Services
from .base import FirstFrame, ModeScreen


def _editor(services: Services) -> ModeScreen:
    from .editor import EditorScreen

    return EditorScreen(
        services.settings, services.connection, services.library, services.exchanges
    )


def _endpoints(services: Services) -> ModeScreen:
    from .endpoints import EndpointsScreen

    return EndpointsScreen(services.connection, services.library)


# mode name -> how its screen is built; the first is where the app starts
MODES: dict[str, Callable[[Services], ModeScreen]] = {"editor": _editor, "endpoints": _endpoints}
START_MODE = next(iter(MODES))

__all__ = ["MODES", "START_MODE", "FirstFrame", "ModeScreen"]
