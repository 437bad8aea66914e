"""What the form holds, independent of any widget: the raw endpoint table and what to show of it.

Pure Python (no Textual), so the rules about *when* a message is shown, which section an
issue belongs to and whether there are unsaved changes are tested without a terminal.
Every rule about *what* is valid stays in :mod:`tui_app.spec`.
"""

from __future__ import annotations

import copy
import re
from collections.abc import Iterable
from typing import Any, NamedTuple

from .. import spec
from ..spec.fields import pattern_path
from ..spec.issues import Issue, Report


class Section(NamedTuple):
    """One tab of the form: scalar fields shown as rows, or one list edited as a table."""

    id: str
    title: str
    paths: tuple[str, ...] = ()
    table: str | None = None


def _paths(prefix: str) -> tuple[str, ...]:
    if not prefix:
        return tuple(p for p in spec.FIELDS if "." not in p)
    return tuple(p for p in spec.FIELDS if p.startswith(f"{prefix}.") and "*" not in p)


SECTIONS: tuple[Section, ...] = (
    Section("general", "General", _paths("")),
    Section("workers", "Workers", _paths("worker_config")),
    Section("policy", "Policy", _paths("policy")),
    Section("volumes", "Volumes", table="volumes"),
    Section("env", "Env", table="envs"),
    Section("ports", "Ports", table="ports"),
    Section("health", "Health", _paths("health_check")),
    Section("review", "Review"),
)
SECTION_IDS: tuple[str, ...] = tuple(s.id for s in SECTIONS)
_BY_HEAD = {
    "worker_config": "workers",
    "policy": "policy",
    "volumes": "volumes",
    "envs": "env",
    "ports": "ports",
    "health_check": "health",
}
_FIELD_ORDER = {path: index for index, path in enumerate(spec.FIELDS)}
_NUMBER = re.compile(r"\.(\d+)(?=\.|$)")


def section_of(loc: str) -> str:
    """The tab an issue location belongs to (``volumes.1.id`` -> ``volumes``)."""
    return _BY_HEAD.get(loc.split(".", 1)[0], "general")


def order_key(loc: str) -> tuple[int, tuple[int, ...], int]:
    """Form order: tab, then row number (for lists), then field declaration order."""
    section = SECTION_IDS.index(section_of(loc))
    numbers = tuple(int(n) for n in _NUMBER.findall(loc))
    return section, numbers, _FIELD_ORDER.get(pattern_path(loc), -1)


def _diff(new: dict[str, Any], old: dict[str, Any], prefix: str) -> list[str]:
    out: list[str] = []
    for key in [*new, *(k for k in old if k not in new)]:
        a, b = new.get(key), old.get(key)
        if a == b:
            continue
        if isinstance(a, dict) and isinstance(b, dict):
            out.extend(_diff(a, b, f"{prefix}{key}."))
        else:
            out.append(f"{prefix}{key}")
    return out


def _is_empty(value: Any) -> bool:
    return value is None or value == "" or value == [] or value == {}


