"""What lives as long as the app, shared by its screens: plain classes, no widgets.

The app builds them once (:mod:`tui_app.ui.app`) and hands each screen the ones it uses.
"""

from __future__ import annotations

from typing import NamedTuple

from .connection import Connection, lookup_options
from .exchanges import Exchanges
from .library import Library
from .settings import Settings


class Services(NamedTuple):
    settings: Settings
    connection: Connection
    library: Library
    exchanges: Exchanges


__all__ = ["Connection", "Exchanges", "Library", "Services", "Settings", "lookup_options"]
