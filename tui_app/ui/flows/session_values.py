"""Values typed for unset ``${NAME}`` references: asked masked, kept in memory for this session.

They are layered over the environment a submit resolves against and are never written: the
form keeps ``${NAME}``, so presets, drafts and history hold the reference, not the value.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from typing import Any

from ...spec.issues import Issue
from .dialogs import Ask, Prompt

NAME = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*$")


def unset_names(missing: Iterable[Issue]) -> list[str]:
    """The variable names the unset-reference issues refer to, sorted, each once."""
    return sorted({m for i in missing for m in re.findall(r"\$\{(\w+)\}", i.message)})


def _value_problem(text: str) -> str | None:
    return None if text.strip() else "Type a value, or press esc to cancel"


def _name_problem(text: str) -> str | None:
    return (
        None if NAME.match(text) else "A name is letters, digits and _, not starting with a digit"
    )


def value_prompt(name: str) -> Prompt:
    return Prompt(
        f"${{{name}}} is not set. Its value for this session only (kept in memory, never saved):",
        placeholder="value (hidden)",
        check=_value_problem,
        password=True,
    )


def ask_values(
    ask: Ask,
    names: list[str],
    done: Callable[[dict[str, str] | None], None],
    got: dict[str, str] | None = None,
) -> None:
    """Ask each name's value in turn; ``done`` gets them all, or None at the first esc."""
    got = dict(got or {})
    if not names:
        done(got)
        return
    name, rest = names[0], names[1:]

    def answered(value: Any) -> None:
        if not isinstance(value, str) or not value:
            done(None)
            return
        ask_values(ask, rest, done, {**got, name: value})

    ask(value_prompt(name), answered)


def ask_name_and_value(ask: Ask, done: Callable[[str, str], None]) -> None:
    """Ask a variable's name, then its value (masked); ``done`` only when both are given."""

    def named(name: Any) -> None:
        if isinstance(name, str) and name:
            ask_values(ask, [name], lambda got: None if got is None else done(name, got[name]))

    ask(
        Prompt(
            "Set a variable for this session (name):", placeholder="HF_TOKEN", check=_name_problem
        ),
        named,
    )
