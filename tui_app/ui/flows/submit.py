"""Sending the form: checks, the confirmation, the create call in a worker, and the JSON export.

The create runs as the one worker of the ``submit`` group, so the UI stays live, cancelling
that group stops it, and a second submit is refused while one is in flight.
"""

from __future__ import annotations

import asyncio
import json
import re
from collections.abc import Awaitable, Callable, Mapping
from pathlib import Path
from typing import Any

from textual.message import Message

from ... import spec
from ...home import atomic_write
from ...spec.issues import Issue
from ..form_state import FormState
from ..services import Connection
from .base import Flow, Post, Run
from .dialogs import Ask, ConfirmSubmit, CreateOutcome, Prompt

SUBMIT_GROUP = "submit"


class SubmitBlocked(Message, bubble=False):
    """Not sent: the form has problems. ``issues[0]`` is where the user should go."""

    def __init__(self, issues: list[Issue], text: str | None, timeout: float = 6) -> None:
        super().__init__()
        self.issues = issues
        self.text = text
        self.timeout = timeout


class SubmitStarted(Message, bubble=False):
    def __init__(self, where: str) -> None:
        super().__init__()
        self.where = where


class SubmitEnded(Message, bubble=False):
    """The submit is over: ``activity`` is its one-line outcome for the status line."""

    def __init__(self, activity: str, *, failed: bool) -> None:
        super().__init__()
        self.activity = activity
        self.failed = failed


