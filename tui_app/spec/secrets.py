"""Recognising secrets: env references, values that look like credentials, key masking."""

from __future__ import annotations

import math
import re
from collections import Counter
from typing import Any

ENV_REF = re.compile(r"^\$\{([A-Za-z_][A-Za-z0-9_]*)\}$")
_SECRET_NAME = re.compile(
    r"(secret|token|passw|pwd|api[_-]?key|access[_-]?key|private[_-]?key|credential|auth)", re.I
)
_SECRET_PREFIX = re.compile(
    r"^(hf_[A-Za-z0-9]{20,}|sk-[A-Za-z0-9_-]{16,}|gh[pousr]_[A-Za-z0-9]{20,}|github_pat_\w{20,}"
    r"|AKIA[0-9A-Z]{16}|xox[abpr]-[A-Za-z0-9-]{10,}|glpat-[A-Za-z0-9_-]{20,}|eyJ[\w-]{10,}\.[\w-]{10,})"
)


def env_ref(value: Any) -> str | None:
    """The variable name if ``value`` is exactly ``${NAME}``."""
    if not isinstance(value, str):
        return None
    match = ENV_REF.match(value)
    return match.group(1) if match else None


def _entropy(text: str) -> float:
    counts = Counter(text)
    return -sum(n / len(text) * math.log2(n / len(text)) for n in counts.values())


def _random_looking(value: str) -> bool:
    if len(value) < 24 or any(c.isspace() for c in value) or "/" in value:
        return False
    classes = sum(
        (
            any(c.islower() for c in value),
            any(c.isupper() for c in value),
            any(c.isdigit() for c in value),
        )
    )
    return classes >= 2 and _entropy(value) >= 4.0


def looks_secret(key: Any, value: Any) -> bool:
    """True when an env value is probably a credential in clear (not a ${NAME} reference)."""
    if not isinstance(value, str) or not value or env_ref(value):
        return False
    if _SECRET_PREFIX.match(value):
        return True
    named = isinstance(key, str) and bool(_SECRET_NAME.search(key))
    return (named and (len(value) >= 8 or _random_looking(value))) or _random_looking(value)


def mask_key(key: str | None) -> str:
    """``Bearer ****abcd`` style: never more than the last four characters."""
    if not key:
        return "(none)"
    return f"****{key[-4:]}" if len(key) >= 12 else "****"
