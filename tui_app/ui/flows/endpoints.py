"""The deployed endpoints: listing them (all pages, with list prices), and the row actions
that talk to the server (diff and update from a preset, delete). Every call runs in a worker
and reports with messages; nothing here touches a widget.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from typing import Any

from textual.message import Message

from ... import spec
from ...spec.diff import diff, kept_lines
from ..services import Connection, Library
from .base import Failed, Flow, Post, Reported, Run
from .dialogs import Ask, Confirm, PickPreset, Prompt

REFRESH_GROUP = "endpoints-refresh"


class EndpointsListed(Message, bubble=False):
    """A fresh list: ``infos`` (EndpointInfo) and their ``rows`` (listing.Row), same order."""

    def __init__(self, infos: list[Any], rows: list[Any]) -> None:
        super().__init__()
        self.infos = infos
        self.rows = rows


class EndpointsFailed(Message, bubble=False):
    """A refresh failed: the last rows stay, ``text`` goes on the status line."""

    def __init__(self, text: str) -> None:
        super().__init__()
        self.text = text


class ShowText(Message, bubble=False):
    """Text for the user to read in a modal (a diff)."""

    def __init__(self, title: str, text: str) -> None:
        super().__init__()
        self.title = title
        self.text = text


class EndpointsFlow(Flow):
    def __init__(
        self, connection: Connection, library: Library, ask: Ask, post: Post, run: Run
    ) -> None:
        super().__init__(post, run)
        self.connection = connection
        self.library = library
        self.ask = ask
        self.prices: Any = None  # listing.Prices once the product list was read
        self._priced: Any = None  # the client they came from
        self.refreshing = False

    # -- the list ---------------------------------------------------------------------------
    def refresh(self) -> None:
        """Read the list again; a refresh still in flight is left to finish."""
        if self.refreshing:
            return
        self.refreshing = True
        self.run(self._refresh(), group=REFRESH_GROUP, exclusive=False)

    async def _refresh(self) -> None:
        try:
            client = await self.connection.client_now()
            if client is None:
                self.post(EndpointsFailed(f"no target ({self.connection.problem or 'starting'})"))
                return
            infos = await client.list_endpoints()
            if self.prices is None or self._priced is not client:  # a new target: its prices
                self.prices, self._priced = await self._prices(client), client
            # hundreds of rows: made off the event loop
            rows = await asyncio.to_thread(_rows, infos, self.prices)
            self.post(EndpointsListed(infos, rows))
        except Exception as exc:  # any failure keeps the last rows and says why
            self.post(EndpointsFailed(self.connection.redact(str(exc) or type(exc).__name__)))
        finally:
            self.refreshing = False

    async def _prices(self, client: Any) -> Any:
        from ...api import ApiError
        from ...api.listing import NO_PRICES, Prices

        try:
            return Prices.of(await client.products())
        except ApiError:
            return NO_PRICES  # the costs show as unknown; the list itself still shows

    # -- delete -----------------------------------------------------------------------------
    def delete(self, info: Any) -> None:
        """Delete after the user types the endpoint's name; anything else sends nothing."""
        title = f"Delete endpoint {info.name} ({info.id})? Type its name to confirm:"

        def answered(text: str | None) -> None:
            if text is None:
                return
            if text != info.name:
                self.note("Not deleted: the name typed does not match", severity="warning")
                return
            self.spawn(self._delete(info))

        self.ask(Prompt(title, "", placeholder=info.name), answered)

    async def _delete(self, info: Any) -> None:
        client = await self._client()
        await self._call("Delete", client.delete, info.id)
        self.note(f"Deleted endpoint {info.name} ({info.id})", timeout=5)
        self.refresh()

    # -- diff and update from a preset ------------------------------------------------------
    def show_diff(self, info: Any) -> None:
        self._with_preset(info, self._show_diff)

    def update(self, info: Any) -> None:
        self._with_preset(info, self._confirm_update)

    def _with_preset(self, info: Any, then: Callable[[Any, Any, Any], Any]) -> None:
        store = self.library.store
        if store is None:
            self.note("The presets are not read yet", severity="warning")
            return

        async def pick() -> None:
            entries, _ = await self.io("Presets", store.entries)

            def picked(choice: Any) -> None:
                if choice is not None and choice.verb == "open":
                    self.spawn(self._load(choice.entry, info, then))

            self.ask(PickPreset(entries), picked)

        self.spawn(pick())

    async def _load(self, entry: Any, info: Any, then: Callable[[Any, Any, Any], Any]) -> None:
        from ...presets import load_preset_file

        preset = await self.io("Open", load_preset_file, entry.path, shipped=entry.shipped)
        client = await self._client()
        current = await self._call("Read", client.get, info.id)
        try:
            then(preset, current, client)
        except Exception as exc:  # a bug must still end as a message
            self.post(Failed(preset.name, exc))

    def _show_diff(self, preset: Any, current: Any, client: Any) -> None:
        changes = diff(preset.endpoint, current.data, client.version)
        text = "\n".join(c.describe() for c in changes) or "no differences"
        text += kept_lines(preset.endpoint, current.data, client.version)
        self.post(ShowText(f"{preset.name} against {current.name} ({current.id})", text))

    def _confirm_update(self, preset: Any, current: Any, client: Any) -> None:
        changes = diff(preset.endpoint, current.data, client.version)
        if not changes:
            self.note(f"No changes: {current.name} already matches {preset.name}; nothing sent")
            return
        fixed = [c for c in changes if c.immutable]
        if fixed:
            lines = "\n".join(c.describe() for c in fixed)
            self.note(f"Not updated: {lines}", severity="error", timeout=10)
            return
        values = self.connection.references
        resolved, missing = spec.resolve(preset.endpoint, values)
        if missing:
            text = "; ".join(i.message for i in missing)
            hint = "export it, or set it for this session (editor palette), and update again"
            self.note(f"Not updated: {text}: {hint}", severity="error", timeout=10)
            return
        # what the values resolved from shows as ${NAME} in the log and history
        client.add_references(spec.resolved_references(preset.endpoint, values))
        body = "\n".join(c.describe() for c in changes)
        body += kept_lines(preset.endpoint, current.data, client.version)
        title = f"Update {current.name} ({current.id}) from {preset.name}?"

        def answered(yes: Any) -> None:
            if yes:
                self.spawn(self._update(client, current, resolved))

        self.ask(Confirm(title, body, "Update"), answered)

    async def _update(self, client: Any, current: Any, data: dict[str, Any]) -> None:
        await self._call("Update", client.update, current.id, data, current)
        self.note(f"Updated endpoint {current.name} ({current.id})", timeout=5)
        self.refresh()

    # -- helpers ----------------------------------------------------------------------------
    async def _client(self) -> Any:
        client = await self.connection.client_now()
        if client is None:
            why = RuntimeError(f"no target ({self.connection.problem or 'starting'})")
            self.post(Failed("Connect", why))
            raise Reported("Connect")
        return client

    async def _call(self, what: str, fn: Callable[..., Any], *args: Any) -> Any:
        """An API call (the client is async), its failure reported."""
        try:
            return await fn(*args)
        except Exception as exc:  # shown to the user, whatever it is
            self.post(Failed(what, RuntimeError(self.connection.redact(str(exc)))))
            raise Reported(what) from exc


def _rows(infos: list[Any], prices: Any) -> list[Any]:
    from ...api.listing import row

    return [row(info, prices) for info in infos]
