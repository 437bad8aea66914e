"""The env table: paste KEY=VALUE lines, import a .env file, mask values that look secret.

``$`` turns the highlighted value into a ``${KEY}`` reference, so the preset keeps the name
and the value is read from the user's environment only when sending.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, ClassVar

from rich.text import Text
from textual import events, work
from textual.binding import Binding, BindingType

from ... import spec
from ..screens.path_prompt import PathPrompt
from .row_table import RowTable

MASK = "••••••"
MAX_ENV_FILE = 1024 * 1024  # a .env larger than this is not a .env


@dataclass
class EnvLines:
    """What a block of KEY=VALUE text held: the pairs, and (line number, reason) it skipped."""

    pairs: list[tuple[str, str]] = field(default_factory=list)
    problems: list[tuple[int, str]] = field(default_factory=list)


def unquote(value: str) -> tuple[str, str | None]:
    """A value as a shell would read it, and a reason when it cannot be read."""
    if value[:1] in ("'", '"'):
        quote = value[0]
        end = value.find(quote, 1)
        while quote == '"' and end > 0 and value[end - 1] == "\\":
            end = value.find(quote, end + 1)
        if end < 0:
            return "", f"the {quote} quote is not closed"
        inner = value[1:end]
        if quote == '"':
            inner = inner.replace('\\"', '"').replace("\\n", "\n").replace("\\\\", "\\")
        return inner, None
    # unquoted: a " #" starts a comment, as in shells and python-dotenv
    hash_at = value.find(" #")
    return (value[:hash_at] if hash_at >= 0 else value).strip(), None


def parse_env_lines(text: str) -> EnvLines:
    """Read ``.env`` style text: comments, blank lines, ``export`` and quotes are handled."""
    out = EnvLines()
    for number, raw in enumerate(text.splitlines(), 1):
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        if line.startswith("export "):
            line = line.removeprefix("export ").lstrip()
        key, sep, rest = line.partition("=")
        key = key.strip()
        if not sep or not key:
            out.problems.append((number, "is not NAME=VALUE"))
            continue
        issues = spec.validate_field("envs.0.key", key)
        if issues:
            out.problems.append((number, f"name {key!r} {issues[0].message}"))
            continue
        value, problem = unquote(rest.strip())
        if problem:
            out.problems.append((number, problem))
            continue
        out.pairs.append((key, value))
    return out


def merge(rows: list[Any], pairs: list[tuple[str, str]]) -> tuple[list[Any], int, int]:
    """Rows with each pair set (an existing name is updated in place); added and updated counts."""
    merged = [dict(row) if isinstance(row, dict) else row for row in rows]
    where = {row.get("key"): i for i, row in enumerate(merged) if isinstance(row, dict)}
    added = updated = 0
    for key, value in pairs:
        if key in where:
            merged[where[key]]["value"] = value
            updated += 1
        else:
            where[key] = len(merged)
            merged.append({"key": key, "value": value})
            added += 1
    return merged, added, updated


def summary(source: str, added: int, updated: int, problems: list[tuple[int, str]]) -> str:
    head = f"{source}: {added} added, {updated} updated."
    if not problems:
        return head
    # line numbers and reasons only: the text itself may hold a secret
    shown = "; ".join(f"line {n} {why}" for n, why in problems[:5])
    more = f" (and {len(problems) - 5} more)" if len(problems) > 5 else ""
    return f"{head} Skipped {shown}{more}."


def read_env_file(path: Path) -> str:
    if path.stat().st_size > MAX_ENV_FILE:
        raise OSError(f"{path} is larger than {MAX_ENV_FILE // 1024} KiB; not a .env file")
    return path.read_text(encoding="utf-8", errors="replace")


class EnvTable(RowTable):
    """RowTable for ``envs`` with paste, import, masking and ``${NAME}`` references."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("r", "reveal", "Reveal", id="env-reveal"),
        Binding("dollar_sign", "make_reference", "${KEY}", key_display="$", id="env-ref"),
        Binding("i", "import_file", "Import", id="env-import"),
    ]

    def __init__(
        self, *, version: str = "v2", id: str | None = None, classes: str | None = None
    ) -> None:
        super().__init__("envs", version=version, id=id, classes=classes)
        self.revealed: set[str] = set()

    # -- masking -----------------------------------------------------------------------

    def row_name(self, index: int) -> str:
        row = self.rows[index] if index < len(self.rows) else None
        key = row.get("key") if isinstance(row, dict) else None
        return key if isinstance(key, str) else f"#{index}"

    def is_masked(self, index: int) -> bool:
        row = self.rows[index] if index < len(self.rows) else None
        if not isinstance(row, dict):
            return False
        secret = spec.looks_secret(row.get("key"), row.get("value"))
        return secret and self.row_name(index) not in self.revealed

    def display_value(self, index: int, key: str, value: Any) -> Text:
        if key == "value" and self.is_masked(index):
            return Text(MASK, style="dim")
        return super().display_value(index, key, value)

    def action_reveal(self) -> None:
        if not self.rows:
            return
        name = self.row_name(self.grid.cursor_row)
        self.revealed.symmetric_difference_update({name})
        self.rebuild()

    # -- references --------------------------------------------------------------------

    def action_make_reference(self) -> None:
        if not self.rows:
            return
        index = self.grid.cursor_row
        row = self.rows[index]
        key = row.get("key") if isinstance(row, dict) else None
        reference = f"${{{key}}}"
        if not isinstance(key, str) or spec.env_ref(reference) != key:
            self.notify(
                f"{key!r} cannot be used as a shell variable name; rename it first",
                severity="warning",
                markup=False,
            )
            return
        if row.get("value") == reference:
            self.notify(f"{key} already reads {reference}", markup=False)
            return
        rows = list(self.rows)
        rows[index] = {**row, "value": reference}
        self.commit(rows, index)
        self.notify(
            f"{key} now reads {reference} when sending. Export it in the shell that runs "
            f"ppio-endpoint: export {key}=…",
            title="Env reference",
            timeout=10,
            markup=False,
        )

    # -- paste and import --------------------------------------------------------------

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action in ("reveal", "make_reference") and not self.rows:
            return None
        return super().check_action(action, parameters)

    def on_paste(self, event: events.Paste) -> None:
        event.stop()
        self.take_lines(event.text, "Pasted")

    def take_lines(self, text: str, source: str) -> None:
        parsed = parse_env_lines(text)
        if not parsed.pairs and not parsed.problems:
            return
        rows, added, updated = merge(self.rows, parsed.pairs)
        if parsed.pairs:
            last_key = parsed.pairs[-1][0]
            last = max(
                i for i, r in enumerate(rows) if isinstance(r, dict) and r.get("key") == last_key
            )
            self.commit(rows, last)
        severity = "warning" if parsed.problems else "information"
        text = summary(source, added, updated, parsed.problems)
        self.notify(text, severity=severity, markup=False)

    def action_import_file(self) -> None:
        def chosen(answer: str | None) -> None:
            if answer:
                self.import_file(Path(answer).expanduser())

        prompt = PathPrompt("Import variables from a .env file", value=".env")
        self.app.push_screen(prompt, chosen)

    @work(thread=True, group="env-import", exclusive=True)
    def import_file(self, path: Path) -> None:
        # a file on a slow or network disk must not stall the UI
        try:
            text = read_env_file(path)
        except OSError as exc:
            reason = exc.strerror or str(exc)
            message = f"Cannot import {path}: {reason}"
            self.app.call_from_thread(self.notify, message, severity="error", markup=False)
            return
        self.app.call_from_thread(self.take_lines, text, f"Imported {path.name}")
