"""Connection profiles: where requests go, which API version, which variable holds the key.

Precedence, highest first: the flags (``--profile``, ``--base-url``, ``--api-version``),
then ``PPIO_BASE_URL`` / ``PPIO_API_KEY``, then the chosen profile (``[profiles.NAME]`` in
config.toml, or a shipped one), chosen by ``--profile`` or config.toml's ``profile`` key.
With no key anywhere and nothing asked for explicitly, the target is the built-in sandbox.
Keys are only ever read from the environment, never from config.toml.
"""

from __future__ import annotations

import ipaddress
import math
import os
import re
from collections.abc import Mapping
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from ..config import load_config
from ..home import shown_path
from ..spec.routes import DEFAULT_BASE_URLS, SANDBOX_PREFIX
from .types import CREATE_LOOKUP_ATTEMPTS, CREATE_LOOKUP_WINDOW, REFRESH_INTERVAL, Target

KEY_VARIABLE = "PPIO_API_KEY"
BASE_URL_VARIABLE = "PPIO_BASE_URL"
SANDBOX_URL = "http://sandbox.local"
DEFAULT_PROFILE = "ppio"
V1_PREFIX = SANDBOX_PREFIX["v1"]  # /gpu-instance/openapi/v1, the documented v1 path on any origin
_ENV_NAME = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*$")
_PROFILE_KEYS = (
    "base_url",
    "api_version",
    "api_key_env",
    "description",
    "create_lookup_attempts",
    "create_lookup_window",
    "allow_http",
    "refresh_interval",
)


@dataclass(frozen=True)
class Profile:
    name: str
    base_url: str
    api_version: str
    api_key_env: str = KEY_VARIABLE
    description: str = ""
    source: str = "built-in"
    sandbox: bool = False
    # after a create whose answer was lost: how many looks by name, spread over how many seconds
    create_lookup_attempts: int = CREATE_LOOKUP_ATTEMPTS
    create_lookup_window: float = CREATE_LOOKUP_WINDOW
    allow_http: bool = False  # send the key over plain http:// to a host beyond loopback
    refresh_interval: float = REFRESH_INTERVAL  # seconds between looks of a shown endpoints list


SHIPPED: tuple[Profile, ...] = (
    Profile("ppio", DEFAULT_BASE_URLS["v2"], "v2", description="PPIO, API v2"),
    Profile("ppio-v1", DEFAULT_BASE_URLS["v1"], "v1", description="PPIO, API v1"),
    Profile(
        "novita",
        "https://api.novita.ai/gpu-instance/openapi/v1",
        "v1",
        "NOVITA_API_KEY",
        "Novita AI, API v1 (an example of another provider)",
    ),
    Profile("sandbox", SANDBOX_URL, "v2", description="built-in fake API, no key", sandbox=True),
)


def version_base(base_url: str, version: str) -> str:
    """The base URL the version's routes hang off.

    A bare origin gets v1's documented prefix under v1; a v1 base loses it under v2.
    A base URL with any other path is used as given.
    """
    base = base_url.rstrip("/")
    path = urlsplit(base).path
    if version == "v1" and not path:
        return base + V1_PREFIX
    if version == "v2" and path.endswith(V1_PREFIX):
        return base[: -len(V1_PREFIX)]
    return base


def origin(base_url: str) -> str:
    """scheme://host[:port] of a base URL (where the other version's routes live)."""
    parts = urlsplit(base_url)
    return f"{parts.scheme}://{parts.netloc}"


def operation_base(target: Target, version: str) -> str:
    """Where a version's routes live for a target; the other version's sit on its origin."""
    own = target.base_url if version == target.api_version else origin(target.base_url)
    return version_base(own, version)


def _check_url(value: Any, where: str) -> str:
    if not isinstance(value, str) or urlsplit(value).scheme not in ("http", "https"):
        raise ValueError(f"{where}: must be an http:// or https:// URL (got {value!r})")
    if not urlsplit(value).netloc:
        raise ValueError(f"{where}: has no host (got {value!r})")
    return value.rstrip("/")


def _check_version(value: Any, where: str) -> str:
    if value not in ("v1", "v2"):
        raise ValueError(f"{where}: must be v1 or v2 (got {value!r})")
    return str(value)


def _check_positive(value: Any, where: str, *, whole: bool) -> Any:
    kind = int if whole else (int, float)
    if isinstance(value, bool) or not isinstance(value, kind):
        raise ValueError(f"{where}: must be a {'whole ' if whole else ''}number (got {value!r})")
    if not math.isfinite(value) or value <= 0:
        raise ValueError(f"{where}: must be finite and above 0 (got {value!r})")
    return value


