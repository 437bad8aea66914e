"""The built-in PPIO sandbox: both API versions, realistic look-ups, rules from ``tui_app.spec``.

Served in-process (:func:`sandbox_transport`, what the app uses with no API key) or over
loopback HTTP (:func:`serve_sandbox`, ``ppio-endpoint sandbox``).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from .core import Reply, SandboxCore
from .faults import FaultSpec
from .transport import SandboxTransport, sandbox_transport
from .views import Timing

if TYPE_CHECKING:
    from .server import SandboxServer, serve_sandbox


class Sandbox(SandboxCore):
    """The sandbox answering the PPIO routes of :mod:`.routes`."""

    def __init__(self, **options: Any) -> None:
        # the routes bring the spec's models: loaded by the first sandbox, not by this import
        from .routes import dispatch

        super().__init__(dispatch, **options)


def __getattr__(name: str) -> Any:
    # the HTTP server (http.server, socketserver) is for ``ppio-endpoint sandbox`` and the
    # tests; the app's in-process sandbox never needs it
    if name in ("SandboxServer", "serve_sandbox"):
        from . import server

        return getattr(server, name)
    raise AttributeError(name)


__all__ = [
    "FaultSpec",
    "Reply",
    "Sandbox",
    "SandboxCore",
    "SandboxServer",
    "SandboxTransport",
    "Timing",
    "sandbox_transport",
    "serve_sandbox",
]
