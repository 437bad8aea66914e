"""The look-ups (products, regions, registry auths) kept per target in the data home.

A start-up describes the ids in the form from here, without building the HTTP client; the
look-ups are fetched again in the background once the copy is older than :data:`MAX_AGE`.
Only ids, names and descriptions are kept: a registry auth's password never reaches a
:class:`Choice`, so it never reaches this file. A file that cannot be read back is ignored
and written over by the next fetch.
"""

from __future__ import annotations

import json
import time
import zlib
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from ..home import atomic_write, cache_dir, read_limited
from ..spec.untrusted import parse_json
from .types import Choice, Product

FORMAT = 3  # 2: products carry their bounds; storages are kept. 3: a checksum of the target
MAX_AGE = 3600.0  # seconds; older copies are still shown, then refreshed
MAX_BYTES = 512 * 1024
MAX_ITEMS = 1000  # per look-up


@dataclass(frozen=True)
class Lookups:
    products: list[Product]
    regions: list[Choice]
    auths: list[Choice]
    saved_at: float
    storages: list[Choice] = field(default_factory=list)

    def stale(self, now: float | None = None) -> bool:
        age = (time.time() if now is None else now) - self.saved_at
        return not 0 <= age <= MAX_AGE  # a copy from the future: the clock moved back


def _where(target: Any) -> bytes:
    return f"{target.profile}\n{target.base_url}\n{target.api_version}".encode()


def _check(target: Any) -> str:
    # a second, independent checksum: the file never holds the base URL (it may carry a
    # user name and password), yet a copy is used only for the target it came from
    return f"{zlib.adler32(_where(target)):08x}"


def cache_path(home: Path, target: Any) -> Path:
    """One file per target: its origin, API version and profile (different accounts).

    The name is a CRC of the target, not a cryptographic hash: hashlib loads OpenSSL (0.6 MiB
    at start). The file keeps another checksum of the target, so two targets that share a
    name only cost each other a fetch.
    """
    return cache_dir(home) / f"lookups-{zlib.crc32(_where(target)):08x}.json"


def read_lookups(home: Path, target: Any) -> Lookups | None:
    """The kept look-ups for ``target``, or None: none kept, or the file is unreadable."""
    try:
        doc = parse_json(read_limited(cache_path(home, target), MAX_BYTES))
        if doc.get("format") != FORMAT or doc.get("target") != _check(target):
            return None
        return Lookups(
            products=[_product(row) for row in _rows(doc, "products")],
            regions=[_choice(row) for row in _rows(doc, "regions")],
            auths=[_choice(row) for row in _rows(doc, "auths")],
            storages=[_choice(row) for row in _rows(doc, "storages")],
            saved_at=_number(doc.get("saved_at")),
        )
    except (OSError, ValueError, TypeError, KeyError, AttributeError):
        return None


def write_lookups(home: Path, target: Any, lookups: Lookups) -> None:
    """Keep ``lookups`` for ``target`` (0600, replaced atomically); a failure is not fatal."""
    doc = {
        "format": FORMAT,
        "target": _check(target),
        "saved_at": lookups.saved_at,
        "products": [asdict(p) for p in lookups.products[:MAX_ITEMS]],
        "regions": [asdict(c) for c in lookups.regions[:MAX_ITEMS]],
        "auths": [asdict(c) for c in lookups.auths[:MAX_ITEMS]],
        "storages": [asdict(c) for c in lookups.storages[:MAX_ITEMS]],
    }
    data = json.dumps(doc, ensure_ascii=True, separators=(",", ":")).encode()
    if len(data) > MAX_BYTES:
        return  # too big to read back: fetched each time instead
    path = cache_path(home, target)
    try:
        path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
        atomic_write(path, data, 0o600)
    except OSError:
        pass  # an unwritable data folder costs a fetch at the next start, nothing more


def _rows(doc: dict[str, Any], key: str) -> list[dict[str, Any]]:
    rows = doc[key]
    if not isinstance(rows, list) or len(rows) > MAX_ITEMS:
        raise ValueError(key)
    return rows


def _text(value: Any) -> str:
    if not isinstance(value, str):
        raise TypeError("not text")
    return value


def _number(value: Any) -> float:
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise TypeError("not a number")
    return float(value)


def _product(row: dict[str, Any]) -> Product:
    memory, price = row["gpu_memory_gb"], row["price_per_hour"]
    return Product(
        id=_text(row["id"]),
        name=_text(row["name"]),
        gpu_memory_gb=None if memory is None else int(_number(memory)),
        regions=tuple(_text(r) for r in row["regions"]),
        price_per_hour=None if price is None else _number(price),
        deployable=row["deployable"] is True,
        source=_text(row["source"]),
        gpu_bounds=_bounds(row["gpu_bounds"]),
        rootfs_bounds=_bounds(row["rootfs_bounds"]),
    )


def _bounds(pair: Any) -> tuple[int | None, int | None]:
    low, high = pair
    return (
        None if low is None else int(_number(low)),
        None if high is None else int(_number(high)),
    )


def _choice(row: dict[str, Any]) -> Choice:
    return Choice(
        id=_text(row["id"]),
        name=_text(row["name"]),
        detail=_text(row["detail"]),
        region=_text(row["region"]),
    )
