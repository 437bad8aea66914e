"""Keeping secrets out of everything the client records, prints or raises.

Three kinds of secret are hidden: the API key (and any value registered with
:meth:`Redactor.add`, such as resolved ``${NAME}`` env values), values under keys that
name a credential (``password``, ``token``...), and env values that look like credentials.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from typing import Any

from ..spec.secrets import looks_secret, mask_key
from .disguises import Disguises, disguises

MASK = "****"
# Narrower than spec.secrets' heuristic on purpose: "registry_auth_id" is an id, not a secret.
_SECRET_KEY = re.compile(r"(passw|secret|token|api[_-]?key|private[_-]?key|access[_-]?key)", re.I)
_SENSITIVE_HEADERS = frozenset({"authorization", "proxy-authorization", "cookie", "set-cookie"})
# secrets shorter than this would mask ordinary words; the API key is always longer
_MIN_SECRET = 4


def bearer(key: str | None) -> str:
    """How an Authorization header is shown: ``Bearer ****abcd`` (at most the last 4 characters)."""
    return f"Bearer {mask_key(key)}" if key else "(none)"


class Redactor:
    """Scrubs registered secret values out of strings, headers and JSON bodies.

    A value registered with a name (:meth:`add_references`, a resolved ``${NAME}``) that
    stands whole as an env value is written back as its ``${NAME}`` reference; anywhere
    else, and every other secret, becomes ``****`` in whatever form it is found
    (see :mod:`tui_app.api.disguises`).
    """

    def __init__(self, secrets: Iterable[str] = ()) -> None:
        self._secrets: list[str] = []
        self._forms: list[Disguises] = []
        self._hint: re.Pattern[str] | None = None
        self._names: dict[str, str] = {}  # resolved value -> the variable it came from
        self._verbatim = True  # every secret appears as-is inside any JSON text holding it
        self.add(secrets)

    def add(self, values: Iterable[str]) -> None:
        for value in values:
            if isinstance(value, str) and len(value) >= _MIN_SECRET and value not in self._secrets:
                self._secrets.append(value)
        # longest first, so a secret containing another is masked whole
        self._secrets.sort(key=len, reverse=True)
        self._forms = [disguises(s) for s in self._secrets]
        # one search says whether a text may hold any of them (the cores in lower case too)
        hints = [form.lower for form in self._forms]
        hints += [core.lower() for form in self._forms for core in form.cores]
        self._hint = re.compile("|".join(re.escape(h) for h in hints)) if hints else None
        self._verbatim = all(_verbatim_in_json(s) for s in self._secrets)

    def add_references(self, resolved: Mapping[str, str]) -> None:
        """Mask these ``NAME -> value`` pairs; env values equal to one read ``${NAME}``."""
        for name, value in resolved.items():
            if isinstance(value, str) and len(value) >= _MIN_SECRET:
                self._names.setdefault(value, name)
        self.add(resolved.values())

    def __repr__(self) -> str:
        return f"Redactor({len(self._secrets)} secrets)"

    def text(self, value: str) -> str:
        if self._hint is None:
            return value
        if not ("\\" in value or "%" in value or self._hint.search(value.lower())):
            return value
        for form in self._forms:
            value = form.pattern.sub(MASK, value)
        return value

    def contains_secret(self, value: str) -> bool:
        return self.text(value) != value

    def headers(self, headers: Iterable[tuple[str, str]], key: str | None) -> dict[str, str]:
        pairs = list(headers)
        if not any(name.lower() in _SENSITIVE_HEADERS for name, _ in pairs):
            # one search over all of them: an answer's headers rarely hold anything to mask
            joined = "\n".join(f"{name}\n{value}" for name, value in pairs)
            if self.text(joined) == joined:
                return dict(pairs)
        out: dict[str, str] = {}
        for name, value in pairs:
            lower = name.lower()
            if lower == "authorization" and value.startswith("Bearer "):
                out[name] = bearer(key or value.removeprefix("Bearer "))
            elif lower in _SENSITIVE_HEADERS:
                out[name] = MASK
            else:
                out[self.text(name)] = self.text(value)
        return out

    def body(self, obj: Any, raw: bytes | None = None) -> Any:
        """The JSON value with every secret masked. The input is never changed: parts that
        need masking are copied, and a value with nothing to mask comes back as it is.

        ``raw``, the JSON text ``obj`` was read from (or written as), lets the walk skip the
        search for registered secrets in every string when the text holds none of them.
        """
        return self._walk(obj, raw is None or self._maybe_in(raw))

    def _maybe_in(self, raw: bytes) -> bool:
        """Whether the JSON text may hold a secret: cheap byte tests, no decoding."""
        if not self._forms:
            return False
        if not self._verbatim or b"\\u" in raw or b"%" in raw:
            return True  # escapes or percent-encoding: only the decoded strings can tell
        # plain loops: this runs on every answer, and generators cost more than the searches
        for form in self._forms:
            for core in form.core_bytes:
                if core in raw:
                    return True
        lowered = raw.lower()
        return any(form.lower_bytes in lowered for form in self._forms)

    def _walk(self, obj: Any, texts: bool) -> Any:
        kind = type(obj)
        if kind is str:
            return self.text(obj) if texts else obj
        if kind is dict or isinstance(obj, Mapping):
            if "key" in obj and "value" in obj and len(obj) <= 3:
                return self._env(obj, texts)
            out = None
            for key, value in obj.items():
                kind = type(value)
                # the common cases inline (every answer is walked): text, numbers, nothing
                if kind is str:
                    named = _KEY_VERDICTS.get(key)
                    if named is None:
                        named = _secret_key(key)
                    if value and named:
                        masked: Any = MASK
                    elif texts:
                        masked = self.text(value)
                    else:
                        continue
                elif kind in _SCALARS:
                    continue
                else:
                    masked = self._walk(value, texts)
                if masked is not value:
                    if out is None:
                        out = dict(obj)
                    out[key] = masked
            return obj if out is None else out
        if kind is list:
            items = None
            for index, item in enumerate(obj):
                masked = self._walk(item, texts)
                if masked is not item:
                    if items is None:
                        items = list(obj)
                    items[index] = masked
            return obj if items is None else items
        return obj

    def _entry(self, key: Any, value: Any, texts: bool) -> Any:
        kind = type(value)
        if kind is str:
            if value and _secret_key(key):
                return MASK
            return self.text(value) if texts else value
        if kind is dict or kind is list:
            return self._walk(value, texts)
        return value if kind in _SCALARS else self._walk(value, texts)

    def _env(self, env: Mapping[str, Any], texts: bool) -> Any:
        value = env["value"]
        name = self._names.get(value) if texts and isinstance(value, str) else None
        if name is not None:
            return {**env, "value": f"${{{name}}}"}
        out = {k: self._entry(k, v, texts) for k, v in env.items()}
        if looks_secret(env.get("key"), env.get("value")):
            out["value"] = MASK
        return env if out == env else out


def _verbatim_in_json(secret: str) -> bool:
    # printable ASCII is written as-is by JSON encoders, except these (Go escapes <, >, &)
    return secret.isascii() and secret.isprintable() and not any(c in secret for c in '"\\/<>&')


_SCALARS = frozenset({int, float, bool, type(None)})
_KEY_VERDICTS: dict[Any, bool] = {}


def _secret_key(key: Any) -> bool:
    """Whether a key names a credential; keys repeat, so each is judged once."""
    verdict = _KEY_VERDICTS.get(key)
    if verdict is None:
        verdict = isinstance(key, str) and bool(_SECRET_KEY.search(key))
        if len(_KEY_VERDICTS) < 4096:
            _KEY_VERDICTS[key] = verdict
    return verdict


def _is_env(obj: Mapping[str, Any]) -> bool:
    return "key" in obj and "value" in obj and len(obj) <= 3