class FormState:
    """The endpoint table being edited, the API version it is checked against, and what the
    user has touched. Changes go through :meth:`set` / :meth:`set_rows` so the report stays
    current; reading :attr:`report` re-validates at most once per change."""

    def __init__(self, data: dict[str, Any] | None = None, version: str = "v2") -> None:
        self.data: dict[str, Any] = {}
        self.version = version
        self.touched: set[str] = set()
        self.submit_attempted = False
        # found when sending (an unset ${NAME}); they stand until the list changes
        self.send_problems: list[Issue] = []
        # warnings from the loaded catalogue (unknown product, region not offered)
        self.catalogue_problems: list[Issue] = []
        # where the table came from: the open preset (None: a new endpoint or a template),
        # the template it was started from, and the preset's description
        self.preset_name: str | None = None
        self.template_name: str | None = None
        self.preset_description = ""
        self._saved: dict[str, Any] = {}
        self._report: Report | None = None
        self.replace(data or {}, saved=True)

    # -- reading ------------------------------------------------------------------------
    def get(self, loc: str) -> Any:
        node: Any = self.data
        for part in loc.split("."):
            if isinstance(node, dict):
                node = node.get(part)
            elif isinstance(node, list) and part.isdigit() and int(part) < len(node):
                node = node[int(part)]
            else:
                return None
        return node

    def rows(self, group: str) -> list[Any]:
        value = self.data.get(group)
        return copy.deepcopy(value) if isinstance(value, list) else []

    @property
    def report(self) -> Report:
        if self._report is None:
            self._report = spec.validate(self.data, self.version)
        return self._report

    def body(self) -> dict[str, Any]:
        """The exact request body for the chosen API version."""
        return spec.render(self.data, self.version)

    @property
    def dirty(self) -> bool:
        return spec.clean(self.data) != self._saved

    # -- changing -----------------------------------------------------------------------
    def set(self, loc: str, value: Any) -> bool:
        """Set one scalar field (an empty value removes it). True when something changed."""
        if _is_empty(value):
            value = None
        if self.get(loc) == value and type(self.get(loc)) is type(value):
            return False
        self.send_problems = [i for i in self.send_problems if i.loc != loc]
        head, _, leaf = loc.rpartition(".")
        parent = self._table(head, create=value is not None)
        if parent is None:
            return False
        if value is None:
            parent.pop(leaf, None)
            if head and not parent:
                self.data.pop(head, None)
        else:
            parent[leaf] = value
        self._changed()
        return True

    def set_rows(self, group: str, rows: Iterable[Any]) -> bool:
        new = copy.deepcopy(list(rows))
        if self.rows(group) == new:
            return False
        self.send_problems = [i for i in self.send_problems if not i.loc.startswith(group)]
        if new:
            self.data[group] = new
        else:
            self.data.pop(group, None)
        self._changed()
        return True

    def set_version(self, version: str) -> bool:
        if version == self.version:
            return False
        self.version = version
        self._changed()
        return True

    def replace(
        self, data: dict[str, Any], *, version: str | None = None, saved: bool = True
    ) -> None:
        """Load another table (a preset, a draft). Nothing is touched yet: its problems show
        in the tab badges and the status line, under a field once it is left or submitted."""
        self.data = copy.deepcopy(dict(data))
        if version:
            self.version = version
        self.submit_attempted = False
        self.send_problems = []
        self.touched = set()
        if saved:
            self.mark_saved()
        self._changed()

    def mark_saved(self, table: dict[str, Any] | None = None) -> None:
        """Take ``table`` (default: the current data) as what is on disk now."""
        self._saved = spec.clean(self.data) if table is None else copy.deepcopy(table)

    def changed_paths(self) -> list[str]:
        """Fields (and whole lists) that differ from what was last saved or loaded."""
        return _diff(spec.clean(self.data), self._saved, "")

    def saved_table(self) -> dict[str, Any]:
        return copy.deepcopy(self._saved)

    def touch(self, loc: str) -> bool:
        if loc in self.touched:
            return False
        self.touched.add(loc)
        return True

    def attempt_submit(self) -> None:
        self.submit_attempted = True

    # -- what to show -------------------------------------------------------------------
    def shown(self, loc: str) -> bool:
        return self.submit_attempted or loc in self.touched

    @property
    def issues(self) -> list[Issue]:
        """The spec's findings plus what sending found."""
        return [*self.send_problems, *self.report.issues, *self.catalogue_problems]

    @property
    def errors(self) -> list[Issue]:
        return [i for i in self.issues if i.severity == "error"]

    def visible_issues(self, loc: str) -> list[Issue]:
        """Issues at ``loc``, once the field has been left or a submit was attempted."""
        return [i for i in self.issues if i.loc == loc] if self.shown(loc) else []

    def errors_by_section(self) -> dict[str, int]:
        counts = dict.fromkeys(SECTION_IDS, 0)
        for issue in self.errors:
            counts[section_of(issue.loc)] += 1
        return counts

    def issues_in(self, group: str) -> dict[str, str]:
        """Messages for the rows of one list (``volumes``), by location; errors win."""
        out: dict[str, str] = {}
        for issue in sorted(self.issues, key=lambda i: i.severity != "error"):
            if issue.loc == group or issue.loc.startswith(f"{group}."):
                out.setdefault(issue.loc, issue.message)
        return out

    def warnings_by_section(self) -> dict[str, int]:
        counts = dict.fromkeys(SECTION_IDS, 0)
        for issue in self.report.warnings:
            counts[section_of(issue.loc)] += 1
        return counts

    def warned_in(self, group: str) -> frozenset[str]:
        """Locations in one list whose only issues are warnings."""
        shown = self.issues_in(group)
        errors = {i.loc for i in self.errors}
        return frozenset(loc for loc in shown if loc not in errors)

    def ordered_errors(self) -> list[Issue]:
        return sorted(self.errors, key=lambda i: order_key(i.loc))

    def stops(self) -> list[Issue]:
        """Where the next-issue key goes: errors in form order, then warnings."""
        warnings = sorted(self.report.warnings, key=lambda i: order_key(i.loc))
        return [*self.ordered_errors(), *warnings]

    def next_error(self, after: str | None = None) -> Issue | None:
        """The first error after ``after`` in form order, wrapping around."""
        errors = self.ordered_errors()
        if not errors:
            return None
        if after is not None:
            here = order_key(after)
            for issue in errors:
                if order_key(issue.loc) > here:
                    return issue
        return errors[0]

    # -- internals ----------------------------------------------------------------------
    def _changed(self) -> None:
        self._report = None

    def _table(self, head: str, *, create: bool) -> dict[str, Any] | None:
        node: Any = self.data
        for part in head.split(".") if head else []:
            child = node.get(part) if isinstance(node, dict) else None
            if not isinstance(child, dict):
                if not create:
                    return None
                child = {}
                node[part] = child
            node = child
        return node if isinstance(node, dict) else None
