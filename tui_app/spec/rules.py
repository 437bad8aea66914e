"""Validation of an endpoint table against the rules of one API version.

Works on the plain mapping a preset or the form holds (v2 field names), so a half-typed
form or a hand-written TOML file gets the same structured messages as a full spec.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Mapping
from functools import lru_cache
from typing import Any

from .cross import cross_rules
from .fields import BOTH, FieldSpec
from .issues import Issue, Report, Severity
from .schema import FIELDS, GROUPS, field_for, keys_of, v1_aliases
from .secrets import looks_secret


def is_absent(spec: FieldSpec, value: Any) -> bool:
    return value is None or (value == "" and not spec.keep_empty)


def _version_note(spec: FieldSpec, version: str, attr: str) -> str:
    if version == "v1" and getattr(spec.v1_limits, attr) != getattr(spec.limits, attr):
        return " under the v1 API"
    return ""


def _not_int(value: Any) -> str:
    if isinstance(value, bool):
        return "must be a whole number, not true/false"
    if isinstance(value, str):
        return f"must be a whole number, not text ({value!r})"
    if isinstance(value, float):
        return f"must be a whole number, not {value!r}"
    return "must be a whole number"


def _check_int(spec: FieldSpec, value: Any, version: str) -> str | None:
    if type(value) is not int:
        return _not_int(value)
    lim = spec.limits_for(version)
    low, high = lim.ge, lim.le
    if (low is not None and value < low) or (high is not None and value > high):
        if low is not None and high is not None:
            return f"must be between {low} and {high} (got {value})"
        if low == 0:
            return f"must not be negative (got {value})"
        if low is not None:
            return f"must be at least {low} (got {value})"
        return f"must be at most {high} (got {value})"
    if value in lim.reserved:
        listed = ", ".join(map(str, lim.reserved))
        return f"{value} is reserved by the platform; the v1 API refuses {listed}"
    return None


def _check_str(spec: FieldSpec, value: Any, version: str) -> str | None:
    if not isinstance(value, str):
        return "must be text" if spec.kind == "str" else _enum_message(spec, value)
    if spec.kind == "enum":
        return None if value in spec.choices else _enum_message(spec, value)
    lim = spec.limits_for(version)
    if lim.min_length and len(value) < lim.min_length:
        return (
            "must not be empty"
            if lim.min_length == 1
            else f"needs at least {lim.min_length} characters"
        )
    if lim.max_length is not None and len(value) > lim.max_length:
        note = _version_note(spec, version, "max_length")
        return f"must be at most {lim.max_length} characters{note} (has {len(value)})"
    if lim.pattern and not _regex(lim.pattern).search(value):
        return lim.pattern_hint or f"must match {lim.pattern}"
    return None


def _enum_message(spec: FieldSpec, value: Any) -> str:
    options = ", ".join(spec.choices)
    hint = ""
    if isinstance(value, str):
        close = difflib.get_close_matches(value.lower(), spec.choices, n=1, cutoff=0.5)
        hint = f"; did you mean {close[0]!r}?" if close else ""
    return f"must be one of: {options}{hint}"


@lru_cache(maxsize=64)
def _regex(pattern: str) -> re.Pattern[str]:
    # Python's "$" also matches before a trailing newline, so "abc\n" would pass ^[a-z]+$;
    # "\Z" is the true end of text, as a server's regex engines read "$".
    if pattern.endswith("$") and not pattern.endswith("\\$"):
        pattern = pattern[:-1] + "\\Z"
    return re.compile(pattern)


def check_value(spec: FieldSpec, value: Any, version: str = "v2") -> str | None:
    """The message for a present value that breaks ``spec``'s rules, or None."""
    if spec.kind == "int":
        return _check_int(spec, value, version)
    return _check_str(spec, value, version)


def required_message(spec: FieldSpec | None, version: str) -> str:
    if spec is None or spec.required == BOTH or version == "v2":
        return "is required"
    return "is required by the v1 API"


