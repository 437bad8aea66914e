"""``${NAME}`` references in env values, resolved from an environment mapping only when sending."""

from __future__ import annotations

import copy
from collections.abc import Mapping
from typing import Any

from .issues import Issue
from .secrets import env_ref, looks_secret


def references(data: Mapping[str, Any]) -> list[tuple[int, str]]:
    """(env index, variable name) for each value written as ``${NAME}``."""
    out = []
    envs = data.get("envs")
    for index, env in enumerate(envs if isinstance(envs, list) else []):
        name = env_ref(env.get("value")) if isinstance(env, Mapping) else None
        if name:
            out.append((index, name))
    return out


def resolve(
    data: Mapping[str, Any], environ: Mapping[str, str]
) -> tuple[dict[str, Any], list[Issue]]:
    """A copy with every reference replaced by its value, and an error for each one unset."""
    resolved = copy.deepcopy(dict(data))
    problems = []
    for index, name in references(data):
        if name in environ:
            resolved["envs"][index]["value"] = environ[name]
        else:
            problems.append(
                Issue(
                    f"envs.{index}.value",
                    f"refers to ${{{name}}}, which is not set in your environment",
                )
            )
    return resolved, problems


def secret_values(data: Mapping[str, Any], environ: Mapping[str, str]) -> list[str]:
    """Values that came from references: the log and history must hide them."""
    return list(resolved_references(data, environ).values())


def resolved_references(data: Mapping[str, Any], environ: Mapping[str, str]) -> dict[str, str]:
    """``NAME -> value`` for each reference that resolves: what the records show as ``${NAME}``."""
    return {name: environ[name] for _, name in references(data) if environ.get(name)}


def credentials_in(environ: Mapping[str, str]) -> dict[str, str]:
    """``NAME -> value`` for the variables that hold a credential."""
    return {name: value for name, value in environ.items() if looks_secret(name, value)}


def reference_for(key: Any, value: Any, environ: Mapping[str, str]) -> str | None:
    """The variable an env value was resolved from, when the environment says so: the one
    named like the env's key, or one holding a credential, whose value it equals."""
    if not isinstance(value, str) or len(value) < 4 or env_ref(value):
        return None
    if isinstance(key, str) and environ.get(key) == value:
        return key
    return next((name for name, held in credentials_in(environ).items() if held == value), None)


def variable_for(key: Any) -> str:
    """A variable name made from an env key, for a reference that stands in for its value."""
    name = "".join(c if c.isascii() and (c.isalnum() or c == "_") else "_" for c in str(key))
    if not name:
        return "SECRET"
    return f"_{name}" if name[0].isdigit() else name
