"""``${NAME}`` references in env values, resolved from an environment mapping only when sending."""

from __future__ import annotations

import copy
from collections.abc import Mapping
from typing import Any

from .issues import Issue
from .secrets import env_ref


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
    return [environ[name] for _, name in references(data) if environ.get(name)]
