"""Where requests go: the target, the client built on first need, and the look-ups' answers.

Nothing here runs before the first frame. The target is resolved in a thread once it is
out; the client, and httpx with it, is built in a thread the first time something needs
it (a look-up field entered, an id in the form to describe, a submit).
"""

from __future__ import annotations

import asyncio
import gc
from collections import ChainMap
from collections.abc import Callable, Mapping
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ...home import history_file
from ...text_safety import one_line
from .exchanges import Exchanges

if TYPE_CHECKING:
    from ...api import PpioClient, Target


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


class Connection:
    def __init__(
        self,
        home: Path,
        environ: Mapping[str, str],
        exchanges: Exchanges,
        *,
        profile: str | None = None,
        base_url: str | None = None,
        allow_http: bool = False,
    ) -> None:
        self.home = home
        self.environ = environ
        # values typed for unset ${NAME}s, on any screen: memory only, never written
        self.session_values: dict[str, str] = {}
        # what ${NAME} references resolve from: this session's values over the environment
        # (the target and its key are read from the environment alone)
        self.references: Mapping[str, str] = ChainMap(self.session_values, environ)  # type: ignore[arg-type]
        self.exchanges = exchanges
        self.profile_arg = profile
        self.base_url_arg = base_url
        # a plain-http base URL is refused unless asked for (--allow-http)
        self.allow_http = allow_http
        self.target: Target | None = None
        self.problem = ""
        self.client: PpioClient | None = None
        self.products: list[Any] = []
        # look-up field -> its (text, id) options, for rows built after the look-ups came
        self.known_ids: dict[str, list[tuple[str, str]]] = {}
        self.storages: list[Any] | None = None  # network storages, once looked up
        self.limits: dict[str, Any] | None = None  # v1 published limits, once looked up
        self._unsubscribe: Callable[[], None] | None = None
        self._kept_sandbox: Any = None
        self._building: tuple[Target, asyncio.Future[PpioClient]] | None = None
        # clients replaced by a new target, for the caller to close on the event loop
        self.retired: list[PpioClient] = []

    # -- the target -----------------------------------------------------------------------
    def resolve(self, version: str) -> tuple[Target | None, str]:
        """Import the API layer and resolve where requests go (thread: it reads config)."""
        from ...api import resolve_target

        try:
            target = resolve_target(
                self.home,
                profile=self.profile_arg,
                base_url=self.base_url_arg,
                api_version=version,
                environ=self.environ,
                allow_http=self.allow_http,
            )
        except ValueError as exc:
            return None, str(exc)
        return target, ""

    def choose_profile(self, profile: str) -> None:
        """A profile chosen in the app wins over a --base-url given at launch."""
        self.profile_arg, self.base_url_arg = profile, None

    def use(self, target: Target) -> None:
        """Aim at ``target``. The client itself (and httpx) is built on first need."""
        old, old_unsubscribe = self.client, self._unsubscribe
        # a sandbox keeps what was created in it across version and profile switches
        if old is not None:
            self._kept_sandbox = old.sandbox
        if not target.sandbox:
            self._kept_sandbox = None
        self.target = target
        self.problem = ""
        self.limits = None  # another account or version: looked up again
        self.client, self._unsubscribe = None, None
        if old is not None:
            if old_unsubscribe is not None:
                old_unsubscribe()
            self.retired.append(old)

    def target_text(self) -> str:
        if self.target is None:
            return self.problem or "not resolved yet"
        if self.target.sandbox:
            return "SANDBOX (in-process, nothing is deployed)"
        return f"profile {self.target.profile}, {self.target.base_url}"

    def redact(self, text: str) -> str:
        """``text`` with the key and every value resolved for a submit masked: for errors."""
        if self.client is not None:
            return self.client.redact(text)
        if self.target is not None and self.target.api_key:
            from ...api.redact import Redactor

            return Redactor([self.target.api_key]).text(text)
        return text

    @property
    def key_variable(self) -> str:
        """The variable a copied curl reads the key from: the target's."""
        from ...spec.curl import KEY_VARIABLE

        return self.target.key_variable if self.target is not None else KEY_VARIABLE

    def create_url(self, version: str) -> str:
        """``POST <url>`` of the create call for ``version`` (Review, curl export)."""
        from ...spec.routes import ROUTES, url_for  # not needed before the first frame

        base = ""
        if self.target is not None:
            from ...api.profiles import operation_base

            base = operation_base(self.target, version)
        return f"{ROUTES[version]['create'].method} {url_for(base, version, 'create')}"

    # -- the client -----------------------------------------------------------------------
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
        """Adopt a finished build, or retire it if the target changed meanwhile."""
        if future.cancelled() or future.exception() is not None:
            if self._building is not None and self._building[1] is future:
                self._building = None  # the next caller tries again
            return  # the callers waiting on it get the exception
        client = future.result()
        if self.client is None and self.target is target:
            self.client = client
            self._unsubscribe = client.subscribe(self.exchanges.publish)
            # the HTTP stack just imported lives as long as the app: out of the
            # collector's full sweeps, which would otherwise stall the loop ~45 ms
            gc.freeze()
        else:
            self.retired.append(client)

    def _build_client(self, target: Target, sandbox: Any) -> PpioClient:
        from ...api import PpioClient

        return PpioClient(target, history_path=history_file(self.home), sandbox=sandbox)

    # -- look-ups ---------------------------------------------------------------------------
    def remember(self, path: str, kind: str, items: list[Any]) -> list[tuple[str, str]]:
        """Keep a look-up's answer; returns the options for the field at ``path``."""
        if kind == "product":
            self.products = items
        if kind == "storage":
            self.storages = items
        self.known_ids[path] = lookup_options(items, kind)
        return self.known_ids[path]

    def price_of(self, product_id: Any) -> float | None:
        """The list price per GPU-hour of a loaded product, or None."""
        for product in self.products:
            if product.id == product_id:
                return product.price_per_hour or None
        return None

    def product_text(self, product_id: Any) -> str | None:
        for product in self.products:
            if product.id == product_id:
                return product.describe()
        return None
