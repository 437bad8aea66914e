"""The built-in PPIO sandbox: both API versions, realistic look-ups, rules from ``tui_app.spec``.

Served in-process (:func:`sandbox_transport`, what the app uses with no API key) or over
loopback HTTP (:func:`serve_sandbox`, ``ppio-endpoint sandbox``).
"""

from __future__ import annotations

from .core import Reply, Sandbox
from .faults import FaultSpec
from .server import SandboxServer, serve_sandbox
from .transport import SandboxTransport, sandbox_transport
from .views import Timing

__all__ = [
    "FaultSpec",
    "Reply",
    "Sandbox",
    "SandboxServer",
    "SandboxTransport",
    "Timing",
    "sandbox_transport",
    "serve_sandbox",
]
