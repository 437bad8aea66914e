"""Structured validation results."""

from __future__ import annotations

from typing import Literal, NamedTuple

Severity = Literal["error", "warning"]


class Issue(NamedTuple):
    """One finding: a dotted location, a plain message naming the rule, a severity."""

    loc: str
    message: str
    severity: Severity = "error"

    def __str__(self) -> str:
        return f"{self.loc or '(endpoint)'}: {self.message}"

    def as_dict(self) -> dict[str, str]:
        return {"loc": self.loc, "message": self.message}


class Report(NamedTuple):
    issues: tuple[Issue, ...]

    @property
    def errors(self) -> list[Issue]:
        return [i for i in self.issues if i.severity == "error"]

    @property
    def warnings(self) -> list[Issue]:
        return [i for i in self.issues if i.severity == "warning"]

    @property
    def ok(self) -> bool:
        return not any(i.severity == "error" for i in self.issues)

    def at(self, loc: str) -> list[Issue]:
        return [i for i in self.issues if i.loc == loc]
