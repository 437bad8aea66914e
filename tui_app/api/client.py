"""The async client for both API versions: endpoints and the look-ups a form needs.

Every attempt goes through :class:`tui_app.api.exchanges.ExchangeClient`, which records it.
A create is never re-sent once it may have reached the server: the endpoint is looked up
by name instead (see :mod:`tui_app.api.recovery` for what counts as found).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import replace
from typing import Any

from ..spec.diff import immutable_changes
from ..spec.render import render, render_update
from . import responses as read
from .exchanges import ExchangeClient
from .recovery import CreateCheck, not_ours
from .types import ApiError, Choice, CreateResult, EndpointInfo, Product, now

PAGE_SIZE = 50
MAX_PAGES = 1000


class PpioClient(ExchangeClient):
    """One target, both API versions. Use as ``async with PpioClient(target) as client``.

    ``PpioClient(target, *, history_path=None, transport=None, sandbox=None, timeout=30.0,
    retry=None, secrets=())``: a sandbox target without a transport gets the in-process
    sandbox (``client.sandbox``).
    """

    # --- endpoints --------------------------------------------------------------------

    async def create(self, data: dict[str, Any], version: str | None = None) -> CreateResult:
        """Create an endpoint from a canonical table whose ``${NAME}`` refs are already resolved.

        Re-sent only when it surely never reached the server (no connection, or a 429).
        After any other failure it is looked up by name instead, and the result says
        whether it was found (``recovered``), something else carries the name
        (``conflict``), or nothing was found (``unknown``).
        """
        version = version or self.version
        name = data.get("name")
        name = name if isinstance(name, str) else ""
        started = now()
        # v1 answers carry no creation time: note who has the name before sending
        earlier = await self._earlier(name, version) if version == "v1" and name else None
        check = CreateCheck(name, data, version, started, earlier)

        async def recover(error: ApiError) -> CreateResult:
            return await self._look_up(replace(check, lost=error.message))

        answer = await self._call(
            "create",
            "POST",
            self.url(version, "create"),
            version=version,
            body=render(data, version),
            what="the create request",
            idempotent=False,
            recover=recover,
        )
        if isinstance(answer, CreateResult):
            return answer
        eid = answer.get("id") if isinstance(answer, Mapping) else None
        if isinstance(eid, bool) or not isinstance(eid, str | int) or eid == "":
            lost = "the server accepted it but its answer carried no readable id"
            return await self._look_up(replace(check, lost=lost))
        return CreateResult(id=str(eid), name=name)

    async def check_create(self, result: CreateResult) -> CreateResult:
        """Look once more for the endpoint of a create whose outcome was not certain.

        Only looks (list and get); the create itself is never sent again.
        """
        if not isinstance(result.check, CreateCheck):
            raise ValueError("this result has nothing to look up")
        return await self._look_up(result.check, attempts=1)

    async def _earlier(self, name: str, version: str) -> frozenset[str] | None:
        try:
            found = await self._list(version, keyword=name, limit=None, op="create-precheck")
        except ApiError:
            return None  # the age of a same-name endpoint then stays unknown
        return frozenset(info.id for info in found if info.name == name)

    async def _look_up(self, check: CreateCheck, attempts: int | None = None) -> CreateResult:
        """Poll by name (never create) over the target's look-up window."""
        found = CreateResult(outcome="unknown", name=check.name, lost=check.lost, check=check)
        if not check.name:
            return replace(found, detail="it has no name to look it up by")
        attempts = attempts or self.target.create_lookup_attempts
        window = self.target.create_lookup_window if attempts > 1 else 0.0
        policy = self.retry
        begun = policy.clock()
        others: dict[str, str] = {}
        failure = ""
        for look in range(attempts):
            if look:  # looks spread evenly over the window, whatever each one took
                due = begun + window * look / (attempts - 1)
                await policy.sleep(max(0.0, due - policy.clock()))
            try:
                named = await self._named(check)
            except ApiError as exc:
                failure = exc.message
                continue
            failure = ""
            for info in named:
                why = not_ours(check, info)
                if why is None:
                    return replace(found, id=info.id, url=info.url, outcome="recovered")
                others[info.id] = why
        if others:
            eid, why = next(iter(others.items()))
            more = len(others) - 1
            also = f"; {more} more endpoint(s) carry the name" if more else ""
            return replace(found, id=eid, outcome="conflict", detail=why + also)
        if failure:
            return replace(found, detail=f"looking it up failed ({failure})")
        looks = f"{attempts} looks over {window:g}s" if attempts > 1 else "one look"
        return replace(found, detail=f"no endpoint named {check.name!r} was found in {looks}")

    async def _named(self, check: CreateCheck) -> list[EndpointInfo]:
        """Every endpoint called ``check.name``, each read in full with a get."""
        listed = await self._list(check.version, keyword=check.name, limit=None, op="create-lookup")
        out = []
        for info in listed:
            if info.name != check.name:
                continue
            try:
                out.append(await self._get(info.id, check.version, "create-lookup"))
            except ApiError as exc:
                if exc.kind != "not_found":  # gone since the list: not this create's
                    raise
        return out

    async def list_endpoints(
        self, *, limit: int | None = None, keyword: str | None = None
    ) -> list[EndpointInfo]:
        """Every endpoint (all pages), or the first ``limit``; v2 narrows by ``keyword``
        (a search, not an exact match), v1 lists everything."""
        return await self._list(self.version, limit=limit, keyword=keyword)

    async def _list(
        self, version: str, *, limit: int | None, keyword: str | None = None, op: str = "list"
    ) -> list[EndpointInfo]:
        if version == "v1":
            return await self._list_v1(limit, op)
        out: list[EndpointInfo] = []
        cursor = ""
        seen: set[str] = set()
        for _ in range(MAX_PAGES):
            params: dict[str, Any] = {"limit": min(PAGE_SIZE, limit or PAGE_SIZE)}
            if cursor:
                params["cursor"] = cursor
            if keyword:
                params["keyword"] = keyword
            answer = await self._call(
                op, "GET", self.url("v2", "list"), version="v2", params=params
            )
            page = read.expect_object(answer, "the list request")
            items = read.endpoint_items(page, "v2")
            out.extend(items)
            cursor = str(page.get("next_cursor") or "")
            more = page.get("has_more", bool(cursor))
            if (limit and len(out) >= limit) or not (more and cursor and items) or cursor in seen:
                break
            seen.add(cursor)
        return out[:limit] if limit else out

    async def _list_v1(self, limit: int | None, op: str) -> list[EndpointInfo]:
        """Every page, whether the server counts ``pageNum`` from 0 (as documented clients
        do) or from 1: pages are read from 0 and deduplicated by id; a page 1 that only
        repeats page 0 means the server counts from 1 (it read 0 as 1), so reading goes on.
        Stops at an empty page, a page with nothing new, a short page, or ``total``."""
        out: list[EndpointInfo] = []
        seen: set[str] = set()
        size = min(PAGE_SIZE, limit or PAGE_SIZE)
        number = 0
        while number < MAX_PAGES:
            try:
                page = await self._v1_page(op, size, number)
            except ApiError as exc:
                if number == 0 and exc.kind == "bad_request":  # a server that counts from 1
                    number = 1
                    continue
                raise
            items = read.endpoint_items(page, "v1")
            fresh = [i for i in items if i.id not in seen]
            seen.update(i.id for i in fresh)
            out.extend(fresh)
            total = read.as_int(page.get("total"))
            if (limit and len(out) >= limit) or (total is not None and len(out) >= total):
                break
            # page 0 empty or page 1 a repeat: the server may count from 1; look at page 1/2
            if not fresh and number != 0 and not (number == 1 and items):
                break
            if fresh and len(items) < size:
                break
            number += 1
        return out[:limit] if limit else out

    async def _v1_page(self, op: str, size: int, number: int) -> Mapping[str, Any]:
        params = {"pageSize": size, "pageNum": number}
        answer = await self._call(op, "GET", self.url("v1", "list"), version="v1", params=params)
        return read.expect_object(answer, "the list request")

    async def get(self, endpoint_id: str) -> EndpointInfo:
        return await self._get(endpoint_id, self.version)

    async def _get(self, endpoint_id: str, version: str, op: str = "get") -> EndpointInfo:
        what = f"endpoint {endpoint_id}"
        if version == "v1":
            url, params = self.url("v1", "get"), {"id": endpoint_id}
        else:
            url, params = self.url("v2", "get", endpoint_id), None
        answer = await self._call(op, "GET", url, version=version, params=params, what=what)
        return read.endpoint_info(answer, version)

    async def update(
        self, endpoint_id: str, data: dict[str, Any], current: EndpointInfo | None = None
    ) -> None:
        """Replace the endpoint's configuration with the full table ``data`` (refs resolved).

        Envs, volumes and ports are sent even when empty, so removing one clears it.
        A change to a field the API cannot change (v2: type, app name) is refused before
        anything is sent, with a ``bad_request`` error naming the field; ``current`` is
        the deployed endpoint, looked up when not given.
        """
        what = f"endpoint {endpoint_id}"
        version = self.version
        current = current or await self._get(endpoint_id, version)
        fixed = immutable_changes(data, current.data, version)
        if fixed:
            raise ApiError("bad_request", fixed[0].describe(), field=fixed[0].path)
        body = render_update(data, version, endpoint_id)
        if version == "v1":  # v1 update: flat, the id inside, every field in full
            await self._call("update", "POST", self.url("v1", "update"), body=body, what=what)
            return
        url = self.url("v2", "update", endpoint_id)
        await self._call("update", "PUT", url, body=body, what=what)

    async def delete(self, endpoint_id: str) -> None:
        what = f"endpoint {endpoint_id}"
        if self.version == "v1":
            url = self.url("v1", "delete")
            # the page documents {"name": id}, other clients send {"id": id}: both are sent
            body = {"id": endpoint_id, "name": endpoint_id}
            await self._call("delete", "POST", url, body=body, what=what, gone_ok=True)
            return
        url = self.url("v2", "delete", endpoint_id)
        await self._call("delete", "DELETE", url, what=what, gone_ok=True)

    # --- look-ups -------------------------------------------------------------------------

    async def products(self) -> list[Product]:
        """Serverless GPU products from the v2 list (also under a v1 target, on its origin).

        A v1 origin that does not serve the v2 list gets the two serverless GPUs PPIO's
        guide names, marked ``source="built-in"`` (the v1 API has no serverless list).
        """
        params = {"type": "gpu", "category": "serverless"}
        try:
            answer = await self._call(
                "products", "GET", self.url("v2", "products"), version="v2", params=params
            )
        except ApiError as exc:
            if self.version == "v1" and exc.kind == "not_found":
                return list(read.BUILT_IN_PRODUCTS)
            raise
        return read.products(answer)

    async def regions(self, products: list[Product] | None = None) -> list[Choice]:
        """v1 clusters; under v2, the regions the serverless products are offered in: from
        ``products`` when the caller has just fetched them (one GET, not two)."""
        if self.version == "v2":
            if products is None:
                products = await self.products()
            return read.regions_from_products(products)
        return read.clusters(await self._lookup("clusters"))

    async def registry_auths(self) -> list[Choice]:
        """Saved registry credentials: id, name and user name (never the password)."""
        return read.registry_auths(await self._lookup("registry_auths"))

    async def storages(self) -> list[Choice]:
        return read.storages(await self._lookup("storages"))

    async def limits(self) -> dict[str, Any]:
        """The v1 endpoint limits (minWorkerNum, maxRootfsSize, cudaVersionList...)."""
        return read.limits(await self._lookup("limits"))

    async def _lookup(self, operation: str) -> Any:
        # v2 publishes no such routes; the v1 ones are served on the same origin
        url = self.url("v1", operation)
        return await self._call(operation.replace("_", "-"), "GET", url, version="v1")
