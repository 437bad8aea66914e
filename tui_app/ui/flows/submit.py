"""Sending the form: checks, the confirmation, the create call in a worker, and the JSON export.

The create runs as the one worker of the ``submit`` group, so the UI stays live, cancelling
that group stops it, and a second submit is refused while one is in flight.
"""

from __future__ import annotations

import asyncio
import json
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
from .session_values import ask_name_and_value, ask_values, unset_names

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


class Linked(Message, bubble=False):
    """The form is now linked to a deployed endpoint: a submit updates it."""

    def __init__(self, label: str) -> None:
        super().__init__()
        self.label = label


def linked_label(info: Any) -> str:
    return f"{info.name} ({info.id})"


class SubmitFlow(Flow):
    def __init__(
        self,
        connection: Connection,
        form: FormState,
        ask: Ask,
        post: Post,
        run: Run,
        *,
        resolve: Callable[[], Awaitable[None]],
        followed: Callable[[str, str], None] = lambda eid, name: None,
        exports: Path | None = None,
    ) -> None:
        super().__init__(post, run)
        # where ctrl+y proposes to write (the data home's exports folder)
        self.exports = exports or Path.cwd()
        self.connection = connection
        self.form = form
        # values typed for unset ${NAME}s: memory only, shared with every screen
        self.session_values = connection.session_values
        # what ${NAME}s resolve from: those values over the environment
        self.environ = connection.references
        self.unset_issues: list[Issue] = []
        self.ask = ask
        # resolve the target again (config.toml read afresh): ConnectionFlow.resolve
        self.resolve = resolve
        self.in_flight = False
        self.last_result: Any = None
        # after a create or update: follow that endpoint (id, name) until it settles
        self.followed = followed
        self.linked: Any = None  # the deployed endpoint a submit updates (EndpointInfo)

    def unlink(self) -> None:
        """Another table was loaded: a submit creates again (or finds the name taken)."""
        self.linked = None

    def link(self, info: Any) -> None:
        """Make a submit update ``info`` (a deployed ``EndpointInfo``) instead of creating."""
        self.linked = info
        self.post(Linked(linked_label(info)))

    def submit(self, *, target_checked: bool = False) -> None:
        """Check the form, ask for confirmation, then send."""
        if self.in_flight:
            self.note("A submit is already in flight (esc cancels it)", severity="warning")
            return
        form = self.form
        form.attempt_submit()
        # the unset references found last time are looked up again below: a value may be set now
        form.send_problems = [i for i in form.send_problems if i not in self.unset_issues]
        errors = form.ordered_errors()
        if errors:
            text = f"Not sent: {len(errors)} error(s). First: {errors[0]}"
            self.post(SubmitBlocked(errors, text))
            return
        resolved, missing = spec.resolve(form.data, self.environ)
        form.send_problems = list(missing)
        self.unset_issues = list(missing)
        if missing:
            self._ask_unset(missing, target_checked)
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
        # a form renamed since it was linked is another endpoint: it is created
        if self.linked is not None and resolved.get("name") == self.linked.name:
            self.spawn(self._plan_update(resolved, secrets, self.linked.id))
            return
        self.spawn(self._match_then_confirm(resolved, secrets))

    async def _match_then_confirm(self, resolved: dict[str, Any], secrets: dict[str, str]) -> None:
        """An endpoint deployed under the form's name (a pulled preset) is updated, not
        created; when the look-up fails the create is asked for (a taken name still ends
        in the update offer)."""
        match = await self._deployed_named(str(resolved.get("name") or ""))
        if match is not None:
            self.link(match)
            await self._plan_update(resolved, secrets, match.id)
        else:
            self._confirm_create(resolved, secrets)

    async def _deployed_named(self, name: str) -> Any:
        if not name:
            return None
        try:
            client = await self.connection.client_now()
            if client is None:
                return None
            named = [i for i in await client.list_endpoints(keyword=name) if i.name == name]
        except Exception:  # any failure: the create path is the safe one
            return None
        return named[0] if len(named) == 1 else None

    def _confirm_create(self, resolved: dict[str, Any], secrets: dict[str, str]) -> None:
        target = self.connection.target
        if target is None:
            self.note(f"Not sent: no target ({self.connection.problem})", severity="error")
            return
        form = self.form
        question = ConfirmSubmit(
            resolved,
            form.version,
            self.connection.target_text(),
            target.sandbox,
            self.connection.product_text(resolved.get("product_id")),
            cost=self.cost_text(resolved),
            no_key=not target.sandbox and not target.api_key,
        )

        def answered(yes: Any) -> None:
            if yes and not self.in_flight:
                self.send(resolved, secrets)

        self.ask(question, answered)

    def _ask_unset(self, missing: list[Issue], target_checked: bool) -> None:
        """Ask the unset variables' values for this session, then submit; esc sends nothing."""
        names = unset_names(missing)
        shown = ", ".join(f"${{{n}}}" for n in names)
        text = (
            f"Not sent: {len(missing)} env value(s) refer to unset variables ({shown}); "
            "export them or set them for this session, and submit again"
        )

        def done(values: dict[str, str] | None) -> None:
            if values is None:
                self.post(SubmitBlocked(list(missing), text, timeout=8))
                return
            self.set_value(values)
            self.submit(target_checked=target_checked)

        ask_values(self.ask, names, done)

    def set_value(self, values: Mapping[str, str]) -> None:
        """Use ``values`` for ``${NAME}`` references for the rest of this session (memory only)."""
        self.session_values.update(values)

    def ask_session_value(self) -> None:
        """Ask a variable's name and value, for ``${NAME}`` references in this session."""

        def done(name: str, value: str) -> None:
            self.set_value({name: value})
            self.note(f"${{{name}}} set for this session (kept in memory only)", timeout=5)

        ask_name_and_value(self.ask, done)

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
            if exc.kind == "conflict":  # the name is taken: offer to update that one
                self.spawn(self._plan_update(resolved, secrets, None))
                return
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
        self.followed(result.id, result.name)

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

    def cost_text(self, data: dict[str, Any]) -> str | None:
        """The list-price estimate of ``data``, when the product's price is known."""
        price = self.connection.price_of(data.get("product_id"))
        if price is None:
            return None  # no price known (no look-ups yet): nothing to estimate from
        from ...spec.cost import estimate

        cost = estimate(data, price)
        return cost.describe() if cost is not None else None

    # -- update -----------------------------------------------------------------------------
    async def _plan_update(
        self, resolved: dict[str, Any], secrets: dict[str, str], endpoint_id: str | None
    ) -> None:
        """Diff the form with the deployed endpoint (``None``: the one of the form's name),
        then send nothing, refuse, or ask and update."""
        from ...api import ApiError
        from ...spec.diff import diff, kept

        client = await self.connection.client_now()
        if client is None:
            self.note(f"Not sent: no target ({self.connection.problem})", severity="error")
            return
        try:
            current = await self._current(client, endpoint_id, str(resolved.get("name") or ""))
        except ApiError as exc:
            self.note(self.connection.redact(str(exc)), title="Not sent", severity="error")
            return
        if current is None:
            self.note("Not sent: the name is taken, but no endpoint of that name was found")
            return
        changes = diff(resolved, current.data, client.version)
        label = linked_label(current)
        fixed = [c.describe() for c in changes if c.immutable]
        if fixed:
            text = f"Not sent: {label}: " + "; ".join(fixed)
            self._ended(text, failed=True)
            self.note(text, severity="error", timeout=12)
            return
        if not changes:
            self._ended(f"No changes to {label}: nothing sent", failed=False)
            self.note(f"No changes to {label}: nothing sent", timeout=5)
            return
        question = ConfirmSubmit(
            resolved,
            self.form.version,
            self.connection.target_text(),
            client.sandbox,
            self.connection.product_text(resolved.get("product_id")),
            update_of=label,
            changes=tuple(c.describe() for c in changes)
            + tuple(c.describe() for c in kept(resolved, current.data, client.version)),
            taken=endpoint_id is None,
            cost=self.cost_text(resolved),
        )

        def answered(yes: Any) -> None:
            if yes and not self.in_flight:
                if self.linked is None or self.linked.id != current.id:
                    self.link(current)
                self.send_update(resolved, secrets, current)

        self.ask(question, answered)

    async def _current(self, client: Any, endpoint_id: str | None, name: str) -> Any:
        if endpoint_id is not None:
            return await client.get(endpoint_id)
        named = [i for i in await client.list_endpoints() if i.name == name]
        return await client.get(named[0].id) if len(named) == 1 else None

    def send_update(self, resolved: dict[str, Any], secrets: dict[str, str], current: Any) -> None:
        self.in_flight = True
        self.post(SubmitStarted(f"{linked_label(current)} (update)"))
        self.spawn(self._update(resolved, secrets, current), group=SUBMIT_GROUP, exclusive=True)

    async def _update(
        self, resolved: dict[str, Any], secrets: dict[str, str], current: Any
    ) -> None:
        from ...api import ApiError

        redact = self.connection.redact
        try:
            client = await self.connection.client_now()
            if client is None:
                self._ended("Not sent: no target", failed=True)
                return
            client.add_references(secrets)
            await client.update(current.id, resolved, current=current)
        except asyncio.CancelledError:
            self._ended("Update cancelled", failed=True)
            raise
        except ApiError as exc:
            said = redact(str(exc))
            self._ended(f"Update failed: {said}", failed=True)
            self.note(said, title="Update failed", severity="error", timeout=15)
            self._server_problem(exc)
        except Exception as exc:  # a bug must still end as a message, not a silent spinner
            self._ended(redact(f"Update failed: {exc}"), failed=True)
        else:
            self._ended(f"Updated endpoint {linked_label(current)}", failed=False)
            self.note(f"Updated {linked_label(current)}", title="Submitted", timeout=10)
            self.followed(current.id, current.name)
        finally:
            self.in_flight = False

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
