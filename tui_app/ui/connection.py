"""Where requests go: the target, the client built on first need, and the look-ups.

Nothing here runs before the first frame. The target is resolved in a thread once it is
out; the client, and httpx with it, is built in a thread the first time something needs
it (a look-up field entered, an id in the form to describe, a submit).
"""

from __future__ import annotations

import asyncio
import gc
from collections.abc import Callable, Mapping
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Any

from textual import work
from textual.message import Message

from ..home import history_file
from ..text_safety import one_line

if TYPE_CHECKING:
    from ..api import Exchange, PpioClient, Target
    from .form_state import FormState


class ExchangeLogged(Message):
    """One exchange from the client, delivered on the event loop."""

    def __init__(self, exchange: Exchange) -> None:
        super().__init__()
        self.exchange = exchange


def lookup_options(items: list[Any], kind: str) -> list[tuple[str, str]]:
    """(text, id) for a look-up Select: products show GPU and price, the rest their name.

    The id itself is in the input beside the list, so the text stays short."""
    out = []
    for item in items:
        if kind == "product":
            price = f" · ${item.price_per_hour:.2f}/h" if item.price_per_hour is not None else ""
            text = f"{item.name}{price}"
        else:
            text = item.name if item.name and item.name != item.id else item.id
        out.append((one_line(text), item.id))
    return out


