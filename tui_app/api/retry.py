"""When to try again and how long to wait: backoff with full jitter, Retry-After first."""

from __future__ import annotations

import asyncio
import datetime
import random
import time
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field

RETRY_STATUSES: frozenset[int] = frozenset({429, 502, 503, 504})


@dataclass
class RetryPolicy:
    """Bounds for one call: ``attempts`` tries at most, all within ``deadline`` seconds.

    ``sleep``, ``clock`` and ``rng`` are injectable so tests check the waits without waiting.
    """

    attempts: int = 4
    base_delay: float = 0.5
    max_delay: float = 8.0
    deadline: float = 60.0
    # a Retry-After longer than this is not worth waiting for inside one call
    max_retry_after: float = 30.0
    statuses: frozenset[int] = RETRY_STATUSES
    sleep: Callable[[float], Awaitable[None]] = field(default=asyncio.sleep, repr=False)
    clock: Callable[[], float] = field(default=time.monotonic, repr=False)
    rng: random.Random = field(default_factory=random.Random, repr=False)

    def backoff(self, attempt: int) -> float:
        """Full jitter: uniform in [0, min(max_delay, base * 2**(attempt-1))]."""
        ceiling = min(self.max_delay, self.base_delay * (2 ** max(0, attempt - 1)))
        return self.rng.uniform(0.0, ceiling)

    def delay(self, attempt: int, retry_after: float | None) -> float | None:
        """Seconds to wait before attempt ``attempt + 1``; None when the server asks too much."""
        if retry_after is not None:
            return None if retry_after > self.max_retry_after else max(0.0, retry_after)
        return self.backoff(attempt)

    @classmethod
    def none(cls) -> RetryPolicy:
        return cls(attempts=1)


def parse_retry_after(value: str | None, now: float | None = None) -> float | None:
    """Seconds to wait from a Retry-After header: delta-seconds or an HTTP date."""
    if not value:
        return None
    text = value.strip()
    try:
        seconds = float(text)
    except ValueError:
        pass
    else:
        return max(0.0, seconds) if seconds == seconds else None  # NaN is not a delay
    import email.utils  # a date here is rare; the module costs 0.25 MiB at start

    try:
        moment = email.utils.parsedate_to_datetime(text)
    except (TypeError, ValueError, IndexError):
        return None
    if moment is None:
        return None
    if moment.tzinfo is None:  # "-0000" means UTC with no zone information
        moment = moment.replace(tzinfo=datetime.UTC)
    current = time.time() if now is None else now
    return max(0.0, moment.timestamp() - current)
