"""The validator against the PUBLISHED numbers, written out literally.

``test_declared_bounds`` checks that each declared bound holds; this file checks that the
declared bounds are the published ones. Sources: seeds/ppio-v1-create-endpoint.md and
seeds/ppio-v2-create-endpoint.txt (the create pages), and ppio-api.md §3.3 for
``max_replicas`` (the v2 update page: "整数，取值范围：[0, 1000]").
"""

from __future__ import annotations

from typing import Any

import pytest

from tests.spec.models import BASE, with_value
from tui_app import spec

# (version, location, published low, published high, kind); text limits are in characters
# ("长度限制：0-220 字符"), numbers are inclusive ranges.
PUBLISHED: list[tuple[str, str, int, int, str]] = [
    # v1 create page
    ("v1", "name", 0, 220, "text"),
    ("v1", "image", 0, 511, "text"),
    ("v1", "registry_auth_id", 0, 255, "text"),  # image.authId
    ("v1", "command", 0, 2047, "text"),  # image.command
    ("v1", "volumes.0.mount_point", 0, 255, "path"),  # volumeMounts.mountPath
    ("v1", "region_id", 0, 255, "text"),  # clusterID
    ("v1", "ports.0", 1, 65535, "int"),  # "支持的端口号范围：1-65535"
    # v2 create page
    ("v2", "name", 1, 255, "text"),
    ("v2", "product_id", 1, 255, "text"),
    ("v2", "image", 1, 500, "text"),
    ("v2", "app_name", 0, 255, "text"),
    ("v2", "registry_auth_id", 0, 255, "text"),
    ("v2", "ports.0", 1, 65535, "int"),  # "每项取值范围：[1, 65535]"
    # v2 update page, carried to create (ppio-api.md §3.3)
    ("v2", "worker_config.max_replicas", 0, 1000, "int"),
]
IDS = [f"{version}-{loc}" for version, loc, *_ in PUBLISHED]


def text_of(kind: str, length: int) -> str:
    # "path" values must start with '/': the slash counts towards the length
    return "/" + "a" * (length - 1) if kind == "path" else "a" * length


def errors_at(loc: str, value: Any, version: str) -> list[str]:
    """The messages for ``loc`` alone (as the form checks it) and in a whole table."""
    alone = [i.message for i in spec.validate_field(loc, value, version)]
    table = spec.validate(with_value(BASE[version], loc, value), version)
    whole = [i.message for i in table.at(loc) if i.severity == "error"]
    assert alone == whole, (alone, whole)
    return alone


@pytest.mark.parametrize(("version", "loc", "low", "high", "kind"), PUBLISHED, ids=IDS)
def test_the_published_upper_limit(version: str, loc: str, low: int, high: int, kind: str) -> None:
    if kind == "int":
        assert errors_at(loc, high, version) == []
        [refused] = errors_at(loc, high + 1, version)
        assert f"between {low} and {high} (got {high + 1})" in refused
    else:
        assert errors_at(loc, text_of(kind, high), version) == []
        [refused] = errors_at(loc, text_of(kind, high + 1), version)
        assert f"must be at most {high} characters" in refused
        assert f"(has {high + 1})" in refused


@pytest.mark.parametrize(("version", "loc", "low", "high", "kind"), PUBLISHED, ids=IDS)
def test_the_published_lower_limit(version: str, loc: str, low: int, high: int, kind: str) -> None:
    if kind == "int":
        assert errors_at(loc, low, version) == []
        [refused] = errors_at(loc, low - 1, version)
        assert f"between {low} and {high} (got {low - 1})" in refused
    elif low == 1:
        # "长度限制：1-…": the empty text is refused, as a required field left empty
        assert errors_at(loc, "", version) == ["is required"]
        assert errors_at(loc, "a", version) == []
    elif kind == "text" and loc != "image":  # v1 image is required although 0-511 is printed
        assert errors_at(loc, "", version) == []
