"""Presets against what is deployed: plan (match by name, diff, cost) and apply the plan.

The CLI's ``apply`` and a screen both call :func:`plan` then :func:`apply`; each preset is
looked at and applied on its own, so one failure does not stop the others. Creates go
through :meth:`PpioClient.create`, which never sends a create twice; updates through
:meth:`PpioClient.update`, which refuses a change the API cannot make.
"""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING, Any, Literal, TypeVar

from ..spec.cost import Cost, estimate
from ..spec.plan import Step, plan_step
from .listing import Prices
from .types import ApiError, EndpointInfo

if TYPE_CHECKING:
    from .client import PpioClient

T = TypeVar("T")
Result = Literal[
    "created", "recovered", "updated", "unchanged", "cannot", "failed", "conflict", "unknown"
]


@dataclass(frozen=True)
class Planned:
    """One preset's place in the plan. ``data`` is the table to send (references resolved);
    ``step`` is None when looking it up failed (``error`` says why)."""

    label: str  # how the user named the preset (file or preset name)
    data: Mapping[str, Any] = field(repr=False)
    step: Step | None = None
    current: EndpointInfo | None = None
    error: ApiError | None = None
    cost: Cost | None = None  # of the preset, from list prices
    cost_before: Cost | None = None  # of what is deployed, for an update

    @property
    def name(self) -> str:
        return str(self.data.get("name") or "")


@dataclass(frozen=True)
class Outcome:
    """How applying one preset ended."""

    planned: Planned
    result: Result
    endpoint_id: str = ""
    detail: str = ""
    error: ApiError | None = None


async def prices(client: PpioClient) -> dict[str, float]:
    """Product id -> list price per GPU-hour (products without a price are left out)."""
    return dict(Prices.of(await client.products()).per_hour)


async def _bounded(limit: int, jobs: Sequence[Callable[[], Awaitable[T]]]) -> list[T]:
    gate = asyncio.Semaphore(max(1, limit))

    async def run(job: Callable[[], Awaitable[T]]) -> T:
        async with gate:
            return await job()

    return list(await asyncio.gather(*(run(job) for job in jobs)))


async def plan(
    client: PpioClient,
    presets: Sequence[tuple[str, Mapping[str, Any]]],
    *,
    concurrency: int = 4,
    price_list: Mapping[str, float] | None = None,
) -> list[Planned]:
    """Match each ``(label, table)`` to the deployed endpoint of its name and diff them.

    The list of endpoints is read once (a failure there raises); each match is then read
    in full with a get, ``concurrency`` at a time, and a failed get marks only its preset.
    """
    version = client.version
    named: dict[str, list[EndpointInfo]] = {}
    for info in await client.list_endpoints():
        named.setdefault(info.name, []).append(info)

    def job(label: str, data: Mapping[str, Any]) -> Callable[[], Awaitable[Planned]]:
        async def look() -> Planned:
            entry = Planned(label, data)
            matches = named.get(entry.name, [])
            if len(matches) > 1:
                ids = ", ".join(m.id for m in matches)
                detail = f"{len(matches)} endpoints carry this name ({ids}): delete the extra ones"
                return replace(entry, step=Step(entry.name, "cannot", detail=detail))
            if not matches:
                step = plan_step(entry.name, data, None, version)
                return _costed(replace(entry, step=step), price_list)
            try:
                current = await client.get(matches[0].id)
            except ApiError as exc:
                return replace(entry, error=exc)
            step = plan_step(entry.name, data, current.data, version, current.id)
            return _costed(replace(entry, step=step, current=current), price_list)

        return look

    return await _bounded(concurrency, [job(label, data) for label, data in presets])


def _costed(entry: Planned, price_list: Mapping[str, float] | None = None) -> Planned:
    if not price_list:
        return entry
    cost = estimate(entry.data, price_list.get(str(entry.data.get("product_id"))))
    before = None
    if entry.current is not None:
        held = entry.current.data
        price = price_list.get(str(held.get("product_id")))
        before = estimate(held, price, entry.current.workers_up)
    return replace(entry, cost=cost, cost_before=before)


async def apply_one(client: PpioClient, entry: Planned) -> Outcome:
    """Send what the plan says for one preset: a safe create, an update, or nothing."""
    step = entry.step
    if step is None or not step.sends:
        result: Result = "failed" if step is None else step.action  # type: ignore[assignment]
        return Outcome(entry, result, step.endpoint_id if step else "", error=entry.error)
    try:
        if step.action == "create":
            made = await client.create(dict(entry.data), client.version)
            detail = "" if made.outcome == "created" else made.describe()
            return Outcome(entry, made.outcome, made.id, detail)
        await client.update(step.endpoint_id, dict(entry.data), current=entry.current)
        return Outcome(entry, "updated", step.endpoint_id)
    except ApiError as exc:
        return Outcome(entry, "failed", step.endpoint_id, exc.message, exc)


async def apply(
    client: PpioClient, planned: Sequence[Planned], *, concurrency: int = 4
) -> list[Outcome]:
    """Apply every planned preset, ``concurrency`` at a time; one failure stops no other."""
    jobs = [lambda e=entry: apply_one(client, e) for entry in planned]
    return await _bounded(concurrency, jobs)
