"""The sandbox in-process: an httpx transport, no socket, no port.

Faults behave as they would on the wire: injected latency longer than the request's
read timeout ends in ``httpx.ReadTimeout``, and a dropped create in
``httpx.RemoteProtocolError``, after the sandbox has stored it.
"""

from __future__ import annotations

import asyncio

import httpx

from .core import SandboxCore


class SandboxTransport(httpx.AsyncBaseTransport):
    def __init__(self, sandbox: SandboxCore) -> None:
        self.sandbox = sandbox

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        content = await request.aread()
        target = request.url.raw_path.decode("ascii")
        reply = self.sandbox.handle(request.method, target, dict(request.headers), content)
        # a request on the wire lets the loop run while it waits: so does this one, or a
        # caller reading many pages would hold the loop for all of them
        await asyncio.sleep(0)
        if reply.delay:
            timeout = (request.extensions.get("timeout") or {}).get("read")
            if timeout is not None and reply.delay > timeout:
                await asyncio.sleep(timeout)
                raise httpx.ReadTimeout("timed out waiting for the answer", request=request)
            await asyncio.sleep(reply.delay)
        if reply.drop:
            raise httpx.RemoteProtocolError(
                "Server disconnected without sending a response.", request=request
            )
        headers = {"Content-Type": "application/json", **reply.headers}
        return httpx.Response(
            reply.status, headers=headers, content=reply.content(), request=request
        )


def sandbox_transport(sandbox: SandboxCore) -> httpx.AsyncBaseTransport:
    """An httpx transport answering every request from ``sandbox`` (the URL's host is ignored)."""
    return SandboxTransport(sandbox)
