"""The async client for both API versions: endpoints and the look-ups a form needs.

Every attempt goes through :class:`tui_app.api.exchanges.ExchangeClient`, which records it.
A create is never re-sent once it may have reached the server: the endpoint is looked up
by name first, returned if it is there, and sent again only when it surely is not.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from ..spec.render import render
from . import responses as read
from .exchanges import UNKNOWN_OUTCOME, ExchangeClient
from .types import ApiError, Choice, CreateResult, EndpointInfo, Product

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
        """Create an endpoint from a canonical table whose ``${NAME}`` refs are already resolved."""
        version = version or self.version
        name = data.get("name")
        recover = None
        if isinstance(name, str) and name:

            async def recover() -> CreateResult | None:
                return await self._find_created(name, data, version)

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
        eid = read.expect_object(answer, "the create request").get("id")
        if not isinstance(eid, str | int) or eid == "":
            raise ApiError("invalid_response", "the server accepted the create but sent no id")
        return CreateResult(id=str(eid))

    async def _find_created(
        self, name: str, data: Mapping[str, Any], version: str
    ) -> CreateResult | None:
        """After an answer was lost: the endpoint this create made, if the server has it."""
        try:
            found = await self._list(version, keyword=name, limit=None, op="create-lookup")
        except ApiError as exc:
            exc.message = f"looking the endpoint up failed ({exc.message}){UNKNOWN_OUTCOME}"
            raise exc from None
        for info in found:
            if info.name == name and _same_deployment(info.data, data):
                return CreateResult(id=info.id, url=info.url, recovered=True)
        return None

    async def list_endpoints(self, *, limit: int | None = None) -> list[EndpointInfo]:
        """Every endpoint (all pages), or the first ``limit``."""
        return await self._list(self.version, limit=limit)

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
        out: list[EndpointInfo] = []
        size = min(PAGE_SIZE, limit or PAGE_SIZE)
        for number in range(1, MAX_PAGES + 1):
            params = {"pageSize": size, "pageNum": number}
            answer = await self._call(
                op, "GET", self.url("v1", "list"), version="v1", params=params
            )
            page = read.expect_object(answer, "the list request")
            items = read.endpoint_items(page, "v1")
            out.extend(items)
            total = read.as_int(page.get("total"))
            done = total is not None and len(out) >= total
            if (limit and len(out) >= limit) or done or len(items) < size:
                break
        return out[:limit] if limit else out

    async def get(self, endpoint_id: str) -> EndpointInfo:
        what = f"endpoint {endpoint_id}"
        if self.version == "v1":
            url, params = self.url("v1", "get"), {"id": endpoint_id}
        else:
            url, params = self.url("v2", "get", endpoint_id), None
        answer = await self._call("get", "GET", url, params=params, what=what)
        return read.endpoint_info(answer, self.version)

    async def update(self, endpoint_id: str, data: dict[str, Any]) -> None:
        """Replace the endpoint's configuration with the full table ``data``."""
        what = f"endpoint {endpoint_id}"
        body = render(data, self.version)
        if self.version == "v1":
            inner = {k: v for k, v in body["endpoint"].items() if k != "appName"}
            payload = {"id": endpoint_id, **inner}  # v1 update: flat, the id inside
            await self._call("update", "POST", self.url("v1", "update"), body=payload, what=what)
            return
        body = {k: v for k, v in body.items() if k not in ("type", "app_name")}  # immutable
        url = self.url("v2", "update", endpoint_id)
        await self._call("update", "PUT", url, body=body, what=what)

    async def delete(self, endpoint_id: str) -> None:
        what = f"endpoint {endpoint_id}"
        if self.version == "v1":
            url = self.url("v1", "delete")
            await self._call(
                "delete", "POST", url, body={"id": endpoint_id}, what=what, gone_ok=True
            )
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

    async def regions(self) -> list[Choice]:
        """v1 clusters; under v2, the regions the serverless products are offered in."""
        if self.version == "v2":
            return read.regions_from_products(await self.products())
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


def _same_deployment(found: Mapping[str, Any], sent: Mapping[str, Any]) -> bool:
    """The endpoint found by name is the one just sent, not an older one with that name."""
    return all(found.get(k) == sent.get(k) for k in ("product_id", "image") if sent.get(k))
