"""The sandbox tests share the API tests' isolated data home (no key, a tmp PPIO_ENDPOINT_HOME)."""

from __future__ import annotations

from tests.api.conftest import home

__all__ = ["home"]
