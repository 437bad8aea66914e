"""The endpoint model, its rules and its two renderings. Pure: no I/O, no Textual, no httpx."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from .envrefs import (
    credentials_in,
    reference_for,
    references,
    resolve,
    resolved_references,
    secret_values,
    variable_for,
)
from .fields import API_VERSIONS, ApiVersion, FieldSpec, GroupSpec, Limits
from .issues import Issue, Report, Severity
from .render import clean, render, render_v1, render_v2
from .rules import check_value, validate, validate_field
from .schema import FIELDS, GROUPS, field_for
from .secrets import env_ref, looks_secret, mask_key

if TYPE_CHECKING:
    from .parse import BodyError, Parsed, detect, from_v1, from_v2, parse_body, parse_list

# reading bodies back is for import, pull and responses, never for the form's first frame
_PARSE = {"BodyError", "Parsed", "detect", "from_v1", "from_v2", "parse_body", "parse_list"}


def __getattr__(name: str) -> Any:
    if name not in _PARSE:
        raise AttributeError(name)
    from . import parse

    value = getattr(parse, name)
    globals()[name] = value  # later lookups are plain attribute reads (responses use them)
    return value


__all__ = [
    "API_VERSIONS",
    "FIELDS",
    "GROUPS",
    "ApiVersion",
    "BodyError",
    "FieldSpec",
    "GroupSpec",
    "Issue",
    "Limits",
    "Parsed",
    "Report",
    "Severity",
    "check_value",
    "clean",
    "credentials_in",
    "detect",
    "env_ref",
    "field_for",
    "from_v1",
    "from_v2",
    "looks_secret",
    "mask_key",
    "parse_body",
    "parse_list",
    "reference_for",
    "references",
    "render",
    "render_v1",
    "render_v2",
    "resolve",
    "resolved_references",
    "secret_values",
    "validate",
    "validate_field",
    "variable_for",
]
