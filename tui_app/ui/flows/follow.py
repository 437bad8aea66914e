"""Following an endpoint after a submit: its status on the status line until it settles.

One worker of the ``follow`` group polls with :func:`tui_app.api.follow.follow`; a new
follow replaces the old one, a new submit cancels it, and quitting ends it with the app.
"""

from __future__ import annotations

from typing import Any

from textual.message import Message

from ..services import Connection
from .base import Flow, Post, Run

FOLLOW_GROUP = "follow"
FOLLOW_INTERVAL = 5.0  # seconds between looks, as ``endpoints status --watch``
FOLLOW_LOOKS = 240  # then it stops: 20 minutes at the default interval


class StopFollowing(Exception):
    """Enough looks: the endpoint is left as it is."""


class FollowStatus(Message, bubble=False):
    """Where the followed endpoint is: ``text`` for the status line; ``final`` once it settled."""

    def __init__(self, text: str, *, failed: bool = False, final: bool = False) -> None:
        super().__init__()
        self.text = text
        self.failed = failed
        self.final = final


class FollowFlow(Flow):
    def __init__(
        self,
        connection: Connection,
        post: Post,
        run: Run,
        interval: float | None = FOLLOW_INTERVAL,
        looks: int = FOLLOW_LOOKS,
    ) -> None:
        super().__init__(post, run)
        self.connection = connection
        self.interval = interval  # None: nothing is followed
        self.looks = looks

    def start(self, endpoint_id: str, name: str) -> None:
        if self.interval is None:
            return
        self.spawn(self._follow(endpoint_id, name), group=FOLLOW_GROUP, exclusive=True)

    async def _follow(self, endpoint_id: str, name: str) -> None:
        from ...api import ApiError
        from ...api.follow import final, follow, snapshot

        client = await self.connection.client_now()
        if client is None:
            return
        label = f"{name} ({endpoint_id})" if name else endpoint_id
        looks = 0

        async def get() -> Any:
            nonlocal looks
            looks += 1
            if looks > self.looks:
                raise StopFollowing
            return await client.get(endpoint_id)

        interval = self.interval or 0.0
        try:
            async for info, _lines in follow(get, interval):
                snap = snapshot(info)
                state = final(snap)
                url = f" · {info.url}" if info.url else ""
                why = f": {snap.reason}" if state == "failed" and snap.reason else ""
                up = f", workers up {snap.up}/{snap.desired}" if state is None else ""
                text = self.connection.redact(f"{label}: {snap.status}{why}{up}{url}")
                self.post(FollowStatus(text, failed=state == "failed", final=state is not None))
        except StopFollowing:
            self.post(FollowStatus(f"{label}: not settled after {self.looks} looks", final=True))
        except ApiError as exc:
            said = self.connection.redact(exc.message)
            self.post(FollowStatus(f"{label}: following stopped ({said})", failed=True, final=True))