def validate_field(loc: str, value: Any, version: str = "v2") -> list[Issue]:
    """Check one field alone (the form does this per keystroke); cross-field rules excluded."""
    spec = field_for(loc)
    if spec is None:
        return [Issue(loc, "is not a field of an endpoint")]
    if is_absent(spec, value):
        return [Issue(loc, required_message(spec, version))] if spec.required_in(version) else []
    message = check_value(spec, value, version)
    return [Issue(loc, message)] if message else []


def _unknown(key: Any, loc: str, allowed: tuple[str, ...]) -> Issue:
    text = str(key)
    suggestion = difflib.get_close_matches(text, allowed, n=1, cutoff=0.6)
    alias = v1_aliases().get(text)
    if alias and alias.rsplit(".", 1)[-1] in allowed:
        suggestion = [alias.rsplit(".", 1)[-1]]
    hint = f"; did you mean {suggestion[0]!r}?" if suggestion else ""
    return Issue(loc, f"unknown field {text!r}{hint}")


class _Walker:
    """Walks a raw table against the declarations, collecting issues."""

    def __init__(self, version: str) -> None:
        self.version = version
        self.issues: list[Issue] = []

    def add(self, loc: str, message: str, severity: Severity = "error") -> None:
        self.issues.append(Issue(loc, message, severity))

    def table(self, obj: Mapping[str, Any], group: str, prefix: str) -> None:
        allowed = keys_of(group)
        for key in obj:
            if key not in allowed:
                self.issues.append(_unknown(key, f"{prefix}{key}", allowed))
        for key in allowed:
            pattern = f"{group}.{key}" if group else key
            self.entry(pattern, f"{prefix}{key}", obj.get(key))

    def entry(self, pattern: str, loc: str, value: Any) -> None:
        if pattern in GROUPS:
            self.group(pattern, loc, value)
        elif f"{pattern}.*" in GROUPS:
            self.items(f"{pattern}.*", loc, value, tables=True)
        elif f"{pattern}.*" in FIELDS:
            self.items(f"{pattern}.*", loc, value, tables=False)
        else:
            self.leaf(FIELDS[pattern], loc, value)

    def group(self, pattern: str, loc: str, value: Any) -> None:
        if value is None:
            if self.version not in GROUPS[pattern].required:
                return
            value = {}
        if not isinstance(value, Mapping):
            self.add(loc, "must be a table of fields")
            return
        self.table(value, pattern, f"{loc}.")

    def items(self, pattern: str, loc: str, value: Any, *, tables: bool) -> None:
        if value is None:
            return
        if not isinstance(value, list):
            self.add(loc, "must be a list")
            return
        for index, item in enumerate(value):
            where = f"{loc}.{index}"
            if not tables:
                self.leaf(FIELDS[pattern], where, item)
            elif isinstance(item, Mapping):
                self.table(item, pattern, f"{where}.")
            else:
                self.add(where, "must be a table of fields")

    def leaf(self, spec: FieldSpec, loc: str, value: Any) -> None:
        if is_absent(spec, value):
            if spec.required_in(self.version):
                self.add(loc, required_message(spec, self.version))
            return
        message = check_value(spec, value, self.version)
        if message:
            self.add(loc, message)


def validate(data: Any, version: str = "v2") -> Report:
    """All rules of ``version`` on a raw endpoint table: fields, cross-field rules, warnings."""
    if not isinstance(data, Mapping):
        return Report((Issue("", "the endpoint must be a table of fields"),))
    walker = _Walker(version)
    walker.table(data, "", "")
    walker.issues.extend(cross_rules(data, version))
    walker.issues.extend(_secret_warnings(data))
    return Report(tuple(walker.issues))


def _secret_warnings(data: Mapping[str, Any]) -> list[Issue]:
    envs = data.get("envs")
    if not isinstance(envs, list):
        return []
    out = []
    for index, env in enumerate(envs):
        if isinstance(env, Mapping) and looks_secret(env.get("key"), env.get("value")):
            out.append(
                Issue(
                    f"envs.{index}.value",
                    "looks like a secret written in clear; write ${NAME} to read it "
                    "from your environment when sending",
                    "warning",
                )
            )
    return out
