"""The API layer: profiles, the async client for v1 and v2, history, and the sandbox.

No Textual here. ``import tui_app.api`` is light: the client (and with it httpx) and the
sandbox load on first use of their names.
"""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING, Any

from .profiles import Profile, list_profiles, load_profiles, resolve_target, version_base
from .retry import RetryPolicy, parse_retry_after
from .types import ApiError, Choice, CreateResult, EndpointInfo, Exchange, Product, Target

# httpx loads its command-line tool, and click and rich with it, whenever they are installed
# (the test tools bring click); nothing here runs it, and rich stays out of this layer
sys.modules.setdefault("httpx._main", None)  # type: ignore[arg-type]

if TYPE_CHECKING:
    from .client import PpioClient
    from .history import History, read_history
    from .sandbox import FaultSpec, Sandbox, SandboxServer, sandbox_transport, serve_sandbox

_LAZY = {
    "PpioClient": "client",
    "History": "history",
    "read_history": "history",
    "FaultSpec": "sandbox",
    "Sandbox": "sandbox",
    "SandboxServer": "sandbox",
    "sandbox_transport": "sandbox",
    "serve_sandbox": "sandbox",
}


def __getattr__(name: str) -> Any:
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(name)
    from importlib import import_module

    return getattr(import_module(f"{__name__}.{module}"), name)


__all__ = [
    "ApiError",
    "Choice",
    "CreateResult",
    "EndpointInfo",
    "Exchange",
    "FaultSpec",
    "History",
    "PpioClient",
    "Product",
    "Profile",
    "RetryPolicy",
    "Sandbox",
    "SandboxServer",
    "Target",
    "list_profiles",
    "load_profiles",
    "parse_retry_after",
    "read_history",
    "resolve_target",
    "sandbox_transport",
    "serve_sandbox",
    "version_base",
]