class ConnectionFlow:
    """Mixed into EndpointApp; relies on its ``state``, ``home``, ``environ`` and widgets."""

    home: Path
    state: FormState
    environ: Mapping[str, str]
    submitting: bool
    in_thread: Callable[..., Any]
    notify: Callable[..., Any]
    header: Any
    field_rows: Callable[..., Any]
    show_review: Callable[[], None]
    post_message: Callable[..., bool]
    search_commands: Callable[..., Any]

    def init_connection(
        self,
        *,
        profile: str | None,
        base_url: str | None,
        api_version: str | None,
        allow_http: bool = False,
    ) -> None:
        self.profile_arg = profile
        self.base_url_arg = base_url
        self.allow_http = allow_http
        self.target: Target | None = None
        self.target_problem = ""
        self.client: PpioClient | None = None
        self.products: list[Any] = []
        # look-up field -> its (text, id) options, for rows built after the look-ups came
        self.known_ids: dict[str, list[tuple[str, str]]] = {}
        self._unsubscribe: Callable[[], None] | None = None
        self._kept_sandbox: Any = None
        self._building: tuple[Target, asyncio.Future[PpioClient]] | None = None
        # look-ups are fetched once something needs them: a look-up field focused, or an id
        # in the form to describe; after that they follow the target
        self.lookups_wanted = False

    # -- target and client ------------------------------------------------------------------
    def connect_in_thread(self) -> tuple[Target | None, str]:
        """Import the API layer and resolve where requests go (thread: it reads config)."""
        from ..api import resolve_target

        try:
            target = resolve_target(
                self.home,
                profile=self.profile_arg,
                base_url=self.base_url_arg,
                api_version=self.state.version,
                environ=self.environ,
                allow_http=self.allow_http,
            )
        except ValueError as exc:
            return None, str(exc)
        return target, ""

    def connected(self, result: tuple[Target | None, str]) -> None:
        target, problem = result
        self.target_problem = problem
        if target is None:
            self.header.show_target(sandbox=False, version=self.state.version, problem=problem)
            self.notify(problem, title="Target", severity="error", timeout=15)
            return
        self.use_target(target)

    def use_target(self, target: Target) -> None:
        """Aim at ``target``. The client itself (and httpx) is built on first need."""
        old, old_unsubscribe = self.client, self._unsubscribe
        # a sandbox keeps what was created in it across version and profile switches
        if old is not None:
            self._kept_sandbox = old.sandbox
        if not target.sandbox:
            self._kept_sandbox = None
        self.target = target
        self.client, self._unsubscribe = None, None
        if old is not None:
            if old_unsubscribe is not None:
                old_unsubscribe()
            self.close_later(old)
        self.header.show_target(
            sandbox=target.sandbox,
            version=self.state.version,
            profile=target.profile,
            base_url=target.base_url,
            masked_key=target.masked_key,
        )
        self.show_review()
        if self.lookups_wanted:
            self.load_lookups()

    async def client_now(self) -> PpioClient | None:
        """The client for the current target, built in a thread the first time it is needed.

        Callers that ask while it is being built wait for the same build, and one that is
        cancelled meanwhile (a look-up restarted) does not cancel it."""
        while self.client is None and self.target is not None:
            target = self.target
            if self._building is None or self._building[0] is not target:
                future = asyncio.ensure_future(
                    asyncio.to_thread(self._build_client, target, self._kept_sandbox)
                )
                future.add_done_callback(partial(self._built, target))
                self._building = (target, future)
            await asyncio.shield(self._building[1])
            if self.target is target:
                break
        return self.client

    def _built(self, target: Target, future: asyncio.Future[PpioClient]) -> None:
        """Adopt a finished build, or close it if the target changed meanwhile."""
        if future.cancelled() or future.exception() is not None:
            if self._building is not None and self._building[1] is future:
                self._building = None  # the next caller tries again
            return  # the callers waiting on it get the exception
        client = future.result()
        if self.client is None and self.target is target:
            self.client = client
            self._unsubscribe = client.subscribe(lambda ex: self.post_message(ExchangeLogged(ex)))
            # the HTTP stack just imported lives as long as the app: out of the
            # collector's full sweeps, which would otherwise stall the loop ~45 ms
            gc.freeze()
        else:
            self.close_later(client)

    def _build_client(self, target: Target, sandbox: Any) -> PpioClient:
        from ..api import PpioClient

        return PpioClient(target, history_path=history_file(self.home), sandbox=sandbox)

    @work(group="close")
    async def close_later(self, client: PpioClient) -> None:
        await client.aclose()

    def retarget(self, profile: str | None = None) -> None:
        """Resolve the target again: the API version changed, or a profile was chosen
        (which then wins over a --base-url given at launch)."""
        if self.submitting:
            self.notify("Not while a submit is in flight", severity="warning")
            return
        if profile is not None:
            self.profile_arg, self.base_url_arg = profile, None
        self.in_thread(self.connect_in_thread, then=self.connected, what="Target")

    def resolve_then(self, then: Callable[[], None]) -> None:
        """Resolve the target again (config.toml is read afresh), then run ``then``."""

        def resolved(result: tuple[Target | None, str]) -> None:
            self.connected(result)
            then()

        self.in_thread(self.connect_in_thread, then=resolved, what="Target")

    def create_url(self) -> str:
        """``POST <url>`` of the create call for the form's version (Review, curl export)."""
        from ..spec.routes import ROUTES, url_for  # not needed before the first frame

        version = self.state.version
        base = ""
        if self.target is not None:
            from ..api.profiles import operation_base

            base = operation_base(self.target, version)
        return f"{ROUTES[version]['create'].method} {url_for(base, version, 'create')}"

    def redact(self, text: str) -> str:
        """``text`` with the key and every value resolved for a submit masked: for errors."""
        if self.client is not None:
            return self.client.redact(text)
        if self.target is not None and self.target.api_key:
            from ..api.redact import Redactor

            return Redactor([self.target.api_key]).text(text)
        return text

    def target_text(self) -> str:
        if self.target is None:
            return self.target_problem or "not resolved yet"
        if self.target.sandbox:
            return "SANDBOX (in-process, nothing is deployed)"
        return f"profile {self.target.profile}, {self.target.base_url}"

    # -- look-ups ---------------------------------------------------------------------------
    def want_lookups(self) -> None:
        if not self.lookups_wanted:
            self.lookups_wanted = True
            if self.target is not None:
                self.load_lookups()

    @work(exclusive=True, group="lookups", exit_on_error=False)
    async def load_lookups(self) -> None:
        from ..api import ApiError

        client = await self.client_now()
        if client is None:
            return
        rows = self.field_rows()
        failures = []
        for path, kind, call in (
            ("product_id", "product", client.products),
            ("region_id", "region", client.regions),
            ("registry_auth_id", "auth", client.registry_auths),
        ):
            try:
                items = await call()
            except ApiError as exc:
                failures.append(f"{kind}s: {exc}")
                items = []
            except Exception as exc:  # an unreadable answer: the ids can still be typed
                failures.append(f"{kind}s: {exc!r}")
                items = []
            if kind == "product":
                self.products = items
            self.known_ids[path] = lookup_options(items, kind)
            if path in rows:
                rows[path].set_options(self.known_ids[path])
        if failures:
            self.notify(
                self.redact("Look-ups failed (ids can still be typed):\n" + "\n".join(failures)),
                severity="warning",
                timeout=8,
            )

    def product_text(self, product_id: Any) -> str | None:
        for product in self.products:
            if product.id == product_id:
                return product.describe()
        return None

    # -- profiles ---------------------------------------------------------------------------
    def action_switch_profile(self) -> None:
        from ..api import list_profiles

        def listed(profiles: list[Any]) -> None:
            commands = [
                (
                    f"profile: {p.name}",
                    lambda name=p.name: self.retarget(name),
                    f"{p.base_url} ({p.api_version}) {p.description}".strip(),
                )
                for p in profiles
            ]
            self.search_commands(commands, placeholder="Switch profile…")

        self.in_thread(list_profiles, self.home, then=listed, what="Profiles")
