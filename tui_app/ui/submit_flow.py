"""Sending: submit (an exclusive async worker), cancel, the request log, and export.

The submit runs in a worker, so the UI stays live, Esc cancels it, and a second submit is
refused. Where requests go and the client are :mod:`.connection`'s.
"""

from __future__ import annotations

import asyncio
import re
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any

from textual import work

from .. import spec
from ..home import atomic_write, history_file
from ..spec.issues import Issue
from .connection import ExchangeLogged

if TYPE_CHECKING:
    from ..api import Target
    from .form_state import FormState


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
    target: Target | None
    target_problem: str
    resolve_then: Callable[[Callable[[], None]], None]
    client_now: Callable[[], Any]
    target_text: Callable[[], str]
    product_text: Callable[[Any], str | None]
    create_url: Callable[[], str]
    redact: Callable[[str], str]

    def init_submit(self) -> None:
        self.submitting = False
        self.last_result: Any = None

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
    def action_submit(self, target_checked: bool = False) -> None:
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
        if self.target is None and self.target_problem and not target_checked:
            # the problem may be fixed by now (config.toml edited): read it again first
            self.resolve_then(lambda: self.action_submit(target_checked=True))
            return
        if self.target is None:
            why = self.target_problem or "still starting up"
            self.notify(f"Not sent: no target ({why})", severity="error")
            return
        from .screens.submit_confirm import submit_confirm

        secrets = spec.resolved_references(self.state.data, self.environ)
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

    def send(self, resolved: dict[str, Any], secrets: dict[str, str]) -> None:
        self.submitting = True
        self.refresh_bindings()
        where = "the SANDBOX" if self.target and self.target.sandbox else self.target_text()
        self.status.busy(f"Submitting to {where}… esc cancels")
        self.submit_worker(resolved, secrets)

    @work(exclusive=True, group="submit", exit_on_error=False)
    async def submit_worker(self, resolved: dict[str, Any], secrets: dict[str, str]) -> None:
        from ..api import ApiError

        try:
            client = await self.client_now()
            if client is None:
                why = f"Not sent: no target ({self.target_problem or 'not resolved'})"
                self.status.done(why, failed=True)
                self.notify(why, severity="error")
                return
            client.add_references(secrets)
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
            said = self.redact(str(exc))
            self.status.done(f"Submit failed: {said}", failed=True)
            self.notify(said, title="Submit failed", severity="error", timeout=15)
            self.show_server_problem(exc)
        except Exception as exc:  # a bug must still end as a message, not a silent spinner
            self.status.done(self.redact(f"Submit failed: {exc}"), failed=True)
            self.notify(self.redact(f"Submit failed: {exc!r}"), severity="error", timeout=15)
        else:
            self.show_create_result(result)
            if not result.ok:
                from .screens.create_outcome import CreateOutcomeModal

                self.push_screen(CreateOutcomeModal(result, self.check_create))
        finally:
            self.submitting = False
            self.refresh_bindings()

    def show_create_result(self, result: Any) -> None:
        """The outcome on the status line: created, or why it is not confirmed."""
        self.last_result = result
        if not result.ok:
            self.status.done(f"Submit not confirmed: {result.describe()}", failed=True)
            return
        url = f" · {result.url}" if result.url else ""
        note = " (found after a lost answer)" if result.recovered else ""
        self.status.done(f"Created endpoint {result.id}{url}{note}")
        self.notify(
            f"Endpoint {result.id} created{url}{note}", title="Submitted", timeout=15, markup=False
        )

    async def check_create(self, result: Any) -> Any:
        """Look the endpoint of an unconfirmed create up again; never re-sends the create."""
        client = await self.client_now()
        if client is None:
            raise RuntimeError(f"no target ({self.target_problem or 'not resolved'})")
        found = await client.check_create(result)
        self.show_create_result(found)
        return found

    def show_server_problem(self, exc: Any) -> None:
        """A 4xx naming a field puts the server's message under that field and goes there."""
        field = getattr(exc, "field", None)
        if not isinstance(field, str) or spec.field_for(field) is None:
            return  # not a field of the form (or named in a way it does not know)
        issue = Issue(field, self.redact(f"server: {exc.message}"))
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
        variable = self.target.key_variable if self.target is not None else "PPIO_API_KEY"
        text = build_curl(method, url, self.state.body(), variable)
        self.copy_to_clipboard(text)
        self.notify(
            f"Copied the request as curl (OSC 52; the key stays ${{{variable}}}). "
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
