"""Where requests go and sending them: target, client, look-ups, submit, cancel, export.

The client (httpx) is imported and built after the first paint. The submit runs in an
exclusive async worker, so the UI stays live, Esc cancels it, and a second submit is refused.
"""

from __future__ import annotations

import asyncio
import gc
import re
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any

from textual import work
from textual.message import Message

from .. import spec
from ..home import atomic_write, history_file
from ..spec.issues import Issue

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
        out.append((text, item.id))
    return out


class SubmitFlow:
    """Mixed into EndpointApp; relies on its ``state``, ``home``, ``environ`` and widgets."""

    home: Path
    state: FormState
    environ: Mapping[str, str]
    in_thread: Callable[..., Any]
    notify: Callable[..., Any]
    push_screen: Callable[..., Any]
    header: Any
    status: Any
    review: Any
    workers: Any
    query_one: Callable[..., Any]
    query: Callable[..., Any]
    field_rows: Callable[..., Any]
    table: Callable[..., Any]
    focus_issue: Callable[[Issue], None]
    show_field_issues: Callable[..., None]
    show_review: Callable[[], None]
    show_counts: Callable[[], None]
    copy_to_clipboard: Callable[[str], None]
    post_message: Callable[..., bool]
    refresh_bindings: Callable[[], None]
    search_commands: Callable[..., Any]

    def init_connection(
        self, *, profile: str | None, base_url: str | None, api_version: str | None
    ) -> None:
        self.profile_arg = profile
        self.base_url_arg = base_url
        self.target: Target | None = None
        self.target_problem = ""
        self.client: PpioClient | None = None
        self.products: list[Any] = []
        self.submitting = False
        self.last_result: Any = None
        self._unsubscribe: Callable[[], None] | None = None
        self._kept_sandbox: Any = None
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
        """The client for the current target, built in a thread the first time it is needed."""
        target = self.target
        if self.client is None and target is not None:
            client = await asyncio.to_thread(self._build_client, target, self._kept_sandbox)
            if self.client is None and self.target is target:
                self.client = client
                self._unsubscribe = client.subscribe(
                    lambda ex: self.post_message(ExchangeLogged(ex))
                )
                # the HTTP stack just imported lives as long as the app: out of the
                # collector's full sweeps, which would otherwise stall the loop ~45 ms
                gc.freeze()
            else:  # the target changed meanwhile, or another caller was quicker
                self.close_later(client)
        return self.client

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

    def create_url(self) -> str:
        """``POST <url>`` of the create call for the form's version (Review, curl export)."""
        from ..spec.routes import ROUTES, url_for  # not needed before the first frame

        version = self.state.version
        base = ""
        if self.target is not None:
            from ..api.profiles import operation_base

            base = operation_base(self.target, version)
        return f"{ROUTES[version]['create'].method} {url_for(base, version, 'create')}"

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
            if path in rows:
                rows[path].set_options(lookup_options(items, kind))
        if failures:
            self.notify(
                "Look-ups failed (ids can still be typed):\n" + "\n".join(failures),
                severity="warning",
                timeout=8,
            )

    def product_text(self, product_id: Any) -> str | None:
        for product in self.products:
            if product.id == product_id:
                return product.describe()
        return None

    # -- the log ----------------------------------------------------------------------------
    def on_exchange_logged(self, event: ExchangeLogged) -> None:
        log = self.request_log()
        if log is not None:
            log.add(event.exchange)

    def request_log(self) -> Any:
        found = self.query("#log")
        return found.first() if found else None

    async def mount_log(self) -> None:
        """D's RequestLog, mounted after the first paint (it pulls in the API types)."""
        from .widgets.request_log import RequestLog

        dock = self.query_one("#log-dock")
        if not dock.children:
            await dock.mount(RequestLog(history_path=history_file(self.home), id="log"))

    def action_history(self) -> None:
        from .screens.history import HistoryScreen

        self.push_screen(HistoryScreen(history_file(self.home)))

    # -- submit -----------------------------------------------------------------------------
    def action_submit(self) -> None:
        if self.submitting:
            self.notify("A submit is already in flight (esc cancels it)", severity="warning")
            return
        self.state.attempt_submit()
        self.show_field_issues()
        errors = self.state.ordered_errors()
        if errors:
            self.focus_issue(errors[0])
            self.notify(
                f"Not sent: {len(errors)} error(s). First: {errors[0]}",
                severity="error",
                timeout=6,
            )
            return
        resolved, missing = spec.resolve(self.state.data, self.environ)
        self.state.send_problems = []
        if missing:
            self.show_env_problems(missing)
            return
        if self.target is None:
            why = self.target_problem or "still starting up"
            self.notify(f"Not sent: no target ({why})", severity="error")
            return
        from .screens.submit_confirm import submit_confirm

        secrets = spec.secret_values(self.state.data, self.environ)
        modal = submit_confirm(
            resolved,
            version=self.state.version,
            target=self.target_text(),
            sandbox=self.target.sandbox,
            product=self.product_text(resolved.get("product_id")),
        )

        def answered(yes: bool | None) -> None:
            if yes and not self.submitting:
                self.send(resolved, secrets)

        self.push_screen(modal, answered)

    def show_env_problems(self, missing: list[Issue]) -> None:
        self.state.send_problems = list(missing)
        self.focus_issue(missing[0])
        self.show_counts()
        names = ", ".join(sorted({m for i in missing for m in re.findall(r"\$\{\w+\}", i.message)}))
        self.notify(
            f"Not sent: {len(missing)} env value(s) refer to unset variables ({names}); "
            "export them and submit again",
            severity="error",
            timeout=8,
        )

    def send(self, resolved: dict[str, Any], secrets: list[str]) -> None:
        self.submitting = True
        self.refresh_bindings()
        where = "the SANDBOX" if self.target and self.target.sandbox else self.target_text()
        self.status.busy(f"Submitting to {where}… esc cancels")
        self.submit_worker(resolved, secrets)

    @work(exclusive=True, group="submit", exit_on_error=False)
    async def submit_worker(self, resolved: dict[str, Any], secrets: list[str]) -> None:
        from ..api import ApiError

        try:
            client = await self.client_now()
            if client is None:
                why = f"Not sent: no target ({self.target_problem or 'not resolved'})"
                self.status.done(why, failed=True)
                self.notify(why, severity="error")
                return
            client.add_secrets(secrets)
            result = await client.create(resolved, self.state.version)
        except asyncio.CancelledError:
            self.status.done("Submit cancelled", failed=True)
            self.notify(
                "Submit cancelled. If the request had reached the server, the endpoint may "
                "still be created; check before submitting again.",
                severity="warning",
                timeout=10,
            )
            raise
        except ApiError as exc:
            self.status.done(f"Submit failed: {exc}", failed=True)
            self.notify(str(exc), title="Submit failed", severity="error", timeout=15)
            self.show_server_problem(exc)
        except Exception as exc:  # a bug must still end as a message, not a silent spinner
            self.status.done(f"Submit failed: {exc}", failed=True)
            self.notify(f"Submit failed: {exc!r}", severity="error", timeout=15)
        else:
            self.last_result = result
            url = f" · {result.url}" if result.url else ""
            note = " (found after a lost answer)" if result.recovered else ""
            self.status.done(f"Created endpoint {result.id}{url}{note}")
            self.notify(f"Endpoint {result.id} created{url}{note}", title="Submitted", timeout=15)
        finally:
            self.submitting = False
            self.refresh_bindings()

    def show_server_problem(self, exc: Any) -> None:
        """A 4xx naming a field puts the server's message under that field and goes there."""
        field = getattr(exc, "field", None)
        if not isinstance(field, str) or spec.field_for(field) is None:
            return  # not a field of the form (or named in a way it does not know)
        issue = Issue(field, f"server: {exc.message}")
        self.state.send_problems = [issue]
        self.focus_issue(issue)
        self.show_counts()

    def action_cancel_submit(self) -> None:
        if self.submitting:
            self.workers.cancel_group(self, "submit")

    # -- export -----------------------------------------------------------------------------
    def action_export_curl(self) -> None:
        from ..spec.curl import build_curl

        method, _, url = self.create_url().partition(" ")
        text = build_curl(method, url, self.state.body())
        self.copy_to_clipboard(text)
        self.notify(
            "Copied the request as curl (OSC 52; the key stays $PPIO_API_KEY). "
            "In tmux: set -g set-clipboard on",
            timeout=6,
        )

    def action_export_json(self) -> None:
        name = self.state.get("name") or "endpoint"
        suggested = str(Path.cwd() / f"{name}.{self.state.version}.json")

        def chosen(path: str | None) -> None:
            if path:
                import json

                text = json.dumps(self.state.body(), indent=2, ensure_ascii=False) + "\n"
                target = Path(path).expanduser()
                self.in_thread(
                    atomic_write,
                    target,
                    text.encode("utf-8"),
                    then=lambda _: self.notify(f"Saved the JSON body to {target}", timeout=5),
                    what="Export",
                )

        from .screens.prompt import PromptModal

        self.push_screen(PromptModal("Save the JSON body to:", suggested), chosen)

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