def _from_config(name: str, table: Any, base: Profile | None, source: str) -> Profile:
    where = f"{source}: [profiles.{name}]"
    if not isinstance(table, Mapping):
        raise ValueError(f"{where} must be a table")
    if "api_key" in table:
        raise ValueError(
            f"{where}: api_key is not read from config.toml; "
            'write api_key_env = "NAME" and export NAME instead'
        )
    unknown = sorted(set(table) - set(_PROFILE_KEYS))
    if unknown:
        raise ValueError(f"{where}: unknown key {unknown[0]!r}; known: {', '.join(_PROFILE_KEYS)}")
    if base is None and "base_url" not in table:
        raise ValueError(f"{where}: base_url is required")
    version = _check_version(table.get("api_version", base.api_version if base else "v2"), where)
    url = _check_url(table["base_url"], f"{where} base_url") if "base_url" in table else None
    key_env = table.get("api_key_env", base.api_key_env if base else KEY_VARIABLE)
    if not isinstance(key_env, str) or not _ENV_NAME.match(key_env):
        raise ValueError(f"{where} api_key_env: must be a variable name (got {key_env!r})")
    allow_http = table.get("allow_http", base.allow_http if base else False)
    if not isinstance(allow_http, bool):
        raise ValueError(f"{where} allow_http: must be true or false (got {allow_http!r})")
    start = base or Profile(name, url or "", version)
    return replace(
        start,
        base_url=url or start.base_url,
        api_version=version,
        api_key_env=key_env,
        description=str(table.get("description", start.description)),
        source=source,
        sandbox=False if url else start.sandbox,
        create_lookup_attempts=_check_positive(
            table.get("create_lookup_attempts", start.create_lookup_attempts),
            f"{where} create_lookup_attempts",
            whole=True,
        ),
        create_lookup_window=float(
            _check_positive(
                table.get("create_lookup_window", start.create_lookup_window),
                f"{where} create_lookup_window",
                whole=False,
            )
        ),
        allow_http=allow_http,
        refresh_interval=float(
            _check_positive(
                table.get("refresh_interval", start.refresh_interval),
                f"{where} refresh_interval",
                whole=False,
            )
        ),
    )


def load_profiles(home: Path) -> tuple[dict[str, Profile], dict[str, str]]:
    """Shipped profiles overlaid with config.toml's, and a problem per profile that is broken."""
    profiles = {p.name: p for p in SHIPPED}
    problems: dict[str, str] = {}
    config = load_config(home)
    if config.problems:
        problems[""] = config.problems[0]
    elif (wrong := _wrong_types(config.data, shown_path(config.path))) is not None:
        problems[""] = wrong
    for name, table in config.section("profiles").items():
        try:
            profiles[name] = _from_config(name, table, profiles.get(name), str(config.path))
        except ValueError as exc:
            problems[name] = str(exc)
            profiles.pop(name, None)
    default = config.data.get("profile")
    if default is not None and default not in profiles:
        problems["profile"] = f"{config.path}: profile = {default!r} is not a known profile"
    return profiles, problems


def _wrong_types(data: Mapping[str, Any], where: str) -> str | None:
    """A top-level key that decides the target but has the wrong type: never ignored."""
    if "profiles" in data and not isinstance(data["profiles"], Mapping):
        return f"{where}: profiles must be a table ([profiles.NAME])"
    if "profile" in data and not isinstance(data["profile"], str):
        return f"{where}: profile must be a profile name in quotes (got {data['profile']!r})"
    return None


def list_profiles(home: Path) -> list[Profile]:
    """Every usable profile: the shipped ones and config.toml's (broken ones are left out)."""
    return list(load_profiles(home)[0].values())


def resolve_target(
    home: Path,
    *,
    profile: str | None = None,
    base_url: str | None = None,
    api_version: str | None = None,
    environ: Mapping[str, str] | None = None,
    allow_http: bool = False,
) -> Target:
    """Where to send requests, from flags, environment and config (see the module docstring)."""
    env = os.environ if environ is None else environ
    profiles, problems = load_profiles(home)
    if "" in problems:  # a config.toml that cannot be read is never taken as an empty one
        raise ValueError(problems[""])
    explicit = profile is not None
    config_default = load_config(home).data.get("profile")
    name = profile or (config_default if isinstance(config_default, str) else DEFAULT_PROFILE)
    if name not in profiles:
        if name in problems:
            raise ValueError(problems[name])
        known = ", ".join(sorted(profiles))
        raise ValueError(f"unknown profile {name!r}; known profiles: {known}")
    chosen = profiles[name]
    version = _check_version(api_version, "--api-version") if api_version else chosen.api_version
    url = base_url or env.get(BASE_URL_VARIABLE) or None
    if url:
        url = _check_url(url, "--base-url" if base_url else BASE_URL_VARIABLE)
    variable = KEY_VARIABLE if env.get(KEY_VARIABLE) else chosen.api_key_env
    key = env.get(variable) or None
    extra = {
        "key_variable": variable,
        "create_lookup_attempts": chosen.create_lookup_attempts,
        "create_lookup_window": chosen.create_lookup_window,
        "refresh_interval": chosen.refresh_interval,
    }
    if chosen.sandbox and not url:
        return Target("sandbox", SANDBOX_URL, version, key, sandbox=True, **extra)
    if key is None and not url and not explicit:
        return Target("sandbox", SANDBOX_URL, version, None, sandbox=True, **extra)
    base = version_base(url or chosen.base_url, version)
    if key is not None and not (allow_http or chosen.allow_http):
        _refuse_plain_http(base)
    return Target(name, base, version, key, **extra)


def is_loopback(host: str) -> bool:
    if host.lower() == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def _refuse_plain_http(url: str) -> None:
    parts = urlsplit(url)
    if parts.scheme == "http" and not is_loopback(parts.hostname or ""):
        raise ValueError(
            f"not sending the API key to {parts.netloc} over plain http://: "
            "the key would travel unencrypted. Use https://, or allow it with --allow-http "
            "or allow_http = true in the profile"
        )