class SubmitFlow(Flow):
    def __init__(
        self,
        connection: Connection,
        form: FormState,
        environ: Mapping[str, str],
        ask: Ask,
        post: Post,
        run: Run,
        *,
        resolve: Callable[[], Awaitable[None]],
        exports: Path | None = None,
    ) -> None:
        super().__init__(post, run)
        # where ctrl+y proposes to write (the data home's exports folder)
        self.exports = exports or Path.cwd()
        self.connection = connection
        self.form = form
        self.environ = environ
        self.ask = ask
        # resolve the target again (config.toml read afresh): ConnectionFlow.resolve
        self.resolve = resolve
        self.in_flight = False
        self.last_result: Any = None

    def submit(self, *, target_checked: bool = False) -> None:
        """Check the form, ask for confirmation, then send."""
        if self.in_flight:
            self.note("A submit is already in flight (esc cancels it)", severity="warning")
            return
        form = self.form
        form.attempt_submit()
        errors = form.ordered_errors()
        if errors:
            text = f"Not sent: {len(errors)} error(s). First: {errors[0]}"
            self.post(SubmitBlocked(errors, text))
            return
        resolved, missing = spec.resolve(form.data, self.environ)
        form.send_problems = list(missing)
        if missing:
            names = ", ".join(
                sorted({m for i in missing for m in re.findall(r"\$\{\w+\}", i.message)})
            )
            text = (
                f"Not sent: {len(missing)} env value(s) refer to unset variables ({names}); "
                "export them and submit again"
            )
            self.post(SubmitBlocked(list(missing), text, timeout=8))
            return
        target = self.connection.target
        if target is None and self.connection.problem and not target_checked:
            # the problem may be fixed by now (config.toml edited): read it again first
            self.spawn(self._resolve_then_submit())
            return
        if target is None:
            why = self.connection.problem or "still starting up"
            self.note(f"Not sent: no target ({why})", severity="error")
            return
        secrets = spec.resolved_references(form.data, self.environ)
        question = ConfirmSubmit(
            resolved,
            form.version,
            self.connection.target_text(),
            target.sandbox,
            self.connection.product_text(resolved.get("product_id")),
            no_key=not target.sandbox and not target.api_key,
        )

        def answered(yes: Any) -> None:
            if yes and not self.in_flight:
                self.send(resolved, secrets)

        self.ask(question, answered)

    async def _resolve_then_submit(self) -> None:
        await self.resolve()
        self.submit(target_checked=True)

    def send(self, resolved: dict[str, Any], secrets: dict[str, str]) -> None:
        self.in_flight = True
        target = self.connection.target
        where = "the SANDBOX" if target and target.sandbox else self.connection.target_text()
        self.post(SubmitStarted(where))
        self.spawn(self._send(resolved, secrets), group=SUBMIT_GROUP, exclusive=True)

    async def _send(self, resolved: dict[str, Any], secrets: dict[str, str]) -> None:
        from ...api import ApiError

        redact = self.connection.redact
        try:
            client = await self.connection.client_now()
            if client is None:
                why = f"Not sent: no target ({self.connection.problem or 'not resolved'})"
                self._ended(why, failed=True)
                self.note(why, severity="error")
                return
            client.add_references(secrets)
            result = await client.create(resolved, self.form.version)
        except asyncio.CancelledError:
            self._ended("Submit cancelled", failed=True)
            self.note(
                "Submit cancelled. If the request had reached the server, the endpoint may "
                "still be created; check before submitting again.",
                severity="warning",
                timeout=10,
            )
            raise
        except ApiError as exc:
            said = redact(str(exc))
            self._ended(f"Submit failed: {said}", failed=True)
            self.note(said, title="Submit failed", severity="error", timeout=15)
            self._server_problem(exc)
        except Exception as exc:  # a bug must still end as a message, not a silent spinner
            self._ended(redact(f"Submit failed: {exc}"), failed=True)
            self.note(redact(f"Submit failed: {exc!r}"), severity="error", timeout=15)
        else:
            self._result(result)
            if not result.ok:
                self.ask(CreateOutcome(result, self.check_create), lambda _: None)
        finally:
            self.in_flight = False

    def _result(self, result: Any) -> None:
        """The outcome on the status line: created, or why it is not confirmed."""
        self.last_result = result
        if not result.ok:
            self._ended(f"Submit not confirmed: {result.describe()}", failed=True)
            return
        url = f" · {result.url}" if result.url else ""
        note = " (found after a lost answer)" if result.recovered else ""
        self._ended(f"Created endpoint {result.id}{url}{note}", failed=False)
        self.note(f"Endpoint {result.id} created{url}{note}", title="Submitted", timeout=15)

    async def check_create(self, result: Any) -> Any:
        """Look the endpoint of an unconfirmed create up again; never re-sends the create."""
        client = await self.connection.client_now()
        if client is None:
            raise RuntimeError(f"no target ({self.connection.problem or 'not resolved'})")
        found = await client.check_create(result)
        self._result(found)
        return found

    def _ended(self, activity: str, *, failed: bool) -> None:
        self.in_flight = False
        self.post(SubmitEnded(activity, failed=failed))

    def _server_problem(self, exc: Any) -> None:
        """A 4xx naming a field puts the server's message under that field and goes there."""
        field = getattr(exc, "field", None)
        if not isinstance(field, str) or spec.field_for(field) is None:
            return  # not a field of the form (or named in a way it does not know)
        issue = Issue(field, self.connection.redact(f"server: {exc.message}"))
        self.form.send_problems = [issue]
        self.post(SubmitBlocked([issue], None))

    # -- export -----------------------------------------------------------------------------
    def curl(self) -> tuple[str, str]:
        """The create as a curl command, and the variable it reads the key from."""
        from ...spec.curl import build_curl

        method, _, url = self.connection.create_url(self.form.version).partition(" ")
        variable = self.connection.key_variable
        return build_curl(method, url, self.form.body(), variable), variable

    def export_json(self) -> None:
        """Ask where, then write the JSON body there."""
        name = self.form.get("name") or "endpoint"
        suggested = str(self.exports / f"{name}.{self.form.version}.json")
        self.ask(Prompt("Save the JSON body to:", suggested), self._write_json)

    def _write_json(self, path_text: str | None) -> None:
        if not path_text:
            return
        text = json.dumps(self.form.body(), indent=2, ensure_ascii=False) + "\n"
        target = Path(path_text).expanduser()

        async def write() -> None:
            await self.io("Export", _write_making_folder, target, text.encode("utf-8"))
            self.note(f"Saved the JSON body to {target}", timeout=5)

        self.spawn(write())


def _write_making_folder(target: Path, data: bytes) -> None:
    target.parent.mkdir(parents=True, exist_ok=True)
    atomic_write(target, data)
