"""Where requests go, from the screen's side: resolve the target, fetch the look-ups, list
profiles. The state itself is the :class:`Connection` service, shared by every screen."""

from __future__ import annotations

import asyncio
import time
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from textual.message import Message

from ..services import Connection
from .base import Flow, Post, Run

if TYPE_CHECKING:
    from ...api import PpioClient, Target
    from ...api.lookup_cache import Lookups

LOOKUPS = (
    ("product_id", "product", "products"),
    ("region_id", "region", "regions"),
    ("registry_auth_id", "auth", "registry_auths"),
    ("volumes.*.id", "storage", "storages"),
)


class TargetChanged(Message, bubble=False):
    """The target was resolved again; ``problem`` says why there is none."""

    def __init__(self, problem: str = "") -> None:
        super().__init__()
        self.problem = problem


class LookupsLoaded(Message, bubble=False):
    """Options for one look-up field: (text, id) pairs."""

    def __init__(self, path: str, options: list[tuple[str, str]]) -> None:
        super().__init__()
        self.path = path
        self.options = options


class LimitsLoaded(Message, bubble=False):
    """The account's v1 limits are known (``Connection.limits``): warnings follow them."""


class ProfilesListed(Message, bubble=False):
    def __init__(self, profiles: list[Any]) -> None:
        super().__init__()
        self.profiles = profiles


class ConnectionFlow(Flow):
    def __init__(
        self, connection: Connection, version: Callable[[], str], post: Post, run: Run
    ) -> None:
        super().__init__(post, run)
        self.connection = connection
        # the API version the target is resolved for: the form's, asked when needed
        self.version = version
        # look-ups are fetched once something needs them: a look-up field entered, or an
        # id in the form to describe; after that they follow the target
        self.lookups_wanted = False

    def retarget(self, profile: str | None = None) -> None:
        """Resolve the target again: the API version changed, or a profile was chosen."""
        if profile is not None:
            self.connection.choose_profile(profile)
        self.spawn(self.resolve())

    async def resolve(self) -> None:
        connection = self.connection
        target, problem = await self.io("Target", connection.resolve, self.version())
        if target is None:
            connection.problem = problem
        else:
            connection.use(target)
            self.close_retired()
        self.post(TargetChanged(problem))
        if target is not None and self.lookups_wanted:
            self.load_lookups()

    def close_retired(self) -> None:
        retired, self.connection.retired = self.connection.retired, []
        for client in retired:
            self.spawn(client.aclose(), group="close")

    # -- look-ups ---------------------------------------------------------------------------
    def want_lookups(self) -> None:
        if not self.lookups_wanted:
            self.lookups_wanted = True
            if self.connection.target is not None:
                self.load_lookups()

    def load_lookups(self) -> None:
        self.spawn(self._load_lookups(), group="lookups", exclusive=True)
        target = self.connection.target
        if target is not None and target.api_version == "v1":
            self.spawn(self._load_limits(target), group="limits", exclusive=True)

    async def _load_limits(self, target: Target) -> None:
        """The v1 limits; a failure is silent (they only add warnings)."""
        connection = self.connection
        try:
            client = await connection.client_now()
            limits = await client.limits() if client is not None else None
        except Exception:  # unknown limits add no warnings
            return
        if limits and connection.target is target:
            connection.limits = limits
            self.post(LimitsLoaded())

    async def _load_lookups(self) -> None:
        """The look-ups kept for this target first (no HTTP client needed to describe the
        ids in the form); fetched, shown and kept again if there are none or they are old."""
        from ...api.lookup_cache import read_lookups

        connection = self.connection
        target = connection.target
        if target is None:
            return
        kept = await asyncio.to_thread(read_lookups, connection.home, target)
        if kept is not None:
            self._show(kept)
            if not kept.stale():
                return
        client = await connection.client_now()
        self.close_retired()
        if client is None or connection.target is not target:
            return
        fetched, failures = await self._fetch(client)
        if failures:
            self.note(
                connection.redact(
                    "Look-ups failed (ids can still be typed):\n" + "\n".join(failures)
                ),
                severity="warning",
                timeout=8,
            )
        if kept is None or not failures:
            self._show(fetched)  # a failed fetch leaves the kept look-ups on screen
        if not failures:
            await asyncio.to_thread(self._keep, target, fetched)

    async def _fetch(self, client: PpioClient) -> tuple[Lookups, list[str]]:
        from ...api import ApiError
        from ...api.lookup_cache import Lookups

        got: dict[str, list[Any]] = {}
        failures = []
        for _, kind, call in LOOKUPS:
            try:
                if kind == "region":  # under v2, from the products just fetched
                    items = await client.regions(got.get("product"))
                else:
                    items = await getattr(client, call)()
            except ApiError as exc:
                if kind != "storage":  # v2 origins may not serve it: the id can be typed
                    failures.append(f"{kind}s: {exc}")
                continue
            except Exception as exc:  # an unreadable answer: the ids can still be typed
                failures.append(f"{kind}s: {exc!r}")
                continue
            got[kind] = items
        lookups = Lookups(
            products=got.get("product", []),
            regions=got.get("region", []),
            auths=got.get("auth", []),
            storages=got.get("storage", []),
            saved_at=time.time(),
        )
        return lookups, failures

    def _show(self, lookups: Lookups) -> None:
        by_kind = {
            "product": lookups.products,
            "region": lookups.regions,
            "auth": lookups.auths,
            "storage": lookups.storages,
        }
        for path, kind, _ in LOOKUPS:
            self.post(LookupsLoaded(path, self.connection.remember(path, kind, by_kind[kind])))

    def _keep(self, target: Target, lookups: Lookups) -> None:
        from ...api.lookup_cache import write_lookups

        write_lookups(self.connection.home, target, lookups)

    # -- profiles ---------------------------------------------------------------------------
    def list_profiles(self) -> None:
        from ...api import list_profiles

        async def listed() -> None:
            profiles = await self.io("Profiles", list_profiles, self.connection.home)
            self.post(ProfilesListed(profiles))

        self.spawn(listed())
